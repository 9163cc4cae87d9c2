package dev.frostsandbox.frost.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.FrostException.Kind;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Polynomial;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.frost.json.InvalidPackageException;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.Delta;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.keys.Refresh;
import dev.frostsandbox.frost.keys.SecretShare;
import dev.frostsandbox.frost.keys.Sigma;
import dev.frostsandbox.frost.keys.TrustedDealer;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.function.Executable;

/**
 * Key lifecycle checks written once for every ciphersuite: share refresh by DKG and by a dealer,
 * share repair (RTS) with frost-core's known answers, and every cheater named (aggregate, DKG,
 * refresh). Randomness is a seeded SHA1PRNG, so a failure reproduces.
 */
public final class KeyLifecycleChecks<E> {

  private final Frost<E> frost;
  private final Group<E> group;

  public KeyLifecycleChecks(Frost<E> frost) {
    this.frost = frost;
    this.group = frost.group();
  }

  // ====================================================================================
  // helpers
  // ====================================================================================

  private static List<Identifier> ids(int... n) {
    List<Identifier> out = new ArrayList<>();
    for (int i : n) {
      out.add(Identifier.of(i));
    }
    return out;
  }

  private static List<Identifier> numbered(int n) {
    List<Identifier> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Identifier.of(i));
    }
    return out;
  }

  private static <T> SortedMap<Identifier, T> without(Map<Identifier, T> map, Identifier self) {
    SortedMap<Identifier, T> out = new TreeMap<>(map);
    out.remove(self);
    return out;
  }

  private static <T> SortedMap<Identifier, Round2Package> receivedBy(
      Map<Identifier, Dkg.Part2<T>> part2s, Identifier receiver) {
    SortedMap<Identifier, Round2Package> out = new TreeMap<>();
    part2s.forEach(
        (sender, p) -> {
          if (!sender.equals(receiver)) {
            out.put(sender, p.packages().get(receiver));
          }
        });
    return out;
  }

  private static <T> SortedMap<Identifier, Round1Package<T>> round1(
      Map<Identifier, Dkg.Part1<T>> part1s) {
    SortedMap<Identifier, Round1Package<T>> out = new TreeMap<>();
    part1s.forEach((id, p) -> out.put(id, p.package_()));
    return out;
  }

  /** A key made by an honest DKG: everyone's key package and the (common) public key package. */
  private record Group_<E>(SortedMap<Identifier, KeyPackage<E>> keys, PublicKeyPackage<E> pub) {}

  private Group_<E> dkg(List<Identifier> ids, int min, SecureRandom random) {
    SortedMap<Identifier, Dkg.Part1<E>> part1s = new TreeMap<>();
    for (Identifier id : ids) {
      part1s.put(id, frost.dkg().part1(id, ids.size(), min, random));
    }
    SortedMap<Identifier, Round1Package<E>> all = round1(part1s);
    SortedMap<Identifier, Dkg.Part2<E>> part2s = new TreeMap<>();
    part1s.forEach(
        (id, p) -> part2s.put(id, frost.dkg().part2(p.secretPackage(), without(all, id))));
    SortedMap<Identifier, KeyPackage<E>> keys = new TreeMap<>();
    PublicKeyPackage<E> pub = null;
    for (Identifier id : ids) {
      Dkg.Part3<E> p3 =
          frost
              .dkg()
              .part3(part2s.get(id).secretPackage(), without(all, id), receivedBy(part2s, id));
      keys.put(id, p3.keyPackage());
      pub = p3.publicKeyPackage();
    }
    return new Group_<>(keys, pub);
  }

  /** The rounds of a refresh by DKG among {@code ids}, up to (not including) refresh_dkg_shares. */
  private record RefreshRun<E>(
      SortedMap<Identifier, Round1Package<E>> round1, SortedMap<Identifier, Dkg.Part2<E>> part2s) {}

  private RefreshRun<E> refreshRounds(Collection<Identifier> ids, int min, SecureRandom random) {
    SortedMap<Identifier, Dkg.Part1<E>> part1s = new TreeMap<>();
    for (Identifier id : ids) {
      part1s.put(id, frost.refresh().refreshDkgPart1(id, ids.size(), min, random));
    }
    SortedMap<Identifier, Round1Package<E>> all = round1(part1s);
    SortedMap<Identifier, Dkg.Part2<E>> part2s = new TreeMap<>();
    part1s.forEach(
        (id, p) ->
            part2s.put(id, frost.refresh().refreshDkgPart2(p.secretPackage(), without(all, id))));
    return new RefreshRun<>(all, part2s);
  }

  private Dkg.Part3<E> refreshShares(RefreshRun<E> run, Identifier id, Group_<E> old) {
    return frost
        .refresh()
        .refreshDkgShares(
            run.part2s().get(id).secretPackage(),
            without(run.round1(), id),
            receivedBy(run.part2s(), id),
            old.pub(),
            old.keys().get(id));
  }

  /**
   * A full refresh by DKG among {@code ids}; every participant must agree on the new public keys.
   */
  private Group_<E> refresh(Group_<E> old, List<Identifier> ids, SecureRandom random) {
    RefreshRun<E> run = refreshRounds(ids, old.pub().minSigners(), random);
    SortedMap<Identifier, KeyPackage<E>> keys = new TreeMap<>();
    String pubJson = null;
    PublicKeyPackage<E> pub = null;
    for (Identifier id : ids) {
      Dkg.Part3<E> p3 = refreshShares(run, id, old);
      keys.put(id, p3.keyPackage());
      String json = frost.json().publicKeyPackage(p3.publicKeyPackage()).toString();
      if (pubJson != null) {
        assertEquals(
            pubJson, json, "every participant computes the same refreshed public key package");
      }
      pubJson = json;
      pub = p3.publicKeyPackage();
    }
    return new Group_<>(keys, pub);
  }

  private record Session<E>(
      SigningPackage<E> signingPackage, SortedMap<Identifier, SignatureShare> shares) {}

  private Session<E> session(
      Map<Identifier, KeyPackage<E>> keys,
      List<Identifier> signers,
      byte[] message,
      SecureRandom random) {
    SortedMap<Identifier, SigningNonces<E>> nonces = new TreeMap<>();
    SortedMap<Identifier, SigningCommitments<E>> commitments = new TreeMap<>();
    for (Identifier id : signers) {
      SigningNonces<E> n = frost.signing().commit(keys.get(id).signingShare(), random);
      nonces.put(id, n);
      commitments.put(id, n.commitments());
    }
    SigningPackage<E> pkg = new SigningPackage<>(commitments, message);
    SortedMap<Identifier, SignatureShare> shares = new TreeMap<>();
    for (Identifier id : signers) {
      shares.put(id, frost.signing().sign(pkg, nonces.get(id), keys.get(id)));
    }
    return new Session<>(pkg, shares);
  }

  /**
   * Signs with {@code signers}, aggregates with {@code pub} and checks the signature under {@code
   * verifyingKey}.
   */
  private void signs(
      Map<Identifier, KeyPackage<E>> keys,
      PublicKeyPackage<E> pub,
      List<Identifier> signers,
      E verifyingKey,
      SecureRandom random) {
    byte[] message = ("lifecycle " + signers).getBytes(StandardCharsets.UTF_8);
    Session<E> s = session(keys, signers, message, random);
    Signature<E> sig = frost.signing().aggregate(s.signingPackage(), s.shares(), pub);
    assertTrue(
        frost.signing().verify(message, sig, verifyingKey),
        "signature by " + signers + " verifies under the group key");
  }

  /** sum lambda_i * s_i over {@code shares}: the secret they interpolate to. */
  private BigInteger interpolate(Map<Identifier, BigInteger> shares) {
    BigInteger sk = BigInteger.ZERO;
    for (Map.Entry<Identifier, BigInteger> s : shares.entrySet()) {
      sk =
          sk.add(
              Polynomial.lagrangeAtZero(shares.keySet(), s.getKey(), group.order())
                  .multiply(s.getValue()));
    }
    return sk.mod(group.order());
  }

  private static FrostException expectFrost(
      Kind kind, List<Identifier> culprits, Executable action) {
    FrostException e = assertThrows(FrostException.class, action);
    assertEquals(kind, e.kind(), () -> "kind of: " + e.getMessage());
    assertEquals(culprits, e.culprits(), () -> "culprits of: " + e.getMessage());
    assertEquals(
        culprits.isEmpty() ? null : culprits.get(0), e.culprit(), "culprit() is the first culprit");
    return e;
  }

  /** The document as a client would send it: printed and parsed again. */
  private static JsonNode reparse(JsonNode node) {
    try {
      return dev.frostsandbox.frost.json.FrostJson.MAPPER.readTree(node.toString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private BigInteger scalar(JsonNode n) {
    try {
      return group.deserializeScalar(Bytes.fromHex(n.asText()));
    } catch (Exception e) {
      throw new AssertionError("vector scalar does not decode: " + n, e);
    }
  }

  private String hex(BigInteger s) {
    return Bytes.toHex(group.serializeScalar(s));
  }

  // ====================================================================================
  // refresh
  // ====================================================================================

  /**
   * 2-of-3 and 3-of-5: a refresh by DKG keeps the group key, changes every share and verifying
   * share, and every threshold subset of the new shares signs; a refresh by a subset removes the
   * others.
   */
  public void checkRefreshThenSign() {
    SecureRandom random = FrostPropertyChecks.seeded(101);
    for (int[] c : new int[][] {{2, 3}, {3, 5}}) {
      int min = c[0];
      List<Identifier> all = numbered(c[1]);
      Group_<E> old = dkg(all, min, random);
      Group_<E> fresh = refresh(old, all, random);
      E vk = old.pub().verifyingKey();
      assertTrue(
          group.equal(vk, fresh.pub().verifyingKey()), "the group verifying key is unchanged");
      assertEquals(Integer.valueOf(min), fresh.pub().minSigners(), "the threshold is unchanged");
      assertEquals(all, new ArrayList<>(fresh.pub().verifyingShares().keySet()));
      for (Identifier id : all) {
        KeyPackage<E> k = fresh.keys().get(id);
        assertNotEquals(
            old.keys().get(id).signingShare(), k.signingShare(), "share of " + id + " changed");
        assertFalse(
            group.equal(old.pub().verifyingShares().get(id), fresh.pub().verifyingShares().get(id)),
            "verifying share of " + id + " changed");
        assertTrue(group.equal(group.multiplyBase(k.signingShare()), k.verifyingShare()));
        assertTrue(group.equal(k.verifyingShare(), fresh.pub().verifyingShares().get(id)));
        assertTrue(group.equal(vk, k.verifyingKey()));
        assertEquals(min, k.minSigners());
      }
      for (List<Identifier> signers : FrostPropertyChecks.subsets(all, min)) {
        signs(fresh.keys(), fresh.pub(), signers, vk, random);
      }
      // the new shares interpolate to the same secret as the old ones
      Map<Identifier, BigInteger> newShares = new TreeMap<>();
      all.subList(0, min).forEach(id -> newShares.put(id, fresh.keys().get(id).signingShare()));
      assertTrue(group.equal(group.multiplyBase(interpolate(newShares)), vk));

      // a refresh by exactly min_signers participants removes the others
      List<Identifier> kept = all.subList(all.size() - min, all.size());
      Group_<E> smaller = refresh(fresh, kept, random);
      assertEquals(
          kept,
          new ArrayList<>(smaller.pub().verifyingShares().keySet()),
          "the others are removed");
      assertTrue(group.equal(vk, smaller.pub().verifyingKey()));
      signs(smaller.keys(), smaller.pub(), kept, vk, random);
      // a removed participant's share is not part of the group any more
      Identifier removed = all.get(0);
      List<Identifier> withRemoved = new ArrayList<>(kept.subList(1, min));
      withRemoved.add(0, removed);
      SortedMap<Identifier, KeyPackage<E>> mixed = new TreeMap<>(smaller.keys());
      mixed.put(removed, fresh.keys().get(removed));
      Session<E> s = session(mixed, withRemoved, new byte[] {1}, random);
      expectFrost(
          Kind.UNKNOWN_IDENTIFIER,
          List.of(removed),
          () -> frost.signing().aggregate(s.signingPackage(), s.shares(), smaller.pub()));
    }
  }

  /** Old shares no longer combine with refreshed ones: not as a secret, not as a signature. */
  public void checkOldSharesDoNotCombineWithRefreshed() {
    SecureRandom random = FrostPropertyChecks.seeded(102);
    List<Identifier> all = numbered(3);
    Group_<E> old = dkg(all, 2, random);
    Group_<E> fresh = refresh(old, all, random);
    E vk = old.pub().verifyingKey();
    Identifier a = Identifier.of(1);
    Identifier b = Identifier.of(3);
    Map<Identifier, BigInteger> mixedShares =
        new TreeMap<>(
            Map.of(a, old.keys().get(a).signingShare(), b, fresh.keys().get(b).signingShare()));
    assertFalse(
        group.equal(group.multiplyBase(interpolate(mixedShares)), vk),
        "old + new shares do not give the group secret");
    Map<Identifier, BigInteger> oldShares =
        new TreeMap<>(
            Map.of(a, old.keys().get(a).signingShare(), b, old.keys().get(b).signingShare()));
    assertTrue(
        group.equal(group.multiplyBase(interpolate(oldShares)), vk),
        "control: old shares together still do");

    SortedMap<Identifier, KeyPackage<E>> mixed =
        new TreeMap<>(Map.of(a, old.keys().get(a), b, fresh.keys().get(b)));
    byte[] message = "mixed".getBytes(StandardCharsets.UTF_8);
    Session<E> s = session(mixed, List.of(a, b), message, random);
    // the signature shares do not add up to a signature under the (unchanged) group key
    BigInteger z = BigInteger.ZERO;
    for (SignatureShare share : s.shares().values()) {
      z = z.add(share.share());
    }
    E r =
        frost
            .signing()
            .groupCommitment(
                s.signingPackage(), frost.signing().bindingFactors(vk, s.signingPackage()));
    assertFalse(frost.signing().verify(message, new Signature<>(r, z.mod(group.order())), vk));
    // and the coordinator names the stale share: under the new public keys the old one, under the
    // old the new one
    expectFrost(
        Kind.INVALID_SIGNATURE_SHARE,
        List.of(a),
        () -> frost.signing().aggregate(s.signingPackage(), s.shares(), fresh.pub()));
    expectFrost(
        Kind.INVALID_SIGNATURE_SHARE,
        List.of(b),
        () -> frost.signing().aggregate(s.signingPackage(), s.shares(), old.pub()));
  }

  /** Fewer participants than the threshold, or another threshold, are refused. */
  public void checkRefreshRefusals() {
    SecureRandom random = FrostPropertyChecks.seeded(103);
    List<Identifier> all = numbered(3);
    Group_<E> old = dkg(all, 2, random);
    Identifier one = Identifier.of(1);
    // one participant cannot refresh a 2-of-3 key
    expectFrost(
        Kind.INVALID_MAX_SIGNERS,
        List.of(),
        () -> frost.refresh().refreshDkgPart1(one, 1, 2, random));
    expectFrost(
        Kind.INVALID_MIN_SIGNERS,
        List.of(),
        () -> frost.refresh().refreshDkgPart1(one, 3, 1, random));
    expectFrost(
        Kind.INVALID_MAX_SIGNERS,
        List.of(),
        () -> frost.refresh().computeRefreshingShares(old.pub(), ids(1), random));
    // a 3-of-3 refresh of a 2-of-3 key: the threshold cannot change
    RefreshRun<E> run = refreshRounds(all, 3, random);
    expectFrost(Kind.INVALID_MIN_SIGNERS, List.of(), () -> refreshShares(run, one, old));
    // packages missing: a participant announced in max_signers did not send
    Dkg.Part1<E> p1 = frost.refresh().refreshDkgPart1(one, 3, 2, random);
    Dkg.Part1<E> p2 = frost.refresh().refreshDkgPart1(Identifier.of(2), 3, 2, random);
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_PACKAGES,
        List.of(),
        () ->
            frost
                .refresh()
                .refreshDkgPart2(p1.secretPackage(), Map.of(Identifier.of(2), p2.package_())));
    // a DKG round 1 package (constant term included) is not a refresh package
    Dkg.Part1<E> dkg2 = frost.dkg().part1(Identifier.of(2), 3, 2, random);
    Dkg.Part1<E> dkg3 = frost.dkg().part1(Identifier.of(3), 3, 2, random);
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_COMMITMENTS,
        ids(2, 3),
        () ->
            frost
                .refresh()
                .refreshDkgPart2(
                    p1.secretPackage(),
                    Map.of(Identifier.of(2), dkg2.package_(), Identifier.of(3), dkg3.package_())));
    // a participant outside the group cannot join through a refresh
    List<Identifier> withStranger = ids(1, 2, 9);
    RefreshRun<E> strangers = refreshRounds(withStranger, 2, random);
    expectFrost(Kind.UNKNOWN_IDENTIFIER, ids(9), () -> refreshShares(strangers, one, old));
    // another participant's old key package
    RefreshRun<E> honest = refreshRounds(all, 2, random);
    expectFrost(
        Kind.INCORRECT_PACKAGE,
        List.of(),
        () ->
            frost
                .refresh()
                .refreshDkgShares(
                    honest.part2s().get(one).secretPackage(),
                    without(honest.round1(), one),
                    receivedBy(honest.part2s(), one),
                    old.pub(),
                    old.keys().get(Identifier.of(2))));
  }

  /**
   * The refresh's round 1 package as frost-core builds it: t-1 commitments, proof over a zero a_0.
   */
  public void checkRefreshPackageShape() throws InvalidPackageException {
    SecureRandom random = FrostPropertyChecks.seeded(104);
    Identifier id = Identifier.of(2);
    BigInteger a1 = group.randomNonZeroScalar(random);
    BigInteger a2 = group.randomNonZeroScalar(random);
    BigInteger k = group.randomNonZeroScalar(random);
    Dkg.Part1<E> p = frost.refresh().refreshDkgPart1(id, 4, 3, List.of(a1, a2), k);
    List<E> c = p.package_().commitment();
    assertEquals(2, c.size(), "the constant term's commitment (the identity) is left out");
    assertTrue(group.equal(group.multiplyBase(a1), c.get(0)));
    assertTrue(group.equal(group.multiplyBase(a2), c.get(1)));
    // mu = k + 0 * c: frost-core's compute_proof_of_knowledge over a zero constant term
    assertEquals(k, p.package_().proofOfKnowledge().z());
    assertTrue(group.equal(group.multiplyBase(k), p.package_().proofOfKnowledge().r()));
    assertEquals(BigInteger.ZERO, p.secretPackage().coefficients().get(0));
    // f(x) = a1 x + a2 x^2: the refreshing share for participant 3
    BigInteger x = BigInteger.valueOf(3);
    Dkg.Part1<E> q = frost.refresh().refreshDkgPart1(Identifier.of(3), 4, 3, random);
    Dkg.Part1<E> r4 = frost.refresh().refreshDkgPart1(Identifier.of(4), 4, 3, random);
    Dkg.Part1<E> r1 = frost.refresh().refreshDkgPart1(Identifier.of(1), 4, 3, random);
    Dkg.Part2<E> p2 =
        frost
            .refresh()
            .refreshDkgPart2(
                p.secretPackage(),
                Map.of(
                    Identifier.of(1),
                    r1.package_(),
                    Identifier.of(3),
                    q.package_(),
                    Identifier.of(4),
                    r4.package_()));
    assertEquals(
        a1.multiply(x).add(a2.multiply(x).multiply(x)).mod(group.order()),
        p2.packages().get(Identifier.of(3)).signingShare());
    assertEquals(
        2,
        p2.secretPackage().commitment().size(),
        "the kept commitment also leaves out the identity");
    // the package goes over the wire as a DKG round 1 package
    ObjectNode json = frost.json().round1Package(p.package_());
    assertEquals(2, json.get("commitment").size());
    PackageReader<E> reader = frost.json().reader();
    Round1Package<E> back = reader.round1Package(reparse(json), "");
    reader.finish();
    assertEquals(json.toString(), frost.json().round1Package(back).toString());
  }

  /** Refresh by a trusted dealer (compute_refreshing_shares / refresh_share), then sign. */
  public void checkDealerRefresh() {
    SecureRandom random = FrostPropertyChecks.seeded(105);
    TrustedDealer.DealerOutput<E> dealt = frost.dealer().generate(5, 3, random);
    SortedMap<Identifier, KeyPackage<E>> keys = new TreeMap<>();
    dealt.shares().forEach((id, s) -> keys.put(id, frost.dealer().keyPackage(s)));
    List<Identifier> kept = ids(1, 2, 4, 5);
    Refresh.RefreshingShares<E> r =
        frost.refresh().computeRefreshingShares(dealt.publicKeyPackage(), kept, random);
    assertEquals(kept, new ArrayList<>(r.publicKeyPackage().verifyingShares().keySet()));
    E vk = dealt.publicKeyPackage().verifyingKey();
    assertTrue(group.equal(vk, r.publicKeyPackage().verifyingKey()));
    SortedMap<Identifier, KeyPackage<E>> fresh = new TreeMap<>();
    for (Identifier id : kept) {
      SecretShare<E> share = r.shares().get(id);
      assertEquals(2, share.commitment().size(), "the constant term is left out");
      KeyPackage<E> k = frost.refresh().refreshShare(share, keys.get(id));
      assertTrue(group.equal(k.verifyingShare(), r.publicKeyPackage().verifyingShares().get(id)));
      fresh.put(id, k);
    }
    for (List<Identifier> signers : FrostPropertyChecks.subsets(kept, 3)) {
      signs(fresh, r.publicKeyPackage(), signers, vk, random);
    }
    // a tampered refreshing share, or one for somebody else, is refused
    SecretShare<E> s1 = r.shares().get(Identifier.of(1));
    expectFrost(
        Kind.INVALID_SECRET_SHARE,
        ids(1),
        () ->
            frost
                .refresh()
                .refreshShare(
                    new SecretShare<>(
                        s1.identifier(),
                        s1.signingShare().add(BigInteger.ONE).mod(group.order()),
                        s1.commitment()),
                    keys.get(Identifier.of(1))));
    expectFrost(
        Kind.INCORRECT_PACKAGE,
        ids(1),
        () -> frost.refresh().refreshShare(s1, keys.get(Identifier.of(2))));
    expectFrost(
        Kind.UNKNOWN_IDENTIFIER,
        ids(7),
        () ->
            frost
                .refresh()
                .computeRefreshingShares(dealt.publicKeyPackage(), ids(1, 2, 7), random));
  }

  // ====================================================================================
  // repair
  // ====================================================================================

  /** Runs RTS: helpers' deltas, sigmas, and the participant's part 3. */
  private KeyPackage<E> repair(
      Group_<E> g, List<Identifier> helpers, Identifier participant, SecureRandom random) {
    SortedMap<Identifier, SortedMap<Identifier, Delta>> sent = new TreeMap<>();
    for (Identifier h : helpers) {
      SortedMap<Identifier, Delta> deltas =
          frost.repair().repairSharePart1(helpers, g.keys().get(h), random, participant);
      assertEquals(helpers, new ArrayList<>(deltas.keySet()), "one delta for every helper");
      sent.put(h, deltas);
    }
    List<Sigma> sigmas = new ArrayList<>();
    for (Identifier h : helpers) {
      List<Delta> received = new ArrayList<>();
      sent.values().forEach(d -> received.add(d.get(h)));
      sigmas.add(frost.repair().repairSharePart2(received));
    }
    return frost.repair().repairSharePart3(sigmas, participant, g.pub());
  }

  /** A lost share is rebuilt by min_signers (or more) helpers and signs again. */
  public void checkRepairThenSign() {
    SecureRandom random = FrostPropertyChecks.seeded(106);
    Group_<E> g = dkg(numbered(3), 2, random);
    Identifier lost = Identifier.of(2);
    KeyPackage<E> repaired = repair(g, ids(1, 3), lost, random);
    KeyPackage<E> original = g.keys().get(lost);
    assertEquals(
        original.signingShare(), repaired.signingShare(), "the repaired share is the lost one");
    assertEquals(
        frost.json().keyPackage(original).toString(), frost.json().keyPackage(repaired).toString());
    SortedMap<Identifier, KeyPackage<E>> keys = new TreeMap<>(g.keys());
    keys.put(lost, repaired);
    signs(keys, g.pub(), ids(1, 2), g.pub().verifyingKey(), random);
    signs(keys, g.pub(), ids(2, 3), g.pub().verifyingKey(), random);

    Group_<E> big = dkg(numbered(5), 3, random);
    for (List<Identifier> helpers : List.of(ids(1, 3, 5), ids(1, 2, 3, 5))) {
      KeyPackage<E> k = repair(big, helpers, Identifier.of(4), random);
      assertEquals(
          big.keys().get(Identifier.of(4)).signingShare(), k.signingShare(), "helpers " + helpers);
    }
    // after a refresh, the repair rebuilds the refreshed share
    Group_<E> fresh = refresh(g, numbered(3), random);
    assertEquals(
        fresh.keys().get(lost).signingShare(),
        repair(fresh, ids(1, 3), lost, random).signingShare());
  }

  /**
   * Repair misuse, and a wrong sigma, are refused; part 3 never returns a share that does not
   * match.
   */
  public void checkRepairRefusals() {
    SecureRandom random = FrostPropertyChecks.seeded(107);
    Group_<E> g = dkg(numbered(5), 3, random);
    KeyPackage<E> k1 = g.keys().get(Identifier.of(1));
    Identifier lost = Identifier.of(4);
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_IDENTIFIERS,
        List.of(),
        () -> frost.repair().repairSharePart1(ids(1), k1, random, lost));
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_IDENTIFIERS,
        List.of(),
        () -> frost.repair().repairSharePart1(ids(1, 2), k1, random, lost));
    expectFrost(
        Kind.UNKNOWN_IDENTIFIER,
        ids(1),
        () -> frost.repair().repairSharePart1(ids(2, 3, 5), k1, random, lost));
    expectFrost(
        Kind.DUPLICATED_IDENTIFIER,
        List.of(),
        () ->
            frost
                .repair()
                .repairSharePart1(
                    List.of(Identifier.of(1), Identifier.of(1), Identifier.of(2)),
                    k1,
                    random,
                    lost));
    expectFrost(
        Kind.DUPLICATED_IDENTIFIER,
        ids(4),
        () -> frost.repair().repairSharePart1(ids(1, 2, 4), k1, random, lost));

    // honest sigmas, then one tampered, then too few
    List<Identifier> helpers = ids(1, 2, 3);
    SortedMap<Identifier, SortedMap<Identifier, Delta>> sent = new TreeMap<>();
    for (Identifier h : helpers) {
      SortedMap<Identifier, Delta> d =
          frost.repair().repairSharePart1(helpers, g.keys().get(h), random, lost);
      BigInteger sum =
          d.values().stream()
              .map(Delta::value)
              .reduce(BigInteger.ZERO, BigInteger::add)
              .mod(group.order());
      BigInteger zeta = Polynomial.lagrangeAt(helpers, h, lost.value(), group.order());
      assertEquals(
          zeta.multiply(g.keys().get(h).signingShare()).mod(group.order()),
          sum,
          "deltas of " + h + " sum to zeta * share");
      sent.put(h, d);
    }
    List<Sigma> sigmas = new ArrayList<>();
    for (Identifier h : helpers) {
      List<Delta> received = new ArrayList<>();
      sent.values().forEach(d -> received.add(d.get(h)));
      sigmas.add(frost.repair().repairSharePart2(received));
    }
    assertEquals(
        g.keys().get(lost).signingShare(),
        frost.repair().repairSharePart3(sigmas, lost, g.pub()).signingShare());
    List<Sigma> tampered = new ArrayList<>(sigmas);
    tampered.set(1, new Sigma(sigmas.get(1).value().add(BigInteger.ONE).mod(group.order())));
    expectFrost(
        Kind.INVALID_SECRET_SHARE,
        List.of(),
        () -> frost.repair().repairSharePart3(tampered, lost, g.pub()));
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_SHARES,
        List.of(),
        () -> frost.repair().repairSharePart3(sigmas.subList(0, 2), lost, g.pub()));
    // the right sigmas for another participant do not pass as this one's
    expectFrost(
        Kind.INVALID_SECRET_SHARE,
        List.of(),
        () -> frost.repair().repairSharePart3(sigmas, Identifier.of(5), g.pub()));
    expectFrost(
        Kind.UNKNOWN_IDENTIFIER,
        ids(9),
        () -> frost.repair().repairSharePart3(sigmas, Identifier.of(9), g.pub()));
    PublicKeyPackage<E> noMin =
        new PublicKeyPackage<>(g.pub().verifyingShares(), g.pub().verifyingKey(), null);
    expectFrost(
        Kind.INVALID_MIN_SIGNERS,
        List.of(),
        () -> frost.repair().repairSharePart3(sigmas, lost, noMin));
  }

  /**
   * frost-core's repair-share known answers (tests/helpers/repair-share.json): part 2 sums three
   * deltas, part 3 sums four sigmas into participant 2's share; scalars in the suite's encoding.
   */
  public void checkRepairShareVector(JsonNode v) {
    JsonNode g = v.get("scalar_generation");
    Sigma sigma =
        frost
            .repair()
            .repairSharePart2(
                List.of(
                    new Delta(scalar(g.get("random_scalar_1"))),
                    new Delta(scalar(g.get("random_scalar_2"))),
                    new Delta(scalar(g.get("random_scalar_3")))));
    assertEquals(g.get("random_scalar_sum").asText(), hex(sigma.value()), "repair_share_part2");

    JsonNode s = v.get("sigma_generation");
    List<Sigma> sigmas = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      sigmas.add(new Sigma(scalar(s.get("sigma_" + i))));
    }
    BigInteger expected = scalar(s.get("sigma_sum"));
    // part 3 checks its result against the participant's verifying share: a 3-of-5 group whose
    // participant 2 holds the vector's share (the dealer's polynomial through it)
    Identifier two = Identifier.of(2);
    SecureRandom random = FrostPropertyChecks.seeded(108);
    TrustedDealer.DealerOutput<E> dealt = frost.dealer().generate(5, 3, random);
    SortedMap<Identifier, E> shares = new TreeMap<>(dealt.publicKeyPackage().verifyingShares());
    shares.put(two, group.multiplyBase(expected));
    PublicKeyPackage<E> pub =
        new PublicKeyPackage<>(shares, dealt.publicKeyPackage().verifyingKey(), 3);
    KeyPackage<E> k = frost.repair().repairSharePart3(sigmas, two, pub);
    assertEquals(s.get("sigma_sum").asText(), hex(k.signingShare()), "repair_share_part3");
    assertEquals(two, k.identifier());
    assertEquals(3, k.minSigners());
    // one sigma short of the known answer is refused, not returned
    expectFrost(
        Kind.INVALID_SECRET_SHARE,
        List.of(),
        () ->
            frost
                .repair()
                .repairSharePart3(List.of(sigmas.get(0), sigmas.get(1), sigmas.get(2)), two, pub));
  }

  /** Deltas and sigmas in frost-core serde form: a bare scalar hex string, no header. */
  public void checkRepairJson() throws InvalidPackageException {
    SecureRandom random = FrostPropertyChecks.seeded(109);
    Group_<E> g = dkg(numbered(3), 2, random);
    SortedMap<Identifier, Delta> deltas =
        frost
            .repair()
            .repairSharePart1(ids(1, 3), g.keys().get(Identifier.of(1)), random, Identifier.of(2));
    ObjectNode json = frost.json().deltas(deltas);
    assertEquals(2, json.size());
    String k1 = frost.json().identifier(Identifier.of(1));
    assertTrue(json.get(k1).isTextual());
    assertEquals(hex(deltas.get(Identifier.of(1)).value()), json.get(k1).asText());
    PackageReader<E> reader = frost.json().reader();
    SortedMap<Identifier, Delta> back =
        reader.identifierMap(reparse(json), "/deltas", reader::delta);
    reader.finish();
    assertEquals(deltas, back);
    Sigma sigma = frost.repair().repairSharePart2(back.values());
    JsonNode sj = frost.json().sigma(sigma);
    assertTrue(sj.isTextual());
    PackageReader<E> r2 = frost.json().reader();
    assertEquals(sigma, r2.sigma(sj, "/sigma"));
    r2.finish();
    // a value at or above the group order, or not hex, is named by its pointer
    ObjectNode bad = json.deepCopy();
    bad.put(k1, "f".repeat(hex(BigInteger.ONE).length()));
    bad.put(frost.json().identifier(Identifier.of(3)), "zz");
    PackageReader<E> r3 = frost.json().reader();
    assertNull(r3.identifierMap(bad, "/deltas", r3::delta));
    InvalidPackageException e = assertThrows(InvalidPackageException.class, r3::finish);
    List<String> pointers = e.errors().stream().map(InvalidField::pointer).sorted().toList();
    assertEquals(
        List.of("/deltas/" + k1, "/deltas/" + frost.json().identifier(Identifier.of(3))), pointers);
    PackageReader<E> r4 = frost.json().reader();
    assertNull(r4.sigma(reparse(frost.json().header()), "/sigma"), "a package is not a sigma");
    assertThrows(InvalidPackageException.class, r4::finish);
    assertFalse(
        sigma.toString().contains(sigma.value().toString(16)), "a sigma does not print its value");
  }

  // ====================================================================================
  // every cheater named
  // ====================================================================================

  /** Two cheaters in one aggregate are both named (frost-core 3.0 AllCheaters). */
  public void checkTwoCheatersNamedInAggregate() {
    SecureRandom random = FrostPropertyChecks.seeded(110);
    Group_<E> g = dkg(numbered(5), 3, random);
    List<Identifier> signers = ids(1, 2, 4, 5);
    Session<E> s =
        session(g.keys(), signers, "two cheaters".getBytes(StandardCharsets.UTF_8), random);
    SortedMap<Identifier, SignatureShare> shares = new TreeMap<>(s.shares());
    for (Identifier cheater : ids(2, 5)) {
      shares.put(
          cheater,
          new SignatureShare(shares.get(cheater).share().add(BigInteger.ONE).mod(group.order())));
    }
    FrostException e =
        expectFrost(
            Kind.INVALID_SIGNATURE_SHARE,
            ids(2, 5),
            () -> frost.signing().aggregate(s.signingPackage(), shares, g.pub()));
    assertTrue(
        e.getMessage().contains("participant 2") && e.getMessage().contains("participant 5"),
        e.getMessage());
    // the honest shares still aggregate
    assertNotNull(frost.signing().aggregate(s.signingPackage(), s.shares(), g.pub()));
  }

  /** DKG parts 2 and 3, and the refresh, name every misbehaving sender. */
  public void checkEveryCheaterNamedInDkgAndRefresh() {
    SecureRandom random = FrostPropertyChecks.seeded(111);
    List<Identifier> all = numbered(4);
    SortedMap<Identifier, Dkg.Part1<E>> part1s = new TreeMap<>();
    for (Identifier id : all) {
      part1s.put(id, frost.dkg().part1(id, 4, 3, random));
    }
    Identifier self = Identifier.of(1);
    // part 2: a bad proof from 2 and a short commitment from 4
    SortedMap<Identifier, Round1Package<E>> others = without(round1(part1s), self);
    Round1Package<E> p2 = others.get(Identifier.of(2));
    others.put(
        Identifier.of(2),
        new Round1Package<>(
            p2.commitment(),
            new Signature<>(
                p2.proofOfKnowledge().r(),
                p2.proofOfKnowledge().z().add(BigInteger.ONE).mod(group.order()))));
    Round1Package<E> p4 = others.get(Identifier.of(4));
    others.put(
        Identifier.of(4),
        new Round1Package<>(p4.commitment().subList(0, 2), p4.proofOfKnowledge()));
    FrostException e2 =
        expectFrost(
            Kind.INVALID_PROOF_OF_KNOWLEDGE,
            ids(2, 4),
            () -> frost.dkg().part2(part1s.get(self).secretPackage(), others));
    assertTrue(
        e2.getMessage().startsWith("invalid proof of knowledge from participant 2; "),
        e2.getMessage());

    // part 3: bad shares from 3 and 4
    SortedMap<Identifier, Round1Package<E>> r1 = round1(part1s);
    SortedMap<Identifier, Dkg.Part2<E>> part2s = new TreeMap<>();
    part1s.forEach(
        (id, p) -> part2s.put(id, frost.dkg().part2(p.secretPackage(), without(r1, id))));
    SortedMap<Identifier, Round2Package> received = receivedBy(part2s, self);
    for (Identifier cheater : ids(3, 4)) {
      received.put(
          cheater,
          new Round2Package(
              received.get(cheater).signingShare().add(BigInteger.ONE).mod(group.order())));
    }
    expectFrost(
        Kind.INVALID_SECRET_SHARE,
        ids(3, 4),
        () -> frost.dkg().part3(part2s.get(self).secretPackage(), without(r1, self), received));

    // refresh: bad refreshing shares from 2 and 3, or wrong-sized commitments from 2 and 4
    Group_<E> g = dkg(all, 3, random);
    RefreshRun<E> run = refreshRounds(all, 3, random);
    SortedMap<Identifier, Round2Package> rr = receivedBy(run.part2s(), self);
    for (Identifier cheater : ids(2, 3)) {
      rr.put(
          cheater,
          new Round2Package(rr.get(cheater).signingShare().add(BigInteger.ONE).mod(group.order())));
    }
    expectFrost(
        Kind.INVALID_SECRET_SHARE,
        ids(2, 3),
        () ->
            frost
                .refresh()
                .refreshDkgShares(
                    run.part2s().get(self).secretPackage(),
                    without(run.round1(), self),
                    rr,
                    g.pub(),
                    g.keys().get(self)));
    SortedMap<Identifier, Round1Package<E>> shortened = without(run.round1(), self);
    for (Identifier cheater : ids(2, 4)) {
      Round1Package<E> p = shortened.get(cheater);
      shortened.put(
          cheater, new Round1Package<>(p.commitment().subList(0, 1), p.proofOfKnowledge()));
    }
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_COMMITMENTS,
        ids(2, 4),
        () ->
            frost
                .refresh()
                .refreshDkgShares(
                    run.part2s().get(self).secretPackage(),
                    shortened,
                    receivedBy(run.part2s(), self),
                    g.pub(),
                    g.keys().get(self)));
    // the honest refresh still completes for that participant
    assertNotNull(refreshShares(run, self, g));
  }
}
