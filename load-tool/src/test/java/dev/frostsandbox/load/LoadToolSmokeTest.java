package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.ecdsaschnorr.Secp256k1Sha256;
import dev.frostsandbox.testing.TestSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A few seconds of each operation against an in-process signer: no errors, some throughput. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadToolSmokeTest {

  private TestSigner signer;

  @BeforeAll
  void start() {
    signer = TestSigner.memory(EcdsaSchnorrService.DEFINITION);
  }

  @AfterAll
  void stop() {
    signer.close();
  }

  private LoadTool.Result run(String op, java.util.function.Consumer<LoadOptions.Builder> more) {
    LoadOptions o = LoadOptions.defaults().with(b -> {
      b.url = signer.baseUrl();
      b.suite = Secp256k1Sha256.CONTEXT_STRING;
      b.op = op;
      b.concurrency = 4;
      b.keys = 2;
      b.warmup = Duration.ofMillis(500);
      b.duration = Duration.ofSeconds(2);
      b.pid = ProcessHandle.current().pid();
      b.sampleEvery = Duration.ofSeconds(1);
      more.accept(b);
    });
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    LoadTool.Result r = LoadTool.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String report = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, r.errors(), report);
    assertTrue(r.ops() > 0 && r.throughput() > 0, report);
    assertTrue(r.process() != null && r.process().cpuSeconds() > 0, report);
    return r;
  }

  @Test
  void oneRoundSigningAtFixedConcurrency() {
    LoadTool.Result r = run("sign", b -> { });
    assertTrue(r.verified() >= r.ops(), "every signature is verified by default");
  }

  @Test
  void twoRoundSigningAtFixedRateWithSampledVerification() {
    LoadTool.Result r = run("sign2", b -> {
      b.rate = 50;
      b.verifyEvery = 5;
      b.clientNoncePool = 8;
    });
    assertTrue(r.verified() > 0);
  }

  @Test
  void pooledConnectionsAreDroppedBeforeTheServiceWouldCloseThem() {
    // the client closing first avoids sending on a connection the server is closing
    Duration serviceIdle = dev.frostsandbox.signer.SignerConfig.fromEnv(java.util.Map.of(), 8081).idleTimeout();
    assertTrue(Duration.ofSeconds(AsyncFrostClient.KEEP_ALIVE_SECONDS).compareTo(serviceIdle.dividedBy(2)) <= 0,
        "keep-alive " + AsyncFrostClient.KEEP_ALIVE_SECONDS + " s vs the service's idle timeout " + serviceIdle);
  }

  @Test
  void dkg() {
    run("dkg", b -> b.minSigners = 2);
  }
}
