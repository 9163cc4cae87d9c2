package dev.frostsandbox.frost.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.FrostException.Kind;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.frost.json.InvalidPackageException;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.keys.SecretShare;
import dev.frostsandbox.frost.keys.TrustedDealer;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.function.Executable;

/**
 * Property checks written once for every ciphersuite: DKG, signing with every signer subset,
 * cheater detection with the right {@link Kind} and culprit, the trusted dealer, the frost-core
 * JSON codec (round trips and rejections with JSON pointers) and identifier derivation. Each signer
 * module calls these with its own suite. Randomness is a seeded SHA1PRNG, so a failure reproduces.
 */
public final class FrostPropertyChecks<E> {

  /** Input to an independent plain Schnorr verifier (e.g. Bouncy Castle's Ed25519.verify). */
  @SuppressWarnings(
      "ArrayRecordComponent") // test input carrier handed to a verifier; never compared by equals
  public record PlainVerification(byte[] message, byte[] signature, byte[] verifyingKey) {}

  private final Frost<E> frost;
  private final Group<E> group;
  private final Predicate<PlainVerification> plainVerifier;

  public FrostPropertyChecks(Frost<E> frost) {
    this(frost, null);
  }

  /**
   * {@code plainVerifier} may be null; when given, every produced signature is also checked with
   * it.
   */
  public FrostPropertyChecks(Frost<E> frost, Predicate<PlainVerification> plainVerifier) {
    this.frost = frost;
    this.group = frost.group();
    this.plainVerifier = plainVerifier;
  }

  /** A deterministic SecureRandom: SHA1PRNG seeded before first use does not mix in OS entropy. */
  public static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(BigInteger.valueOf(seed).toByteArray());
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ====================================================================================
  // helpers
  // ====================================================================================

