package dev.frostsandbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.testing.TestSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DemoClient --refresh and --repair, for every suite of signer-ecdsa-schnorr. */
class DemoClientLifecycleTest {

  private record Run(int exit, String output) {}

  private static Run run(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int exit = new DemoClient(new PrintStream(buf, true, StandardCharsets.UTF_8)).run(args);
    return new Run(exit, buf.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "FROST-secp256k1-SHA256-v1",
        "FROST-secp256k1-POSEIDON-v1",
        "FROST-secp256k1-SHA256-TR-v1"
      })
  void refreshesThenRepairsAClientShareAndTheServersShare(String suite) {
    try (TestSigner signer =
        TestSigner.start(EcdsaSchnorrService.DEFINITION, Map.of("SIGNER_FAULTS_ENABLED", "true"))) {
      String keyid = "demo-life-" + UUID.randomUUID().toString().substring(0, 8);
      Run r =
          run(
              "--url",
              signer.baseUrl(),
              "--suite",
              suite,
              "--keyid",
              keyid,
              "--min-signers",
              "2",
              "--max-signers",
              "3",
              "--refresh",
              "--repair");
      assertEquals(0, r.exit(), r.output());
      assertTrue(r.output().contains("new shares, same verifying key"), r.output());
      assertTrue(
          r.output().contains("two rounds with the refreshed shares: signature verified"),
          r.output());
      assertTrue(r.output().contains("the share is back"), r.output());
      assertTrue(r.output().contains("(sign answers 409)"), r.output());
      assertTrue(
          r.output().contains("two rounds with the server's repaired share: signature verified"),
          r.output());
      // the server's share is in place again
      HttpAnswer key =
          signer.http().get(EcdsaSchnorrService.DEFINITION.prefix() + "/keys/" + keyid).expect(200);
      assertFalse(key.json().has("share_lost"), key.body());
    }
  }

  @Test
  void refreshesATwoOfTwoKeyAndSkipsTheServerRepairWithoutTheSandboxAdmin() {
    try (TestSigner signer = TestSigner.memory(EcdsaSchnorrService.DEFINITION)) {
      Run r = run("--url", signer.baseUrl(), "--refresh");
      assertEquals(0, r.exit(), r.output());
      assertTrue(r.output().contains("new shares, same verifying key"), r.output());
      Run s =
          run("--url", signer.baseUrl(), "--min-signers", "2", "--max-signers", "3", "--repair");
      assertEquals(0, s.exit(), s.output());
      assertTrue(s.output().contains("the share is back"), s.output());
      assertTrue(s.output().contains("skipped"), s.output());
    }
  }

  @Test
  void repairNeedsMoreParticipantsThanTheThreshold() {
    Run r = run("--url", "http://127.0.0.1:1", "--repair");
    assertEquals(2, r.exit(), r.output());
    assertTrue(r.output().contains("--repair needs t-of-n with n > t"), r.output());
  }
}
