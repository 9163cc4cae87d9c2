package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostsandbox.frost.InvalidEncodingException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Known answers from RFC 9591 Appendix E.5 and frost-core's Identifier::derive. */
class Secp256k1Sha256VectorsTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final Secp256k1Sha256 SUITE = Secp256k1Sha256.INSTANCE;
  private static final Secp256k1Group GROUP = Secp256k1Group.INSTANCE;

  private static JsonNode rfc;
  private static JsonNode derive;

  @BeforeAll
  static void load() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    rfc = read(mapper, "/vectors/frost-secp256k1-sha256-rfc9591.json");
    derive = read(mapper, "/vectors/identifier-derive.json");
  }

  private static JsonNode read(ObjectMapper mapper, String path) throws IOException {
    try (InputStream in = Secp256k1Sha256VectorsTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing test resource " + path);
      }
      return mapper.readTree(in);
    }
  }

  private static byte[] hex(JsonNode n) {
    return HEX.parseHex(n.asText());
  }

  private static BigInteger scalar(JsonNode n) throws InvalidEncodingException {
    return GROUP.deserializeScalar(hex(n));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return dev.frostsandbox.frost.Bytes.concat(a, b);
  }

  @Test
  void contextString() {
    assertEquals("FROST-secp256k1-SHA256-v1", SUITE.contextString());
    assertEquals(derive.get("secp256k1").get("context").asText(), SUITE.contextString());
    assertEquals(GROUP, SUITE.group());
  }

  @Test
  void groupPublicKey() throws InvalidEncodingException {
    BigInteger sk = scalar(rfc.get("inputs").get("group_secret_key"));
    byte[] expected = hex(rfc.get("inputs").get("group_public_key"));
    assertEquals(
        HEX.formatHex(expected), HEX.formatHex(GROUP.serializeElement(GROUP.multiplyBase(sk))));
    assertTrue(GROUP.equal(GROUP.deserializeElement(expected), GROUP.multiplyBase(sk)));
  }

  @Test
  void nonceGenerationAndCommitments() throws InvalidEncodingException {
    Map<Integer, byte[]> shares = new HashMap<>();
    for (JsonNode s : rfc.get("inputs").get("participant_shares")) {
      shares.put(s.get("identifier").asInt(), hex(s.get("participant_share")));
    }
    JsonNode outputs = rfc.get("round_one_outputs").get("outputs");
    assertEquals(2, outputs.size());
    for (JsonNode o : outputs) {
      byte[] share = shares.get(o.get("identifier").asInt());
      for (String kind : new String[] {"hiding", "binding"}) {
        // nonce_generate(random_bytes, secret) = H3(random_bytes || SerializeScalar(secret))
        BigInteger nonce = SUITE.h3(concat(hex(o.get(kind + "_nonce_randomness")), share));
        assertEquals(o.get(kind + "_nonce").asText(), HEX.formatHex(GROUP.serializeScalar(nonce)));
        ECPoint commitment = GROUP.multiplyBase(nonce);
        assertEquals(
            o.get(kind + "_nonce_commitment").asText(),
            HEX.formatHex(GROUP.serializeElement(commitment)));
      }
    }
  }

  @Test
  void bindingFactors() {
    for (JsonNode o : rfc.get("round_one_outputs").get("outputs")) {
      BigInteger rho = SUITE.h1(hex(o.get("binding_factor_input")));
      assertEquals(o.get("binding_factor").asText(), HEX.formatHex(GROUP.serializeScalar(rho)));
    }
  }

  @Test
  void bindingFactorInputPrefixUsesH4AndH5() {
    // binding_factor_input = SerializeElement(PK) || H4(msg) || H5(encoded commitments) || id;
    // the H4 part is checkable from the message alone.
    JsonNode o = rfc.get("round_one_outputs").get("outputs").get(0);
    byte[] input = hex(o.get("binding_factor_input"));
    byte[] h4 = SUITE.h4(hex(rfc.get("inputs").get("message")));
    assertEquals(32, h4.length);
    assertEquals(HEX.formatHex(h4), HEX.formatHex(java.util.Arrays.copyOfRange(input, 33, 65)));
    assertEquals(
        rfc.get("inputs").get("group_public_key").asText(),
        HEX.formatHex(java.util.Arrays.copyOfRange(input, 0, 33)));
  }

  @Test
  void h5MatchesEncodedCommitmentList() throws InvalidEncodingException {
    // encode_group_commitment_list: id || hiding commitment || binding commitment, in id order.
    java.io.ByteArrayOutputStream enc = new java.io.ByteArrayOutputStream();
    for (JsonNode o : rfc.get("round_one_outputs").get("outputs")) {
      enc.writeBytes(GROUP.serializeScalar(BigInteger.valueOf(o.get("identifier").asInt())));
      enc.writeBytes(hex(o.get("hiding_nonce_commitment")));
      enc.writeBytes(hex(o.get("binding_nonce_commitment")));
    }
    byte[] input =
        hex(rfc.get("round_one_outputs").get("outputs").get(0).get("binding_factor_input"));
    assertEquals(
        HEX.formatHex(java.util.Arrays.copyOfRange(input, 65, 97)),
        HEX.formatHex(SUITE.h5(enc.toByteArray())));
  }

  @Test
  void identifierDerive() {
    JsonNode s = derive.get("secp256k1");
    BigInteger id = SUITE.hid("alice@example.com".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        s.get("derive_alice@example.com").asText(), HEX.formatHex(GROUP.serializeScalar(id)));
    assertEquals(
        s.get("fromNumber_7").asText(),
        HEX.formatHex(GROUP.serializeScalar(BigInteger.valueOf(7))));
  }

  @Test
  void hashesAreDomainSeparated() {
    byte[] m = "same input".getBytes(StandardCharsets.UTF_8);
    BigInteger[] outs = {SUITE.h1(m), SUITE.h2(m), SUITE.h3(m), SUITE.hdkg(m), SUITE.hid(m)};
    for (int i = 0; i < outs.length; i++) {
      assertTrue(outs[i].compareTo(GROUP.order()) < 0);
      for (int j = i + 1; j < outs.length; j++) {
        assertNotEquals(outs[i], outs[j], i + " vs " + j);
      }
    }
    assertNotEquals(HEX.formatHex(SUITE.h4(m)), HEX.formatHex(SUITE.h5(m)));
  }

  @Test
  void siblingSuiteChangesOnlyWhatItOverrides() {
    // A later suite overrides the context string and H2; check that the constructor carries it.
    Secp256k1Sha256 sibling = new Secp256k1Sha256("FROST-test-v1") {};
    byte[] m = "x".getBytes(StandardCharsets.UTF_8);
    assertEquals("FROST-test-v1", sibling.contextString());
    assertNotEquals(SUITE.h1(m), sibling.h1(m));
    assertEquals(
        HashToField.hashToField(
            m, "FROST-test-v1rho".getBytes(StandardCharsets.US_ASCII), GROUP.order()),
        sibling.h1(m));
    assertEquals(
        HEX.formatHex(
            HashToField.sha256("FROST-test-v1msg".getBytes(StandardCharsets.US_ASCII), m)),
        HEX.formatHex(sibling.h4(m)));
  }
}
