package dev.frostsandbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.testing.TestKeccak;
import dev.frostsandbox.testing.TestSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DemoClient --relay: signs one payload with the new key and relays it. */
class DemoClientRelayTest {

  private record Run(int exit, String output) {}

  private static Run run(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int exit = new DemoClient(new PrintStream(buf, true, StandardCharsets.UTF_8)).run(args);
    return new Run(exit, buf.toString(StandardCharsets.UTF_8));
  }

  private static String find(String regex, String output) {
    Matcher m = Pattern.compile(regex).matcher(output);
    assertTrue(m.find(), regex + " in:\n" + output);
    return m.group(1);
  }

  @Test
  void relaysOneSignedPayloadAndTheRelayRecordsIt() {
    try (TestSigner signer = TestSigner.memory(EcdsaSchnorrService.DEFINITION)) {
      String keyid = "demo-relay-" + UUID.randomUUID().toString().substring(0, 8);
      String payload = "c0ffee0102030405";
      Run r =
          run(
              "--url",
              signer.baseUrl(),
              "--suite",
              "FROST-secp256k1-POSEIDON-v1",
              "--keyid",
              keyid,
              "--relay",
              "--payload",
              "0x" + payload);
      assertEquals(0, r.exit(), r.output());
      assertTrue(
          r.output().contains("relay     POST /v1/signers/ecdsa-schnorr/relay -> 200"), r.output());
      assertTrue(
          r.output().contains("the relay message (POST sign): signature verified"), r.output());
      assertEquals(payload, find("payload   0x([0-9a-f]+)", r.output()));
      String signature = find("signature 0x([0-9a-f]{130})", r.output());
      String txHash = find("tx_hash (0x[0-9a-f]{64})", r.output());
      String account = find("account (0x[0-9a-f]{40}), relay nonce 1", r.output());
      byte[] preimage = HexFormat.of().parseHex(payload + signature);
      assertEquals("0x" + HexFormat.of().formatHex(TestKeccak.keccak256(preimage)), txHash);

      // the relay holds the payload now: relaying it again is the nonce revert
      ObjectNode body =
          FrostJson.MAPPER
              .createObjectNode()
              .put("keyid", keyid)
              .put("payload", payload)
              .put("signature", signature);
      HttpAnswer again = signer.http().post("/v1/signers/ecdsa-schnorr/relay", body);
      assertEquals(422, again.status(), again.body());
      assertEquals("InvalidAccountNonce(" + account + ", 1)", again.json().path("reason").asText());
    }
  }

  @Test
  void relayUsageErrors() {
    Run payloadAlone = run("--url", "http://127.0.0.1:1", "--payload", "00");
    assertEquals(2, payloadAlone.exit(), payloadAlone.output());
    assertTrue(
        payloadAlone.output().contains("--payload goes with --relay"), payloadAlone.output());
    Run notHex = run("--url", "http://127.0.0.1:1", "--relay", "--payload", "0xzz");
    assertEquals(2, notHex.exit(), notHex.output());
    assertTrue(notHex.output().contains("--payload takes a non-empty hex string"), notHex.output());
  }
}
