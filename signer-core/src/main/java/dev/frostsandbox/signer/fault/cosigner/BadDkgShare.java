package dev.frostsandbox.signer.fault.cosigner;

import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Round2Package;
import java.math.BigInteger;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code bad-dkg-share}: every round-2 package the server sends holds f_server(receiver) + 1, which
 * does not match the server's round-1 commitment, so the client's part3 share check names the
 * server. The server's own part (its secret package) is untouched, so its key is the correct one.
 */
public final class BadDkgShare {
  private BadDkgShare() {}

  public static SortedMap<Identifier, Round2Package> corrupt(
      Group<?> group, Map<Identifier, Round2Package> packages) {
    SortedMap<Identifier, Round2Package> out = new TreeMap<>();
    packages.forEach(
        (receiver, p) ->
            out.put(
                receiver,
                new Round2Package(p.signingShare().add(BigInteger.ONE).mod(group.order()))));
    return out;
  }
}
