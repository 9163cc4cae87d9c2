package dev.frostsandbox.eddsa;

import static dev.frostsandbox.eddsa.TestSupport.G;
import static dev.frostsandbox.eddsa.TestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.frost.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** RFC 9591 Appendix E.1 (FROST(Ed25519, SHA-512)) and frost-core identifier derivation. */
class Ed25519Sha512VectorTest {

  private static final Ed25519Sha512 SUITE = Ed25519Sha512.INSTANCE;
  private static final JsonNode V = TestSupport.vectors("frost-ed25519-sha512-rfc9591.json");

  private static BigInteger scalar(String h) throws Exception {
    return G.deserializeScalar(hex(h));
  }

  @Test
  void suiteIdentity() {
    assertEquals("FROST-ED25519-SHA512-v1", SUITE.contextString());
    assertTrue(SUITE.group() == Ed25519Group.INSTANCE);
    assertEquals("ed25519", V.get("config").get("group").asText());
  }

  @Test
  void groupPublicKey() throws Exception {
    JsonNode in = V.get("inputs");
    BigInteger sk = scalar(in.get("group_secret_key").asText());
    assertEquals(in.get("group_public_key").asText(), hex(G.serializeElement(G.multiplyBase(sk))));
    // shares lie on f(x) = sk + c1*x
    BigInteger c1 = scalar(in.get("share_polynomial_coefficients").get(0).asText());
    for (JsonNode share : in.get("participant_shares")) {
      BigInteger id = BigInteger.valueOf(share.get("identifier").asInt());
      assertEquals(
          sk.add(c1.multiply(id)).mod(Ed25519Group.L),
          scalar(share.get("participant_share").asText()));
    }
  }

  @Test
  void roundOneNoncesCommitmentsAndBindingFactors() throws Exception {
    Map<Integer, byte[]> shares = new HashMap<>();
    for (JsonNode share : V.get("inputs").get("participant_shares")) {
      shares.put(share.get("identifier").asInt(), hex(share.get("participant_share").asText()));
    }
    int checked = 0;
    for (JsonNode out : V.get("round_one_outputs").get("outputs")) {
      byte[] sk = shares.get(out.get("identifier").asInt());
      BigInteger hiding =
          SUITE.h3(Bytes.concat(hex(out.get("hiding_nonce_randomness").asText()), sk));
      BigInteger binding =
          SUITE.h3(Bytes.concat(hex(out.get("binding_nonce_randomness").asText()), sk));
      assertEquals(out.get("hiding_nonce").asText(), hex(G.serializeScalar(hiding)));
      assertEquals(out.get("binding_nonce").asText(), hex(G.serializeScalar(binding)));
      assertEquals(
          out.get("hiding_nonce_commitment").asText(),
          hex(G.serializeElement(G.multiplyBase(hiding))));
      assertEquals(
          out.get("binding_nonce_commitment").asText(),
          hex(G.serializeElement(G.multiplyBase(binding))));
      BigInteger rho = SUITE.h1(hex(out.get("binding_factor_input").asText()));
      assertEquals(out.get("binding_factor").asText(), hex(G.serializeScalar(rho)));
      checked++;
    }
    assertEquals(2, checked);
  }

  @Test
  void bindingFactorInputUsesH4AndH5() throws Exception {
    JsonNode in = V.get("inputs");
    JsonNode out = V.get("round_one_outputs").get("outputs").get(0);
    byte[] input = hex(out.get("binding_factor_input").asText());
    // RFC 9591 §4.4: pk || H4(msg) || H5(encoded commitments) || identifier
    byte[] pk = hex(in.get("group_public_key").asText());
    byte[] msgHash = SUITE.h4(hex(in.get("message").asText()));
    List<byte[]> parts = new ArrayList<>();
    for (JsonNode o : V.get("round_one_outputs").get("outputs")) {
      parts.add(G.serializeScalar(BigInteger.valueOf(o.get("identifier").asInt())));
      parts.add(hex(o.get("hiding_nonce_commitment").asText()));
      parts.add(hex(o.get("binding_nonce_commitment").asText()));
    }
    byte[] comHash = SUITE.h5(Bytes.concat(parts.toArray(new byte[0][])));
    byte[] expected =
        Bytes.concat(
            pk,
            msgHash,
            comHash,
            G.serializeScalar(BigInteger.valueOf(out.get("identifier").asInt())));
    assertArrayEquals(expected, input);
  }

