package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.SignerHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * scripts/sandbox.sh starts both jars, waits for readiness and prints the URLs; the demo client,
 * run from each jar, completes DKG and verified signatures for every ciphersuite against them
 * (embedded store, then Redis); `stop` ends both processes.
 */
class SandboxScriptIT {

  record Run(int exit, String output) {}

  @Test
  void scriptAndDemoClientWithTheEmbeddedStore() throws Exception {
    sandboxRound(Map.of(), "embedded (in memory)");
  }

  @Test
  void scriptAndDemoClientWithRedis() throws Exception {
    try (RedisProcess redis =
        new RedisProcess(List.of("--appendonly", "yes", "--save", "")).start()) {
      sandboxRound(Map.of("SIGNER_REDIS_URL", redis.url()), "Redis");
      Run keys =
          run(
              List.of(
                  "redis-cli",
                  "-p",
                  Integer.toString(redis.port),
                  "--scan",
                  "--pattern",
                  "frost:*:key"),
              Map.of());
      // one demo key per ciphersuite of the two jars
      long suites =
          (long) dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService.DEFINITION.suites().size()
              + dev.frostsandbox.eddsa.EddsaService.DEFINITION.suites().size();
      assertEquals(
          suites,
          keys.output().strip().lines().count(),
          "the demo's keys are in Redis: " + keys.output());
    }
  }

  private void sandboxRound(Map<String, String> extraEnv, String storeLabel) throws Exception {
    Path dir = Sandbox.tempDir("sandbox-script-");
    int ecdsaPort = Sandbox.freePort();
    int eddsaPort = Sandbox.freePort();
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("PATH", System.getenv("PATH"));
    env.put("JAVA", Sandbox.javaBin());
    env.put("SANDBOX_DIR", dir.toString());
    env.put("SANDBOX_ECDSA_PORT", Integer.toString(ecdsaPort));
    env.put("SANDBOX_EDDSA_PORT", Integer.toString(eddsaPort));
    env.put("SIGNER_EVENT_LOOPS", "2");
    env.put("SANDBOX_CDS_PORT", Integer.toString(Sandbox.freePort()));
    String script = Sandbox.root().resolve("scripts/sandbox.sh").toString();
    Sandbox.ecdsaJar();
    Sandbox.eddsaJar(); // present: the script must not need to build
    try {
      Run started = run(List.of("bash", script, "start"), env);
      assertEquals(0, started.exit(), started.output());
      assertTrue(
          started
              .output()
              .contains(
                  "sandbox ready (store: "
                      + storeLabel
                      + ", faults: true, listening on 127.0.0.1)"),
          started.output());
      for (int port : List.of(ecdsaPort, eddsaPort)) {
        assertEquals(
            List.of("127.0.0.1"),
            Sandbox.listeningAddresses(port),
            "loopback only by default, port " + port);
      }
      assertTrue(
          started.output().contains("http://127.0.0.1:" + ecdsaPort + "/console"),
          started.output());
      assertTrue(
          started.output().contains("http://127.0.0.1:" + eddsaPort + "/console"),
          started.output());
      assertTrue(
          run(List.of("bash", script, "status"), env).output().contains("signer-eddsa running"));
      for (String service : List.of("signer-ecdsa-schnorr", "signer-eddsa")) {
        assertTrue(
            started.output().contains(service + ": building its class-data archive"),
            started.output());
        long pid = Long.parseLong(Files.readString(dir.resolve(service + ".pid")).strip());
        assertTrue(
            Sandbox.mapsArchive(pid, dir.resolve(service + ".jsa")),
            service + " started with its archive mapped");
      }

      Map<String, String> suites =
          Map.of(
              "FROST-secp256k1-SHA256-v1",
              "ecdsa",
              "FROST-secp256k1-POSEIDON-v1",
              "ecdsa",
              "FROST-secp256k1-SHA256-TR-v1",
              "ecdsa",
              "FROST-ED25519-SHA512-v1",
              "eddsa");
      for (Map.Entry<String, String> s : suites.entrySet()) {
        boolean ecdsa = s.getValue().equals("ecdsa");
        Path jar = ecdsa ? Sandbox.ecdsaJar() : Sandbox.eddsaJar();
        String url = "http://localhost:" + (ecdsa ? ecdsaPort : eddsaPort);
        Run demo =
            run(
                List.of(
                    Sandbox.javaBin(),
                    "-cp",
                    jar.toString(),
                    "dev.frostsandbox.client.DemoClient",
                    "--url",
                    url,
                    "--suite",
                    s.getKey()),
                Map.of());
        assertEquals(0, demo.exit(), demo.output());
        assertTrue(demo.output().contains("suite     " + s.getKey()), demo.output());
        assertTrue(
            demo.output().contains("one round (POST sign): signature verified"), demo.output());
        assertTrue(
            demo.output().contains("two rounds (sign/round1 + sign/round2): signature verified"),
            demo.output());
        Matcher keyid = Pattern.compile("keyid (demo-[0-9a-f]{8})").matcher(demo.output());
        assertTrue(keyid.find(), demo.output());
        String prefix = ecdsa ? "/signers/ecdsa-schnorr" : "/signers/eddsa";
        assertEquals(
            s.getKey(),
            new SignerHttp(url)
                .get(prefix + "/keys/" + keyid.group(1))
                .expect(200)
                .json()
                .path("ciphersuite")
                .asText(),
            "the demo's key is on the server");
      }
      Run wrong =
          run(
              List.of(
                  Sandbox.javaBin(),
                  "-cp",
                  Sandbox.eddsaJar().toString(),
                  "dev.frostsandbox.client.DemoClient",
                  "--url",
                  "http://localhost:" + eddsaPort,
                  "--suite",
                  "FROST-secp256k1-SHA256-v1"),
              Map.of());
      assertEquals(
          2, wrong.exit(), "a suite the jar does not have is a usage error: " + wrong.output());
      assertTrue(wrong.output().contains("[FROST-ED25519-SHA512-v1]"), wrong.output());
    } finally {
      Run stopped = run(List.of("bash", script, "stop"), env);
      assertEquals(0, stopped.exit(), stopped.output());
    }
    assertTrue(
        run(List.of("bash", script, "status"), env)
            .output()
            .contains("signer-ecdsa-schnorr stopped"));
    String log = Files.readString(dir.resolve("signer-eddsa.log"));
    assertTrue(log.contains("stopped in"), "the service drained and logged its stop: " + log);
    assertFalse(Files.exists(dir.resolve("signer-eddsa.pid")));
  }

  private static Run run(List<String> cmd, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
    if (!env.isEmpty()) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd + "\n" + out);
    }
    return new Run(p.exitValue(), out);
  }
}
