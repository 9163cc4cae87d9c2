package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.testing.FrostVectorChecks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * FROST(secp256k1, SHA-256, Taproot) against frost-secp256k1-tr's vectors (signing, 257
 * participants, DKG with the post-DKG tweak, serde samples) and BIP-340's own 19 vectors, checked
 * both by the engine and by the independent {@link Bip340Verifier}.
 */
class TaprootVectorsTest {

  private static final Frost<ECPoint> FROST = new Frost<>(Secp256k1Taproot.INSTANCE);
  private static final Secp256k1Group GROUP = Secp256k1Group.INSTANCE;

  private static JsonNode vector(String name) {
    return FrostVectorChecks.load(TaprootVectorsTest.class, "/vectors/" + name);
  }

  private static FrostVectorChecks<ECPoint> checks() {
    return new FrostVectorChecks<>(FROST);
  }

  @Test
  void contextString() {
    assertEquals("FROST-secp256k1-SHA256-TR-v1", FROST.contextString());
  }

  @Test
  void frostCoreSigningVectors() {
    signingVector("frost-secp256k1-tr-zf-signing.json");
  }

  @Test
  void frostCore257ParticipantVectors() {
    signingVector("frost-secp256k1-tr-big-identifier.json");
  }

  /** The generic check, then the BIP-340 verifier on the vector's signature and x-only key. */
  private void signingVector(String name) {
    JsonNode v = vector(name);
    checks().checkSigningVector(v);
    byte[] sig = Bytes.fromHex(v.get("final_output").get("sig").asText());
    assertEquals(64, sig.length);
    byte[] key = Bytes.fromHex(v.get("inputs").get("verifying_key_key").asText());
    byte[] message = Bytes.fromHex(v.get("inputs").get("message").asText());
    assertTrue(Bip340Verifier.verifyCompressedKey(message, sig, key));
    assertFalse(
        Bip340Verifier.verifyCompressedKey(Bytes.concat(message, new byte[] {0}), sig, key));
  }

  @Test
  void frostCoreDkgVectors() {
    // the vector's keys are after post_dkg: the key-path tweak of BIP-341 is applied
    checks().checkDkgVector(vector("frost-secp256k1-tr-dkg.json"));
  }

  @Test
  void serdeSamples() throws InvalidEncodingException {
    JsonNode s = vector("frost-secp256k1-tr-serde-samples.json");
    BigInteger id = GROUP.deserializeScalar(Bytes.fromHex(s.get("identifier").asText()));
    assertEquals(BigInteger.valueOf(42), id);
    String pok = s.get("proof_of_knowledge").asText();
    Signature<ECPoint> proof = FROST.suite().deserializeSignature(Bytes.fromHex(pok));
    assertEquals(pok, Bytes.toHex(FROST.suite().serializeSignature(proof)));
    assertEquals(pok, FROST.json().signature(proof));
    for (String e : List.of("element1", "element2")) {
      String hex = s.get(e).asText();
      assertEquals(
          hex, Bytes.toHex(GROUP.serializeElement(GROUP.deserializeElement(Bytes.fromHex(hex)))));
    }
    String scalar = s.get("scalar1").asText();
    assertEquals(
        scalar, Bytes.toHex(GROUP.serializeScalar(GROUP.deserializeScalar(Bytes.fromHex(scalar)))));
    // signatures are x-only: 65 bytes (the plain suite's length) are refused
    assertThrows(
        InvalidEncodingException.class, () -> FROST.suite().deserializeSignature(new byte[65]));
  }

  @SuppressWarnings("ArrayRecordComponent") // a vector row carrier; never compared by equals
  private record Bip340Row(
      int index, byte[] publicKey, byte[] message, byte[] signature, boolean valid) {}

  private static List<Bip340Row> bip340Rows() throws IOException {
    List<Bip340Row> rows = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                TaprootVectorsTest.class.getResourceAsStream("/vectors/bip340-test-vectors.csv"),
                StandardCharsets.UTF_8))) {
      String header = in.readLine();
      assertTrue(header.startsWith("index,secret key,public key"));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        rows.add(
            new Bip340Row(
                Integer.parseInt(f[0]),
                Bytes.fromHex(f[2].toLowerCase(Locale.ROOT)),
                Bytes.fromHex(f[4].toLowerCase(Locale.ROOT)),
                Bytes.fromHex(f[5].toLowerCase(Locale.ROOT)),
                f[6].equals("TRUE")));
      }
    }
    return rows;
  }

  @Test
  void bip340VerifierGivesTheCsvResultOnEveryRow() throws IOException {
    List<Bip340Row> rows = bip340Rows();
    assertEquals(19, rows.size());
    int valid = 0;
    for (Bip340Row r : rows) {
      assertEquals(
          r.valid(),
          Bip340Verifier.verify(r.publicKey(), r.message(), r.signature()),
          "row " + r.index());
      valid += r.valid() ? 1 : 0;
    }
    assertTrue(valid > 0 && valid < rows.size(), "the CSV holds valid and invalid rows");
  }

  /**
   * The engine's verification (x-only key lifted to even Y, 64-byte signature) agrees with the BIP.
   */
  @Test
  void engineVerificationGivesTheCsvResultOnEveryRow() throws IOException {
    for (Bip340Row r : bip340Rows()) {
      assertEquals(r.valid(), engineVerify(r), "row " + r.index());
    }
  }

  private static boolean engineVerify(Bip340Row r) {
    try {
      ECPoint key = GROUP.deserializeElement(Bytes.concat(new byte[] {2}, r.publicKey()));
      Signature<ECPoint> sig = FROST.suite().deserializeSignature(r.signature());
      return FROST.signing().verify(r.message(), sig, key);
    } catch (InvalidEncodingException e) {
      return false;
    }
  }

  @Test
  void tweakMovesKeyAndSharesAlike() {
    // Q = even(P) + tG and s' = +-s + t: the tweaked signing share still matches its verifying
    // share
    BigInteger secret =
        new BigInteger("0d004150d27c3bf2a42f312683d35fac7394b1e9e318249c1bfe7f0795a83114", 16);
    var dealt =
        FROST
            .dealer()
            .splitWithCoefficients(
                List.of(secret, BigInteger.valueOf(5)),
                List.of(
                    dev.frostsandbox.frost.Identifier.of(1),
                    dev.frostsandbox.frost.Identifier.of(2)));
    var kp = FROST.dealer().keyPackage(dealt.shares().get(dev.frostsandbox.frost.Identifier.of(1)));
    for (byte[] root : List.of(new byte[0], new byte[32])) {
      var tweaked = FROST.suite().tweak(kp, root);
      assertTrue(GROUP.equal(GROUP.multiplyBase(tweaked.signingShare()), tweaked.verifyingShare()));
      var pub = FROST.suite().tweak(dealt.publicKeyPackage(), root);
      assertTrue(GROUP.equal(pub.verifyingKey(), tweaked.verifyingKey()));
      BigInteger t =
          new BigInteger(
                  1,
                  Bip340Verifier.taggedHash(
                      "TapTweak", Secp256k1Taproot.xOnly(kp.verifyingKey()), root))
              .mod(GROUP.order());
      ECPoint evenP =
          Secp256k1Taproot.hasEvenY(kp.verifyingKey())
              ? kp.verifyingKey()
              : kp.verifyingKey().negate();
      assertTrue(GROUP.equal(evenP.add(GROUP.multiplyBase(t)), pub.verifyingKey()));
    }
  }
}