  @Test
  void finalSignatureFromSharesAndCommitments() throws Exception {
    JsonNode in = V.get("inputs");
    byte[] sig = hex(V.get("final_output").get("sig").asText());
    // R = sum(D_i + rho_i * E_i), one multi-scalar multiplication
    List<Ed25519Point> points = new ArrayList<>();
    List<BigInteger> scalars = new ArrayList<>();
    for (JsonNode o : V.get("round_one_outputs").get("outputs")) {
      points.add(G.deserializeElement(hex(o.get("hiding_nonce_commitment").asText())));
      scalars.add(BigInteger.ONE);
      points.add(G.deserializeElement(hex(o.get("binding_nonce_commitment").asText())));
      scalars.add(scalar(o.get("binding_factor").asText()));
    }
    Ed25519Point r = G.multiplyAll(points, scalars);
    assertEquals(hex(java.util.Arrays.copyOf(sig, 32)), hex(G.serializeElement(r)));
    BigInteger z = BigInteger.ZERO;
    for (JsonNode o : V.get("round_two_outputs").get("outputs")) {
      z = z.add(scalar(o.get("sig_share").asText()));
    }
    assertEquals(
        hex(java.util.Arrays.copyOfRange(sig, 32, 64)),
        hex(G.serializeScalar(z.mod(Ed25519Group.L))));
    // and it is a plain RFC 8032 signature: H2 has no prefix
    byte[] pk = hex(in.get("group_public_key").asText());
    byte[] msg = hex(in.get("message").asText());
    assertTrue(Ed25519.verify(sig, 0, pk, 0, msg, 0, msg.length));
    BigInteger c = SUITE.h2(Bytes.concat(java.util.Arrays.copyOf(sig, 32), pk, msg));
    Ed25519Point check =
        G.multiplyAll(
            List.of(G.generator(), G.deserializeElement(pk)),
            List.of(z.mod(Ed25519Group.L), c.negate()));
    assertTrue(G.equal(r, check));
  }

  @Test
  void identifierDerivation() {
    JsonNode ids = TestSupport.vectors("identifier-derive.json").get("ed25519");
    assertEquals(SUITE.contextString(), ids.get("context").asText());
    BigInteger id = SUITE.hid("alice@example.com".getBytes(StandardCharsets.UTF_8));
    assertEquals(ids.get("derive_alice@example.com").asText(), hex(G.serializeScalar(id)));
    assertEquals(ids.get("fromNumber_7").asText(), hex(G.serializeScalar(BigInteger.valueOf(7))));
  }

  @Test
  void hashesAreDomainSeparated() {
    byte[] m = "m".getBytes(StandardCharsets.UTF_8);
    java.util.Set<BigInteger> distinct =
        new java.util.HashSet<>(
            List.of(SUITE.h1(m), SUITE.h2(m), SUITE.h3(m), SUITE.hdkg(m), SUITE.hid(m)));
    assertEquals(5, distinct.size());
    for (BigInteger s : distinct) {
      assertTrue(s.signum() >= 0 && s.compareTo(Ed25519Group.L) < 0);
    }
    assertEquals(64, SUITE.h4(m).length);
    assertEquals(64, SUITE.h5(m).length);
    assertTrue(!java.util.Arrays.equals(SUITE.h4(m), SUITE.h5(m)));
    // HDKG = SHA-512(ctx || "dkg" || m) mod L, read little-endian
    assertEquals(
        Ed25519Group.fromLe(
                Ed25519Sha512.sha512(
                    "FROST-ED25519-SHA512-v1dkg".getBytes(StandardCharsets.US_ASCII), m))
            .mod(Ed25519Group.L),
        SUITE.hdkg(m));
  }

  @Test
  void theConstantTimeReductionForSecretsEqualsTheBigIntegerOne() {
    // H3 (nonce generation) hashes the signing share: same result, constant-time reduction
    List<byte[]> digests = new ArrayList<>();
    byte[] ones = new byte[64];
    java.util.Arrays.fill(ones, (byte) 0xff);
    digests.add(ones);
    digests.add(new byte[64]);
    for (BigInteger k :
        List.of(
            Ed25519Group.L,
            Ed25519Group.L.subtract(BigInteger.ONE),
            Ed25519Group.L.shiftLeft(250),
            Ed25519Group.L.shiftLeft(259).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(511))) {
      byte[] be = k.toByteArray();
      byte[] le = new byte[64];
      for (int i = 0; i < Math.min(64, be.length); i++) {
        le[i] = be[be.length - 1 - i];
      }
      digests.add(le);
    }
    java.util.Random random = new java.util.Random(9591);
    for (int i = 0; i < 2000; i++) {
      byte[] d = new byte[64];
      random.nextBytes(d);
      digests.add(d);
    }
    for (byte[] d : digests) {
      assertEquals(Ed25519Sha512.toScalar(d), Ed25519Sha512.toSecretScalar(d.clone()));
    }
    byte[] m = "nonce input".getBytes(StandardCharsets.US_ASCII);
    assertEquals(
        Ed25519Sha512.toScalar(
            Ed25519Sha512.sha512(
                "FROST-ED25519-SHA512-v1nonce".getBytes(StandardCharsets.US_ASCII), m)),
        SUITE.h3(m));
  }
}
