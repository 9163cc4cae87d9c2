package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.ecdsaschnorr.poseidon.Poseidon;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.TrustedDealer;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.frost.testing.FrostPropertyChecks;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** FROST(secp256k1, Poseidon): the definition in docs/poseidon.md, held against the engine. */
class PoseidonSuiteTest {

  private final Secp256k1Poseidon suite = Secp256k1Poseidon.INSTANCE;

  @Test
  void contextStringAndSharedGroup() {
    assertEquals("FROST-secp256k1-POSEIDON-v1", suite.contextString());
    assertTrue(suite.group() == Secp256k1Group.INSTANCE);
  }

  @Test
  void challengeIsPoseidonOfTheEncodedPrefixedInput() {
    byte[] m = "some message bytes".getBytes(StandardCharsets.US_ASCII);
    byte[] prefixed =
        Bytes.concat("FROST-secp256k1-POSEIDON-v1chal".getBytes(StandardCharsets.US_ASCII), m);
    assertEquals(Poseidon.hashMany(PoseidonDefinitionVerifier.bytesToFelts(prefixed)), suite.h2(m));
    // the known answer of poseidon.md for the bare prefix (m empty)
    assertEquals(
        new BigInteger("4baed76b3e0a978c5ffce2842726be8fb39e2b264e92936eb76c27802dca8d", 16),
        suite.h2(new byte[0]));
  }

  @Test
  void everyOtherHashIsTheSha256SuiteWithThePoseidonContextString() {
    byte[] m = {1, 2, 3};
    byte[] ctx = "FROST-secp256k1-POSEIDON-v1".getBytes(StandardCharsets.US_ASCII);
    BigInteger n = Secp256k1Group.INSTANCE.order();
    assertEquals(
        HashToField.hashToField(m, Bytes.concat(ctx, "rho".getBytes(StandardCharsets.US_ASCII)), n),
        suite.h1(m));
    assertEquals(
        HashToField.hashToField(
            m, Bytes.concat(ctx, "nonce".getBytes(StandardCharsets.US_ASCII)), n),
        suite.h3(m));
    assertEquals(
        HashToField.hashToField(m, Bytes.concat(ctx, "dkg".getBytes(StandardCharsets.US_ASCII)), n),
        suite.hdkg(m));
    assertEquals(
        HashToField.hashToField(m, Bytes.concat(ctx, "id".getBytes(StandardCharsets.US_ASCII)), n),
        suite.hid(m));
    assertEquals(
        Bytes.toHex(HashToField.sha256(ctx, "msg".getBytes(StandardCharsets.US_ASCII), m)),
        Bytes.toHex(suite.h4(m)));
    assertEquals(
        Bytes.toHex(HashToField.sha256(ctx, "com".getBytes(StandardCharsets.US_ASCII), m)),
        Bytes.toHex(suite.h5(m)));
  }

  /** Same key material, same nonces, same message: the two suites never give the same signature. */
  @Test
  void sha256AndPoseidonSuitesGiveDifferentSignatures() {
    Frost<ECPoint> sha = new Frost<>(Secp256k1Sha256.INSTANCE);
    Frost<ECPoint> pos = new Frost<>(suite);
    SecureRandom random = FrostPropertyChecks.seeded(42);
    for (int round = 0; round < 25; round++) {
      BigInteger secret = Secp256k1Group.INSTANCE.randomNonZeroScalar(random);
      List<Identifier> ids = List.of(Identifier.of(1), Identifier.of(2));
      TrustedDealer.DealerOutput<ECPoint> dealt = sha.dealer().split(secret, 2, ids, random);
      byte[] message = new byte[1 + random.nextInt(100)];
      random.nextBytes(message);
      Map<Identifier, SigningNonces<ECPoint>> nonces = new TreeMap<>();
      for (Identifier id : ids) {
        nonces.put(
            id,
            sha.signing()
                .noncesFrom(
                    Secp256k1Group.INSTANCE.randomNonZeroScalar(random),
                    Secp256k1Group.INSTANCE.randomNonZeroScalar(random)));
      }
      Signature<ECPoint> s1 = sign(sha, dealt, nonces, message);
      Signature<ECPoint> s2 = sign(pos, dealt, nonces, message);
      assertNotEquals(
          Bytes.toHex(s1.serialize(Secp256k1Group.INSTANCE)),
          Bytes.toHex(s2.serialize(Secp256k1Group.INSTANCE)));
      ECPoint vk = dealt.publicKeyPackage().verifyingKey();
      assertTrue(sha.signing().verify(message, s1, vk));
      assertTrue(pos.signing().verify(message, s2, vk));
      // neither verifies under the other suite's challenge
      assertFalse(pos.signing().verify(message, s1, vk));
      assertFalse(sha.signing().verify(message, s2, vk));
      byte[] pk = Secp256k1Group.INSTANCE.serializeElement(vk);
      assertTrue(
          PoseidonDefinitionVerifier.verify(message, s2.serialize(Secp256k1Group.INSTANCE), pk));
      assertFalse(
          PoseidonDefinitionVerifier.verify(message, s1.serialize(Secp256k1Group.INSTANCE), pk));
    }
  }

  private static Signature<ECPoint> sign(
      Frost<ECPoint> frost,
      TrustedDealer.DealerOutput<ECPoint> dealt,
      Map<Identifier, SigningNonces<ECPoint>> nonces,
      byte[] message) {
    SortedMap<Identifier, SigningCommitments<ECPoint>> commitments = new TreeMap<>();
    nonces.forEach((id, n) -> commitments.put(id, n.commitments()));
    SigningPackage<ECPoint> pkg = new SigningPackage<>(commitments, message);
    Map<Identifier, SignatureShare> shares = new TreeMap<>();
    for (Identifier id : nonces.keySet()) {
      KeyPackage<ECPoint> key = frost.dealer().keyPackage(dealt.shares().get(id));
      shares.put(id, frost.signing().sign(pkg, nonces.get(id), key));
    }
    return frost.signing().aggregate(pkg, shares, dealt.publicKeyPackage());
  }
}