  private static List<Identifier> numbered(int n) {
    List<Identifier> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(Identifier.of(i));
    }
    return ids;
  }

  private List<Identifier> derived(int n, String prefix) {
    List<Identifier> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(Identifier.derive(frost.suite(), prefix + i + "@example.com"));
    }
    return ids;
  }

  private static <T> SortedMap<Identifier, T> without(Map<Identifier, T> map, Identifier self) {
    SortedMap<Identifier, T> out = new TreeMap<>(map);
    out.remove(self);
    return out;
  }

  private SortedMap<Identifier, Dkg.Part1<E>> part1All(
      List<Identifier> ids, int min, SecureRandom random) {
    SortedMap<Identifier, Dkg.Part1<E>> out = new TreeMap<>();
    for (Identifier id : ids) {
      out.put(id, frost.dkg().part1(id, ids.size(), min, random));
    }
    return out;
  }

  private SortedMap<Identifier, Round1Package<E>> round1Packages(
      Map<Identifier, Dkg.Part1<E>> part1s) {
    SortedMap<Identifier, Round1Package<E>> out = new TreeMap<>();
    part1s.forEach((id, p) -> out.put(id, p.package_()));
    return out;
  }

  private SortedMap<Identifier, Dkg.Part2<E>> part2All(Map<Identifier, Dkg.Part1<E>> part1s) {
    SortedMap<Identifier, Round1Package<E>> all = round1Packages(part1s);
    SortedMap<Identifier, Dkg.Part2<E>> out = new TreeMap<>();
    part1s.forEach((id, p) -> out.put(id, frost.dkg().part2(p.secretPackage(), without(all, id))));
    return out;
  }

  /** What {@code receiver} gets from every other participant in round 2. */
  private static <E> SortedMap<Identifier, Round2Package> receivedBy(
      Map<Identifier, Dkg.Part2<E>> part2s, Identifier receiver) {
    SortedMap<Identifier, Round2Package> out = new TreeMap<>();
    part2s.forEach(
        (sender, p) -> {
          if (!sender.equals(receiver)) {
            out.put(sender, p.packages().get(receiver));
          }
        });
    return out;
  }

  /** A full honest DKG run. */
  private SortedMap<Identifier, Dkg.Part3<E>> dkg(
      List<Identifier> ids, int min, SecureRandom random) {
    SortedMap<Identifier, Dkg.Part1<E>> part1s = part1All(ids, min, random);
    SortedMap<Identifier, Dkg.Part2<E>> part2s = part2All(part1s);
    SortedMap<Identifier, Round1Package<E>> all = round1Packages(part1s);
    SortedMap<Identifier, Dkg.Part3<E>> out = new TreeMap<>();
    for (Identifier id : ids) {
      out.put(
          id,
          frost
              .dkg()
              .part3(part2s.get(id).secretPackage(), without(all, id), receivedBy(part2s, id)));
    }
    return out;
  }

  private byte[] randomMessage(SecureRandom random) {
    byte[] m = new byte[random.nextInt(65)];
    random.nextBytes(m);
    return m;
  }

  /** One signing session: nonces, package and shares, not yet aggregated. */
  private record Session<E>(
      SigningPackage<E> signingPackage,
      SortedMap<Identifier, SigningNonces<E>> nonces,
      SortedMap<Identifier, SignatureShare> shares) {}

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
    return new Session<>(pkg, nonces, shares);
  }

  /** Signs, verifies every share, aggregates, and checks the signature (and its negatives). */
  private Signature<E> signAndCheck(
      Map<Identifier, KeyPackage<E>> keys,
      PublicKeyPackage<E> pub,
      List<Identifier> signers,
      SecureRandom random) {
    byte[] message = randomMessage(random);
    Session<E> s = session(keys, signers, message, random);
    for (Map.Entry<Identifier, SignatureShare> z : s.shares().entrySet()) {
      frost
          .signing()
          .verifySignatureShare(
              z.getKey(),
              pub.verifyingShares().get(z.getKey()),
              z.getValue(),
              s.signingPackage(),
              pub.verifyingKey());
    }
    Signature<E> sig = frost.signing().aggregate(s.signingPackage(), s.shares(), pub);
    String what = "signers " + signers + ", message " + Bytes.toHex(message);
    assertTrue(
        frost.signing().verify(message, sig, pub.verifyingKey()), "signature verifies: " + what);
    assertTrue(plainVerify(message, sig, pub.verifyingKey()), "plain verifier accepts: " + what);

    byte[] other = Arrays.copyOf(message, message.length + 1);
    assertFalse(frost.signing().verify(other, sig, pub.verifyingKey()), "other message: " + what);
    assertFalse(plainVerify(other, sig, pub.verifyingKey()), "plain, other message: " + what);
    if (message.length > 0) {
      byte[] flipped = message.clone();
      flipped[0] ^= 1;
      assertFalse(
          frost.signing().verify(flipped, sig, pub.verifyingKey()), "flipped message: " + what);
    }
    E otherKey = group.add(pub.verifyingKey(), group.generator());
    assertFalse(frost.signing().verify(message, sig, otherKey), "other key: " + what);
    assertFalse(plainVerify(message, sig, otherKey), "plain, other key: " + what);
    Signature<E> otherZ = new Signature<>(sig.r(), sig.z().add(BigInteger.ONE).mod(group.order()));
    assertFalse(frost.signing().verify(message, otherZ, pub.verifyingKey()), "other z: " + what);
    return sig;
  }

  private boolean plainVerify(byte[] message, Signature<E> sig, E key) {
    if (plainVerifier == null) {
      return frost.signing().verify(message, sig, key);
    }
    return plainVerifier.test(
        new PlainVerification(
            message.clone(), frost.suite().serializeSignature(sig), group.serializeElement(key)));
  }

  private static <T> void subsets(List<T> items, int k, int start, List<T> acc, List<List<T>> out) {
    if (acc.size() == k) {
      out.add(new ArrayList<>(acc));
      return;
    }
    for (int i = start; i < items.size(); i++) {
      acc.add(items.get(i));
      subsets(items, k, i + 1, acc, out);
      acc.remove(acc.size() - 1);
    }
  }

  public static <T> List<List<T>> subsets(List<T> items, int k) {
    List<List<T>> out = new ArrayList<>();
    subsets(items, k, 0, new ArrayList<>(), out);
    return out;
  }

  private static FrostException expectFrost(Kind kind, Identifier culprit, Executable action) {
    FrostException e = assertThrows(FrostException.class, action);
    assertEquals(kind, e.kind(), () -> "kind of: " + e.getMessage());
    assertEquals(culprit, e.culprit(), () -> "culprit of: " + e.getMessage());
    return e;
  }

  private static <T> SortedMap<Identifier, KeyPackage<T>> keysOf(
      Map<Identifier, Dkg.Part3<T>> part3s) {
    SortedMap<Identifier, KeyPackage<T>> out = new TreeMap<>();
    part3s.forEach((id, p) -> out.put(id, p.keyPackage()));
    return out;
  }

  // ====================================================================================
  // DKG
  // ====================================================================================

  /**
   * t-of-n DKG for (2,2), (2,3), (3,5): everyone agrees on the keys; shares match verifying shares.
   */
  public void checkDkgAgreement() {
    SecureRandom random = seeded(1);
    int[][] configs = {{2, 2}, {2, 3}, {3, 5}};
    for (int[] c : configs) {
      int min = c[0];
      int max = c[1];
      for (List<Identifier> ids :
          List.of(numbered(max), derived(max, "dkg-" + min + "-" + max + "-"))) {
        String what = min + "-of-" + max + " with " + ids;
        SortedMap<Identifier, Dkg.Part3<E>> out = dkg(ids, min, random);
        assertEquals(max, out.size());
        PublicKeyPackage<E> first = out.get(ids.get(0)).publicKeyPackage();
        assertEquals(ids.size(), first.verifyingShares().size(), what);
        assertEquals(Integer.valueOf(min), first.minSigners(), what);
        assertFalse(group.isIdentity(first.verifyingKey()), what);
        String firstJson = frost.json().publicKeyPackage(first).toString();
        for (Identifier id : ids) {
          KeyPackage<E> key = out.get(id).keyPackage();
          PublicKeyPackage<E> pub = out.get(id).publicKeyPackage();
          assertEquals(id, key.identifier(), what);
          assertEquals(min, key.minSigners(), what);
          assertTrue(
              group.equal(first.verifyingKey(), key.verifyingKey()),
              "verifying key of " + id + ": " + what);
          assertTrue(
              group.equal(first.verifyingKey(), pub.verifyingKey()),
              "package key of " + id + ": " + what);
          assertTrue(deepEqual(first, pub), "public key package of " + id + ": " + what);
          assertEquals(
              firstJson, frost.json().publicKeyPackage(pub).toString(), "package JSON of " + id);
          assertTrue(
              group.equal(group.multiplyBase(key.signingShare()), key.verifyingShare()),
              "own verifying share of " + id + ": " + what);
          assertTrue(
              group.equal(key.verifyingShare(), first.verifyingShares().get(id)),
              "public verifying share of " + id + ": " + what);
        }
        // the shares interpolate to the group secret: any min_signers of them give sk with sk*G ==
        // PK
        List<Identifier> some = ids.subList(ids.size() - min, ids.size());
        BigInteger sk = BigInteger.ZERO;
        for (Identifier id : some) {
          BigInteger lambda =
              dev.frostsandbox.frost.Polynomial.lagrangeAtZero(some, id, group.order());
          sk = sk.add(lambda.multiply(out.get(id).keyPackage().signingShare()));
        }
        assertTrue(
            group.equal(group.multiplyBase(sk.mod(group.order())), first.verifyingKey()), what);
      }
    }
  }

  // ====================================================================================
  // signing
  // ====================================================================================

  /** Every min_signers subset (and larger ones) of DKG and dealer keys signs a random message. */
  public void checkSigningAllSubsets() {
    SecureRandom random = seeded(2);
    for (int[] c : new int[][] {{2, 3}, {3, 5}}) {
      int min = c[0];
      int max = c[1];
      SortedMap<Identifier, Dkg.Part3<E>> out = dkg(derived(max, "sign-" + min + "-"), min, random);
      SortedMap<Identifier, KeyPackage<E>> keys = keysOf(out);
      PublicKeyPackage<E> pub = out.get(out.firstKey()).publicKeyPackage();
      List<Identifier> ids = new ArrayList<>(keys.keySet());
      int sessions = 0;
      for (int k = min; k <= max; k++) {
        for (List<Identifier> signers : subsets(ids, k)) {
          if (k > min + 1 && sessions % 3 != 0) {
            sessions++;
            continue; // larger subsets: a sample is enough
          }
          signAndCheck(keys, pub, signers, random);
          sessions++;
        }
      }
      assertTrue(sessions > 0);
    }
    // signatures from one group do not verify under another group's key
    SortedMap<Identifier, Dkg.Part3<E>> g1 = dkg(numbered(3), 2, random);
    SortedMap<Identifier, Dkg.Part3<E>> g2 = dkg(numbered(3), 2, random);
    PublicKeyPackage<E> pub1 = g1.get(Identifier.of(1)).publicKeyPackage();
    PublicKeyPackage<E> pub2 = g2.get(Identifier.of(1)).publicKeyPackage();
    Signature<E> sig = signAndCheck(keysOf(g1), pub1, numbered(2), random);
    byte[] msg = Bytes.fromHex("00");
    Session<E> s = session(keysOf(g1), numbered(2), msg, random);
    Signature<E> sig1 = frost.signing().aggregate(s.signingPackage(), s.shares(), pub1);
    assertTrue(frost.signing().verify(msg, sig1, pub1.verifyingKey()));
    assertFalse(frost.signing().verify(msg, sig1, pub2.verifyingKey()), "other group's key");
    assertFalse(plainVerify(msg, sig1, pub2.verifyingKey()), "plain, other group's key");
    assertNotNull(sig);
    // the other group's public key package cannot aggregate these shares
    expectFrost(
        Kind.INVALID_SIGNATURE_SHARE,
        Identifier.of(1),
        () -> frost.signing().aggregate(s.signingPackage(), s.shares(), pub2));
  }

  // ====================================================================================
  // tampering and misuse
  // ====================================================================================

  /** A tampered signature share fails aggregation naming exactly that participant. */
  public void checkTamperedSignatureShare() {
    SecureRandom random = seeded(3);
    SortedMap<Identifier, Dkg.Part3<E>> out = dkg(numbered(5), 3, random);
    SortedMap<Identifier, KeyPackage<E>> keys = keysOf(out);
    PublicKeyPackage<E> pub = out.get(Identifier.of(1)).publicKeyPackage();
    List<Identifier> signers =
        List.of(Identifier.of(1), Identifier.of(3), Identifier.of(4), Identifier.of(5));
    for (Identifier cheater : signers) {
      Session<E> s = session(keys, signers, randomMessage(random), random);
      SortedMap<Identifier, SignatureShare> shares = new TreeMap<>(s.shares());
      shares.put(
          cheater,
          new SignatureShare(shares.get(cheater).share().add(BigInteger.ONE).mod(group.order())));
      expectFrost(
          Kind.INVALID_SIGNATURE_SHARE,
          cheater,
          () -> frost.signing().aggregate(s.signingPackage(), shares, pub));
      expectFrost(
          Kind.INVALID_SIGNATURE_SHARE,
          cheater,
          () ->
              frost
                  .signing()
                  .verifySignatureShare(
                      cheater,
                      pub.verifyingShares().get(cheater),
                      shares.get(cheater),
                      s.signingPackage(),
                      pub.verifyingKey()));
      // a share valid for another session (same signer) is also caught
      Session<E> s2 = session(keys, signers, randomMessage(random), random);
      SortedMap<Identifier, SignatureShare> mixed = new TreeMap<>(s.shares());
      mixed.put(cheater, s2.shares().get(cheater));
      expectFrost(
          Kind.INVALID_SIGNATURE_SHARE,
          cheater,
          () -> frost.signing().aggregate(s.signingPackage(), mixed, pub));
      // untampered shares still aggregate
      assertTrue(
          frost
              .signing()
              .verify(
                  s.signingPackage().message(),
                  frost.signing().aggregate(s.signingPackage(), s.shares(), pub),
                  pub.verifyingKey()));
    }
  }

  /** A tampered round-2 share makes the receiver's part3 fail naming the sender. */
  public void checkTamperedRound2Share() {
    SecureRandom random = seeded(4);
    List<Identifier> ids = numbered(4);
    SortedMap<Identifier, Dkg.Part1<E>> part1s = part1All(ids, 3, random);
    SortedMap<Identifier, Dkg.Part2<E>> part2s = part2All(part1s);
    SortedMap<Identifier, Round1Package<E>> all = round1Packages(part1s);
    for (Identifier receiver : ids) {
      for (Identifier sender : ids) {
        if (sender.equals(receiver)) {
          continue;
        }
        SortedMap<Identifier, Round2Package> received = receivedBy(part2s, receiver);
        received.put(
            sender,
            new Round2Package(
                received.get(sender).signingShare().add(BigInteger.ONE).mod(group.order())));
        expectFrost(
            Kind.INVALID_SECRET_SHARE,
            sender,
            () ->
                frost
                    .dkg()
                    .part3(part2s.get(receiver).secretPackage(), without(all, receiver), received));
      }
      // the honest packages still work
      assertNotNull(
          frost
              .dkg()
              .part3(
                  part2s.get(receiver).secretPackage(),
                  without(all, receiver),
                  receivedBy(part2s, receiver)));
    }
    // a share meant for someone else is also rejected
    Identifier a = Identifier.of(1);
    Identifier b = Identifier.of(2);
    SortedMap<Identifier, Round2Package> received = receivedBy(part2s, a);
    received.put(Identifier.of(3), part2s.get(Identifier.of(3)).packages().get(b));
    expectFrost(
        Kind.INVALID_SECRET_SHARE,
        Identifier.of(3),
        () -> frost.dkg().part3(part2s.get(a).secretPackage(), without(all, a), received));
  }

  /** A tampered proof of knowledge (mu or R) makes part2 fail naming the sender. */
  public void checkTamperedProofOfKnowledge() {
    SecureRandom random = seeded(5);
    List<Identifier> ids = numbered(3);
    SortedMap<Identifier, Dkg.Part1<E>> part1s = part1All(ids, 2, random);
    Identifier receiver = Identifier.of(1);
    for (Identifier sender : List.of(Identifier.of(2), Identifier.of(3))) {
      Round1Package<E> honest = part1s.get(sender).package_();
      Signature<E> proof = honest.proofOfKnowledge();
      List<Round1Package<E>> tampered =
          List.of(
              new Round1Package<>(
                  honest.commitment(),
                  new Signature<>(proof.r(), proof.z().add(BigInteger.ONE).mod(group.order()))),
              new Round1Package<>(
                  honest.commitment(),
                  new Signature<>(group.add(proof.r(), group.generator()), proof.z())),
              // someone else's (valid) proof
              new Round1Package<>(
                  honest.commitment(), part1s.get(receiver).package_().proofOfKnowledge()));
      for (Round1Package<E> bad : tampered) {
        SortedMap<Identifier, Round1Package<E>> others = without(round1Packages(part1s), receiver);
        others.put(sender, bad);
        expectFrost(
            Kind.INVALID_PROOF_OF_KNOWLEDGE,
            sender,
            () -> frost.dkg().part2(part1s.get(receiver).secretPackage(), others));
        expectFrost(
            Kind.INVALID_PROOF_OF_KNOWLEDGE,
            sender,
            () -> frost.dkg().verifyProofOfKnowledge(sender, bad));
      }
      // a valid package replayed under another identifier: the proof binds the identifier
      expectFrost(
          Kind.INVALID_PROOF_OF_KNOWLEDGE,
          receiver,
          () -> frost.dkg().verifyProofOfKnowledge(receiver, honest));
    }
  }

  /**
   * A tampered commitment is detected naming the sender: coefficient 0 breaks the proof of
   * knowledge (part2), other coefficients break the sender's share (part3).
   */
  public void checkTamperedCommitment() {
    SecureRandom random = seeded(6);
    List<Identifier> ids = numbered(4);
    int min = 3;
    for (int k = 0; k < min; k++) {
      SortedMap<Identifier, Dkg.Part1<E>> part1s = part1All(ids, min, random);
      Identifier receiver = Identifier.of(2);
      Identifier sender = Identifier.of(4);
      Round1Package<E> honest = part1s.get(sender).package_();
      List<E> commitment = new ArrayList<>(honest.commitment());
      commitment.set(k, group.add(commitment.get(k), group.generator()));
      Round1Package<E> bad = new Round1Package<>(commitment, honest.proofOfKnowledge());
      SortedMap<Identifier, Round1Package<E>> seen = without(round1Packages(part1s), receiver);
      seen.put(sender, bad);
      if (k == 0) {
        expectFrost(
            Kind.INVALID_PROOF_OF_KNOWLEDGE,
            sender,
            () -> frost.dkg().part2(part1s.get(receiver).secretPackage(), seen));
      } else {
        // the proof only covers coefficient 0, so part2 accepts; the share check catches it
        Dkg.Part2<E> mine = frost.dkg().part2(part1s.get(receiver).secretPackage(), seen);
        SortedMap<Identifier, Dkg.Part2<E>> part2s = part2All(part1s);
        part2s.put(receiver, mine);
        expectFrost(
            Kind.INVALID_SECRET_SHARE,
            sender,
            () -> frost.dkg().part3(mine.secretPackage(), seen, receivedBy(part2s, receiver)));
      }
      // a commitment of the wrong length is rejected too
      List<E> shorter = honest.commitment().subList(0, min - 1);
      SortedMap<Identifier, Round1Package<E>> seen2 = without(round1Packages(part1s), receiver);
      seen2.put(sender, new Round1Package<>(shorter, honest.proofOfKnowledge()));
      expectFrost(
          Kind.INCORRECT_NUMBER_OF_COMMITMENTS,
          sender,
          () -> frost.dkg().part2(part1s.get(receiver).secretPackage(), seen2));
    }
  }

  /** Wrong package counts, min_signers 1, and signing packages that do not fit the signer. */
  public void checkMisuse() {
    SecureRandom random = seeded(7);
    List<Identifier> ids = numbered(4);
    SortedMap<Identifier, Dkg.Part1<E>> part1s = part1All(ids, 3, random);
    Identifier self = Identifier.of(1);
    SortedMap<Identifier, Round1Package<E>> others = without(round1Packages(part1s), self);
    SortedMap<Identifier, Round1Package<E>> fewer = new TreeMap<>(others);
    fewer.remove(Identifier.of(4));
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_PACKAGES,
        null,
        () -> frost.dkg().part2(part1s.get(self).secretPackage(), fewer));
    SortedMap<Identifier, Round1Package<E>> more = new TreeMap<>(others);
    more.put(Identifier.of(9), others.get(Identifier.of(4)));
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_PACKAGES,
        null,
        () -> frost.dkg().part2(part1s.get(self).secretPackage(), more));
    SortedMap<Identifier, Dkg.Part2<E>> part2s = part2All(part1s);
    SortedMap<Identifier, Round2Package> received = receivedBy(part2s, self);
    SortedMap<Identifier, Round2Package> fewer2 = new TreeMap<>(received);
    fewer2.remove(Identifier.of(2));
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_PACKAGES,
        null,
        () -> frost.dkg().part3(part2s.get(self).secretPackage(), others, fewer2));
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_PACKAGES,
        null,
        () -> frost.dkg().part3(part2s.get(self).secretPackage(), fewer, received));

    expectFrost(Kind.INVALID_MIN_SIGNERS, null, () -> frost.dkg().part1(self, 3, 1, random));
    expectFrost(Kind.INVALID_MIN_SIGNERS, null, () -> frost.dkg().part1(self, 3, 0, random));
    expectFrost(Kind.INVALID_MAX_SIGNERS, null, () -> frost.dkg().part1(self, 2, 3, random));
    expectFrost(Kind.INVALID_MIN_SIGNERS, null, () -> frost.dealer().generate(3, 1, random));

    SortedMap<Identifier, Dkg.Part3<E>> out = dkg(numbered(4), 3, random);
    SortedMap<Identifier, KeyPackage<E>> keys = keysOf(out);
    Session<E> s = session(keys, numbered(3), Bytes.fromHex("6d7367"), random);
    // participant 4 is not in the package
    SigningNonces<E> n4 = frost.signing().commit(keys.get(Identifier.of(4)).signingShare(), random);
    expectFrost(
        Kind.MISSING_COMMITMENT,
        Identifier.of(4),
        () -> frost.signing().sign(s.signingPackage(), n4, keys.get(Identifier.of(4))));
    // fewer than min_signers commitments
    SortedMap<Identifier, SigningCommitments<E>> two =
        new TreeMap<>(s.signingPackage().signingCommitments());
    two.remove(Identifier.of(3));
    SigningPackage<E> small = new SigningPackage<>(two, s.signingPackage().message());
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_COMMITMENTS,
        null,
        () ->
            frost
                .signing()
                .sign(small, s.nonces().get(Identifier.of(1)), keys.get(Identifier.of(1))));
    // the wrong nonces for the package
    expectFrost(
        Kind.INCORRECT_COMMITMENT,
        Identifier.of(1),
        () ->
            frost
                .signing()
                .sign(
                    s.signingPackage(),
                    s.nonces().get(Identifier.of(2)),
                    keys.get(Identifier.of(1))));
    // aggregate with fewer than min_signers shares
    Session<E> s2 = session(keys, numbered(3), Bytes.fromHex("6d7367"), random);
    SortedMap<Identifier, SignatureShare> twoShares = new TreeMap<>(s2.shares());
    twoShares.remove(Identifier.of(3));
    PublicKeyPackage<E> pub = out.get(self).publicKeyPackage();
    expectFrost(
        Kind.INCORRECT_NUMBER_OF_SHARES,
        null,
        () -> frost.signing().aggregate(small, twoShares, pub));
    // shares that do not match the package's signers
    expectFrost(
        Kind.UNKNOWN_IDENTIFIER,
        null,
        () -> frost.signing().aggregate(s2.signingPackage(), twoShares, pub));
  }

  // ====================================================================================
  // trusted dealer
  // ====================================================================================

  /**
   * generate(5, 3): shares verify, a tampered one is rejected, any 3 sign; split(secret) keeps the
   * key.
   */
  public void checkTrustedDealer() {
    SecureRandom random = seeded(8);
    TrustedDealer.DealerOutput<E> dealt = frost.dealer().generate(5, 3, random);
    assertEquals(5, dealt.shares().size());
    assertEquals(numbered(5), new ArrayList<>(dealt.shares().keySet()));
    PublicKeyPackage<E> pub = dealt.publicKeyPackage();
    assertEquals(Integer.valueOf(3), pub.minSigners());
    SortedMap<Identifier, KeyPackage<E>> keys = new TreeMap<>();
    for (SecretShare<E> share : dealt.shares().values()) {
      assertEquals(3, share.commitment().size());
      KeyPackage<E> key = frost.dealer().keyPackage(share);
      assertEquals(share.identifier(), key.identifier());
      assertEquals(3, key.minSigners());
      assertTrue(group.equal(pub.verifyingKey(), key.verifyingKey()));
      assertTrue(group.equal(pub.verifyingShares().get(share.identifier()), key.verifyingShare()));
      keys.put(share.identifier(), key);

      SecretShare<E> badShare =
          new SecretShare<>(
              share.identifier(),
              share.signingShare().add(BigInteger.ONE).mod(group.order()),
              share.commitment());
      expectFrost(
          Kind.INVALID_SECRET_SHARE, share.identifier(), () -> frost.dealer().keyPackage(badShare));
      SecretShare<E> misaddressed =
          new SecretShare<>(
              Identifier.of(share.identifier().value().longValue() % 5 + 1),
              share.signingShare(),
              share.commitment());
      expectFrost(
          Kind.INVALID_SECRET_SHARE,
          misaddressed.identifier(),
          () -> frost.dealer().keyPackage(misaddressed));
      List<E> badCommitment = new ArrayList<>(share.commitment());
      badCommitment.set(2, group.add(badCommitment.get(2), group.generator()));
      SecretShare<E> badC =
          new SecretShare<>(share.identifier(), share.signingShare(), badCommitment);
      expectFrost(
          Kind.INVALID_SECRET_SHARE, share.identifier(), () -> frost.dealer().keyPackage(badC));
    }
    for (List<Identifier> signers : subsets(numbered(5), 3)) {
      signAndCheck(keys, pub, signers, random);
    }
    signAndCheck(keys, pub, numbered(5), random);

    BigInteger secret = new BigInteger("1234567890abcdef1234567890abcdef", 16);
    List<Identifier> ids = derived(4, "split-");
    TrustedDealer.DealerOutput<E> split = frost.dealer().split(secret, 2, ids, random);
    assertTrue(group.equal(group.multiplyBase(secret), split.publicKeyPackage().verifyingKey()));
    assertEquals(
        new TreeMap<>(ids.stream().collect(Collectors.toMap(i -> i, i -> i))).keySet(),
        split.shares().keySet());
    SortedMap<Identifier, KeyPackage<E>> splitKeys = new TreeMap<>();
    split.shares().forEach((id, s) -> splitKeys.put(id, frost.dealer().keyPackage(s)));
    for (List<Identifier> pair : subsets(ids, 2)) {
      BigInteger sk = BigInteger.ZERO;
      for (Identifier id : pair) {
        sk =
            sk.add(
                dev.frostsandbox.frost.Polynomial.lagrangeAtZero(pair, id, group.order())
                    .multiply(splitKeys.get(id).signingShare()));
      }
      assertEquals(
          secret, sk.mod(group.order()), "shares of " + pair + " interpolate to the secret");
    }
    signAndCheck(splitKeys, split.publicKeyPackage(), ids.subList(1, 3), random);
    expectFrost(
        Kind.DUPLICATED_IDENTIFIER,
        null,
        () ->
            frost
                .dealer()
                .split(
                    secret,
                    2,
                    List.of(Identifier.of(1), Identifier.of(1), Identifier.of(2)),
                    random));
  }

  // ====================================================================================
  // JSON
  // ====================================================================================

  private record Codec<E, T>(
      String name, Function<T, ObjectNode> write, BiFunction<PackageReader<E>, JsonNode, T> read) {}

  private <T> void roundTrip(Codec<E, T> codec, T value) throws Exception {
    String text = FrostJson.MAPPER.writeValueAsString(codec.write().apply(value));
    JsonNode parsed = FrostJson.MAPPER.readTree(text);
    PackageReader<E> reader = frost.json().reader();
    T back = codec.read().apply(reader, parsed);
    assertEquals(List.of(), reader.errors(), codec.name() + ": " + text);
    reader.finish();
    assertNotNull(back, codec.name());
    assertTrue(deepEqual(value, back), codec.name() + " parses back to an equal value: " + text);
    assertEquals(
        text, FrostJson.MAPPER.writeValueAsString(codec.write().apply(back)), codec.name());
  }

  /** Every package type written by FrostJson parses back to an equal value (random packages). */
  public int checkJsonRoundTrip() throws Exception {
    SecureRandom random = seeded(9);
    FrostJson<E> json = frost.json();
    Codec<E, SigningCommitments<E>> commitments =
        new Codec<>(
            "signing commitments", json::signingCommitments, (r, n) -> r.signingCommitments(n, ""));
    Codec<E, SigningPackage<E>> signingPackage =
        new Codec<>("signing package", json::signingPackage, (r, n) -> r.signingPackage(n, ""));
    Codec<E, SignatureShare> signatureShare =
        new Codec<>("signature share", json::signatureShare, (r, n) -> r.signatureShare(n, ""));
    Codec<E, SecretShare<E>> secretShare =
        new Codec<>("secret share", json::secretShare, (r, n) -> r.secretShare(n, ""));
    Codec<E, KeyPackage<E>> keyPackage =
        new Codec<>("key package", json::keyPackage, (r, n) -> r.keyPackage(n, ""));
    Codec<E, PublicKeyPackage<E>> publicKeyPackage =
        new Codec<>(
            "public key package", json::publicKeyPackage, (r, n) -> r.publicKeyPackage(n, ""));
    Codec<E, Round1Package<E>> round1 =
        new Codec<>("round 1 package", json::round1Package, (r, n) -> r.round1Package(n, ""));
    Codec<E, Round2Package> round2 =
        new Codec<>("round 2 package", json::round2Package, (r, n) -> r.round2Package(n, ""));
    int checked = 0;
    for (int round = 0; round < 4; round++) {
      int min = 2 + round % 2;
      int max = min + round;
      List<Identifier> ids = round % 2 == 0 ? numbered(max) : derived(max, "json-" + round + "-");
      SortedMap<Identifier, Dkg.Part1<E>> part1s = part1All(ids, min, random);
      SortedMap<Identifier, Dkg.Part2<E>> part2s = part2All(part1s);
      for (Dkg.Part1<E> p : part1s.values()) {
        roundTrip(round1, p.package_());
        checked++;
      }
      for (Dkg.Part2<E> p : part2s.values()) {
        for (Round2Package r2 : p.packages().values()) {
          roundTrip(round2, r2);
          checked++;
        }
      }
      SortedMap<Identifier, Dkg.Part3<E>> out = dkg(ids, min, random);
      for (Dkg.Part3<E> p : out.values()) {
        roundTrip(keyPackage, p.keyPackage());
        roundTrip(publicKeyPackage, p.publicKeyPackage());
        checked += 2;
      }
      PublicKeyPackage<E> pub = out.get(ids.get(0)).publicKeyPackage();
      roundTrip(
          publicKeyPackage,
          new PublicKeyPackage<>(pub.verifyingShares(), pub.verifyingKey(), null));
      TrustedDealer.DealerOutput<E> dealt =
          frost.dealer().split(group.randomNonZeroScalar(random), min, ids, random);
      for (SecretShare<E> s : dealt.shares().values()) {
        roundTrip(secretShare, s);
        checked++;
      }
      Session<E> s =
          session(
              keysOf(out),
              ids.subList(0, min),
              round == 0 ? new byte[0] : randomMessage(random),
              random);
      roundTrip(signingPackage, s.signingPackage());
      for (SigningNonces<E> n : s.nonces().values()) {
        roundTrip(commitments, n.commitments());
        checked++;
      }
      for (SignatureShare z : s.shares().values()) {
        roundTrip(signatureShare, z);
        checked++;
      }
      checked += 2;
    }
    // extreme scalars
    roundTrip(signatureShare, new SignatureShare(BigInteger.ZERO));
    roundTrip(signatureShare, new SignatureShare(group.order().subtract(BigInteger.ONE)));
    roundTrip(round2, new Round2Package(group.order().subtract(BigInteger.ONE)));
    return checked + 3;
  }

  /**
   * Reads {@code doc} expecting failure; the set of error pointers must be exactly {@code
   * pointers}.
   */
  private <T> List<InvalidField> rejects(
      BiFunction<PackageReader<E>, JsonNode, T> read, JsonNode doc, String... pointers) {
    PackageReader<E> reader = frost.json().reader();
    T value = read.apply(reader, doc);
    String what = String.valueOf(doc);
    assertNull(value, "rejected: " + what);
    assertTrue(reader.hasErrors(), what);
    InvalidPackageException e = assertThrows(InvalidPackageException.class, reader::finish, what);
    List<String> got = e.errors().stream().map(InvalidField::pointer).sorted().toList();
    assertEquals(
        Arrays.stream(pointers).sorted().toList(),
        got,
        () -> "pointers for " + what + ": " + e.errors());
    for (InvalidField f : e.errors()) {
      assertFalse(f.detail().isBlank());
    }
    return e.errors();
  }

  private static JsonNode readTree(String text) {
    try {
      return FrostJson.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode copy(ObjectNode o) {
    return o.deepCopy();
  }

  private boolean littleEndianScalars() {
    return group.serializeScalar(BigInteger.ONE)[0] == 1;
  }

  /** A scalar-length encoding of {@code v} (which may be >= order), in this group's byte order. */
  public String rawScalarHex(BigInteger v) {
    byte[] be = new byte[group.scalarLength()];
    byte[] raw = v.toByteArray();
    int n = Math.min(raw.length, be.length);
    System.arraycopy(raw, raw.length - n, be, be.length - n, n);
    if (littleEndianScalars()) {
      for (int i = 0; i < be.length / 2; i++) {
        byte t = be[i];
        be[i] = be[be.length - 1 - i];
        be[be.length - 1 - i] = t;
      }
    }
    return Bytes.toHex(be);
  }

  /** The reader rejects malformed documents with the JSON pointer of every bad field. */
  public void checkJsonRejections() {
    SecureRandom random = seeded(10);
    FrostJson<E> json = frost.json();
    SortedMap<Identifier, Dkg.Part3<E>> out = dkg(numbered(3), 2, random);
    Session<E> s = session(keysOf(out), numbered(2), Bytes.fromHex("6869"), random);
    ObjectNode comm = json.signingCommitments(s.nonces().get(Identifier.of(1)).commitments());
    BiFunction<PackageReader<E>, JsonNode, SigningCommitments<E>> readComm =
        (r, n) -> r.signingCommitments(n, "");
    String validElement = comm.get("hiding").asText();

    // unknown field
    ObjectNode d = copy(comm);
    d.put("extra", 1);
    rejects(readComm, d, "/extra");
    d = copy(comm);
    d.put("a/b~c", 1);
    rejects(readComm, d, "/a~1b~0c");
    // missing header, missing field
    d = copy(comm);
    d.remove("header");
    rejects(readComm, d, "/header");
    d = copy(comm);
    d.remove("binding");
    rejects(readComm, d, "/binding");
    // wrong header version, other ciphersuite, header with an extra member, header not an object
    d = copy(comm);
    ((ObjectNode) d.get("header")).put("version", 1);
    rejects(readComm, d, "/header/version");
    d = copy(comm);
    ((ObjectNode) d.get("header")).put("version", "0");
    rejects(readComm, d, "/header/version");
    for (String v :
        List.of("18446744073709551616", "-18446744073709551616", "4294967296", "0.0", "null")) {
      d = copy(comm);
      ((ObjectNode) d.get("header")).set("version", readTree(v));
      rejects(readComm, d, "/header/version");
    }
    d = copy(comm);
    ((ObjectNode) d.get("header"))
        .put(
            "ciphersuite",
            frost.contextString().contains("ED25519")
                ? "FROST-secp256k1-SHA256-v1"
                : "FROST-ED25519-SHA512-v1");
    rejects(readComm, d, "/header/ciphersuite");
    d = copy(comm);
    ((ObjectNode) d.get("header")).put("extra", true);
    rejects(readComm, d, "/header/extra");
    d = copy(comm);
    d.put("header", 0);
    rejects(readComm, d, "/header");
    // non-hex, wrong length, invalid element, not a string
    d = copy(comm);
    d.put("hiding", "zz" + validElement.substring(2));
    rejects(readComm, d, "/hiding");
    d = copy(comm);
    d.put("hiding", validElement.substring(1));
    rejects(readComm, d, "/hiding");
    d = copy(comm);
    d.put("hiding", validElement + "00");
    rejects(readComm, d, "/hiding");
    d = copy(comm);
    d.put("hiding", validElement.substring(2));
    rejects(readComm, d, "/hiding");
    d = copy(comm);
    d.put("hiding", "");
    rejects(readComm, d, "/hiding");
    d = copy(comm);
    d.put("binding", "ff".repeat(group.elementLength()));
    rejects(readComm, d, "/binding");
    d = copy(comm);
    d.put("binding", 5);
    rejects(readComm, d, "/binding");
    rejects(readComm, FrostJson.MAPPER.createArrayNode(), "");
    rejects(readComm, null, "");

    // scalar >= order
    BiFunction<PackageReader<E>, JsonNode, SignatureShare> readShare =
        (r, n) -> r.signatureShare(n, "");
    ObjectNode share = json.signatureShare(s.shares().get(Identifier.of(1)));
    for (BigInteger bad :
        List.of(
            group.order(),
            group.order().add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(8 * group.scalarLength()).subtract(BigInteger.ONE))) {
      d = copy(share);
      d.put("share", rawScalarHex(bad));
      rejects(readShare, d, "/share");
    }
    d = copy(share);
    d.put("share", rawScalarHex(group.order().subtract(BigInteger.ONE)));
    PackageReader<E> ok = json.reader();
    assertEquals(group.order().subtract(BigInteger.ONE), ok.signatureShare(d, "").share());
    assertFalse(ok.hasErrors());

    // identifiers: zero map key, zero / out-of-range identifier field, non-object map
    BiFunction<PackageReader<E>, JsonNode, SigningPackage<E>> readPkg =
        (r, n) -> r.signingPackage(n, "");
    ObjectNode pkg = json.signingPackage(s.signingPackage());
    String zero = rawScalarHex(BigInteger.ZERO);
    String one = json.identifier(Identifier.of(1));
    d = copy(pkg);
    ObjectNode map = (ObjectNode) d.get("signing_commitments");
    map.set(zero, map.remove(one));
    rejects(readPkg, d, "/signing_commitments/" + zero);
    d = copy(pkg);
    map = (ObjectNode) d.get("signing_commitments");
    String big = rawScalarHex(group.order());
    map.set(big, map.remove(one));
    rejects(readPkg, d, "/signing_commitments/" + big);
    d = copy(pkg);
    map = (ObjectNode) d.get("signing_commitments");
    map.set("xy", map.remove(one));
    rejects(readPkg, d, "/signing_commitments/xy");
    d = copy(pkg);
    d.set("signing_commitments", FrostJson.MAPPER.createArrayNode());
    rejects(readPkg, d, "/signing_commitments");
    d = copy(pkg);
    d.put("signing_commitments", "x");
    rejects(readPkg, d, "/signing_commitments");
    d = copy(pkg);
    ((ObjectNode) d.get("signing_commitments").get(one))
        .put("hiding", "ff".repeat(group.elementLength()));
    rejects(readPkg, d, "/signing_commitments/" + one + "/hiding");
    d = copy(pkg);
    d.put("message", "0g");
    rejects(readPkg, d, "/message");

    BiFunction<PackageReader<E>, JsonNode, KeyPackage<E>> readKey = (r, n) -> r.keyPackage(n, "");
    ObjectNode key = json.keyPackage(out.get(Identifier.of(2)).keyPackage());
    d = copy(key);
    d.put("identifier", zero);
    rejects(readKey, d, "/identifier");
    d = copy(key);
    d.put("min_signers", 1);
    rejects(readKey, d, "/min_signers");
    d = copy(key);
    d.put("min_signers", "2");
    rejects(readKey, d, "/min_signers");
    d = copy(key);
    d.put("signing_share", rawScalarHex(group.order()));
    rejects(readKey, d, "/signing_share");

    BiFunction<PackageReader<E>, JsonNode, PublicKeyPackage<E>> readPub =
        (r, n) -> r.publicKeyPackage(n, "");
    ObjectNode pub = json.publicKeyPackage(out.get(Identifier.of(2)).publicKeyPackage());
    d = copy(pub);
    d.set("verifying_shares", FrostJson.MAPPER.createArrayNode().add(validElement));
    rejects(readPub, d, "/verifying_shares");
    d = copy(pub);
    ((ObjectNode) d.get("verifying_shares")).put(zero, validElement);
    rejects(readPub, d, "/verifying_shares/" + zero);

    BiFunction<PackageReader<E>, JsonNode, Round1Package<E>> readR1 =
        (r, n) -> r.round1Package(n, "");
    ObjectNode r1 =
        json.round1Package(frost.dkg().part1(Identifier.of(1), 3, 2, random).package_());
    d = copy(r1);
    ((com.fasterxml.jackson.databind.node.ArrayNode) d.get("commitment"))
        .set(1, FrostJson.MAPPER.getNodeFactory().textNode("ff".repeat(group.elementLength())));
    rejects(readR1, d, "/commitment/1");
    d = copy(r1);
    d.set("commitment", FrostJson.MAPPER.createArrayNode());
    rejects(readR1, d, "/commitment");
    d = copy(r1);
    d.put("proof_of_knowledge", d.get("proof_of_knowledge").asText() + "00");
    rejects(readR1, d, "/proof_of_knowledge");
    d = copy(r1);
    String proof = d.get("proof_of_knowledge").asText();
    d.put(
        "proof_of_knowledge",
        proof.substring(0, 2 * group.elementLength()) + rawScalarHex(group.order()));
    rejects(readR1, d, "/proof_of_knowledge");

    // several errors collected at once
    d = copy(pkg);
    ((ObjectNode) d.get("header")).put("version", 7);
    d.put("message", "xyz");
    d.put("unexpected", true);
    rejects(readPkg, d, "/unexpected");
    d.remove("unexpected");
    ObjectNode c1 = (ObjectNode) d.get("signing_commitments").get(one);
    c1.put("hiding", "00");
    ((ObjectNode) c1.get("header")).put("ciphersuite", "other");
    ((ObjectNode) d.get("signing_commitments")).set(zero, c1.deepCopy());
    List<InvalidField> errors =
        rejects(
            readPkg,
            d,
            "/header/version",
            "/message",
            "/signing_commitments/" + one + "/header/ciphersuite",
            "/signing_commitments/" + one + "/hiding",
            "/signing_commitments/" + zero,
            "/signing_commitments/" + zero + "/header/ciphersuite",
            "/signing_commitments/" + zero + "/hiding");
    assertTrue(errors.size() >= 7);
    InvalidPackageException summary = new InvalidPackageException(errors);
    assertTrue(
        summary.getMessage().contains("(and " + (errors.size() - 1) + " more)"),
        summary.getMessage());
  }

  // ====================================================================================
  // identifiers
  // ====================================================================================

  /**
   * Identifier.derive and Identifier.of against identifier-derive.json (entry with this context).
   */
  public void checkIdentifierDerivation(JsonNode vectors) {
    JsonNode entry = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = vectors.fields(); it.hasNext(); ) {
      JsonNode v = it.next().getValue();
      if (v.isObject() && frost.contextString().equals(v.path("context").asText())) {
        entry = v;
      }
    }
    assertNotNull(entry, "no identifier vectors for " + frost.contextString());
    Identifier alice = Identifier.derive(frost.suite(), "alice@example.com");
    assertEquals(entry.get("derive_alice@example.com").asText(), frost.json().identifier(alice));
    assertEquals(
        alice,
        Identifier.derive(
            frost.suite(), "alice@example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(alice.value().compareTo(group.order()) < 0);
    assertEquals(alice, alice.checkedFor(group));
    assertFalse(alice.equals(Identifier.derive(frost.suite(), "bob@example.com")));
    assertEquals(entry.get("fromNumber_7").asText(), frost.json().identifier(Identifier.of(7)));
    // a derived identifier round-trips through the reader
    PackageReader<E> reader = frost.json().reader();
    assertEquals(alice, reader.identifier(frost.json().identifier(alice), "/identifier"));
    assertFalse(reader.hasErrors());
    assertThrows(IllegalArgumentException.class, () -> Identifier.of(0));
    assertThrows(
        IllegalArgumentException.class, () -> new Identifier(group.order()).checkedFor(group));
  }

  // ====================================================================================
  // structural equality with group equality for elements
  // ====================================================================================

  @SuppressWarnings("unchecked")
  public boolean deepEqual(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof byte[] x) {
      return b instanceof byte[] y && Arrays.equals(x, y);
    }
    if (a instanceof BigInteger
        || a instanceof Integer
        || a instanceof String
        || a instanceof Identifier) {
      return a.equals(b);
    }
    if (a instanceof List<?> x) {
      if (!(b instanceof List<?> y) || x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEqual(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x) {
      if (!(b instanceof Map<?, ?> y) || !x.keySet().equals(y.keySet())) {
        return false;
      }
      if (x instanceof SortedMap<?, ?>
          && y instanceof SortedMap<?, ?>
          && !new ArrayList<>(x.keySet()).equals(new ArrayList<>(y.keySet()))) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!deepEqual(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Record) {
      if (a.getClass() != b.getClass()) {
        return false;
      }
      try {
        for (java.lang.reflect.RecordComponent c : a.getClass().getRecordComponents()) {
          java.lang.reflect.Method m = c.getAccessor();
          m.setAccessible(true);
          if (!deepEqual(m.invoke(a), m.invoke(b))) {
            return false;
          }
        }
        return true;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      return group.equal((E) a, (E) b);
    } catch (ClassCastException e) {
      fail("cannot compare " + a.getClass());
      return false;
    }
  }
}
