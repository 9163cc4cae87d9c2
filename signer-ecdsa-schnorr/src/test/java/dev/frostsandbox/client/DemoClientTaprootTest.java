package dev.frostsandbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.testing.TestSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DemoClient --suite FROST-secp256k1-SHA256-TR-v1: key path, then a script tree's output key. */
class DemoClientTaprootTest {

  private static final String TR = "FROST-secp256k1-SHA256-TR-v1";

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
  void signsForTheKeyPathAndForAScriptTree() {
    try (TestSigner signer = TestSigner.memory(EcdsaSchnorrService.DEFINITION)) {
      String keyid = "demo-tr-" + UUID.randomUUID().toString().substring(0, 8);
      Run r = run("--url", signer.baseUrl(), "--suite", TR, "--keyid", keyid);
      assertEquals(0, r.exit(), r.output());
      String output = find("taproot output key ([0-9a-f]{64})", r.output());
      assertEquals(
          output,
          signer
              .http()
              .get("/signers/ecdsa-schnorr/keys/" + keyid)
              .expect(200)
              .json()
              .path("taproot_output_key")
              .asText());
      find("signature ([0-9a-f]{128})\\n", r.output()); // 64 bytes, x(R) || z
      assertTrue(
          r.output().contains("two rounds (sign/round1 + sign/round2): signature verified"),
          r.output());

      Run tree =
          run("--url", signer.baseUrl(), "--suite", TR, "--taproot-merkle-root", "11".repeat(32));
      assertEquals(0, tree.exit(), tree.output());
      assertNotEquals(
          find("taproot output key ([0-9a-f]{64})", tree.output()),
          find("script-tree output key ([0-9a-f]{64})", tree.output()));
      assertTrue(
          tree.output().contains("one round (POST sign): signature verified"), tree.output());
    }
  }

  @Test
  void aMerkleRootIsAUsageErrorForOtherSuitesAndWhenMalformed() {
    assertEquals(
        2,
        run("--suite", "FROST-secp256k1-SHA256-v1", "--taproot-merkle-root", "11".repeat(32))
            .exit());
    assertEquals(2, run("--suite", TR, "--taproot-merkle-root", "11".repeat(31)).exit());
  }
}
