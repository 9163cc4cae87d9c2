package dev.frostsandbox.frost.signing;

import dev.frostsandbox.frost.Identifier;
import java.math.BigInteger;
import java.util.SortedMap;

/** rho_i for every signer, with the inputs they were hashed from (for vector tests). */
public record BindingFactors(
    SortedMap<Identifier, BigInteger> bindingFactors, SortedMap<Identifier, byte[]> inputs) {

  public BigInteger of(Identifier id) {
    return bindingFactors.get(id);
  }
}
