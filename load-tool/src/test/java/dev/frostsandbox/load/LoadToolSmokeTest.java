package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.ecdsaschnorr.Secp256k1Sha256;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.RedisProbe;
import dev.frostsandbox.testing.TestSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
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

  private LoadTool.Result run(String op, Consumer<LoadOptions.Builder> more) {
    LoadOptions o =
        LoadOptions.defaults()
            .with(
                b -> {
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
    assertTrue(
        r.process().jitSeconds() >= 0 && r.process().jitSeconds() <= r.process().cpuSeconds(),
        report);
    assertTrue(r.machine().loadToolJitSeconds() >= 0, report);
    assertTrue(report.contains("JIT compiler threads' CPU in the window: service "), report);
    return r;
  }

  @Test
  void oneRoundSigningAtFixedConcurrency() {
    LoadTool.Result r = run("sign", b -> {});
    assertTrue(r.verified() >= r.ops(), "every signature is verified by default");
    assertNull(r.sendLag(), "nothing is scheduled in concurrency mode");
  }

  @Test
  void twoRoundSigningAtFixedRateWithSampledVerification() {
    LoadTool.Result r =
        run(
            "sign2",
            b -> {
              b.rate = 50;
              b.verifyEvery = 5;
              b.clientNoncePool = 8;
            });
    assertTrue(r.verified() > 0);
    // the rate-ticker thread's schedule: 50/s over the 2-s window, less the last few still
    // answering when it closed
    assertTrue(r.ops() >= 80 && r.ops() <= 101, "operations in the window: " + r.ops());
    // latency counts from the scheduled time, of which the issue lag is a part
    LoadTool.SendLag lag = r.sendLag();
    assertTrue(
        lag.p50Ms() > 0 && lag.p50Ms() <= lag.p99Ms() && lag.p99Ms() <= lag.maxMs(),
        lag.toString());
    assertTrue(lag.maxMs() <= r.maxMs(), lag + " vs max latency " + r.maxMs());
  }

  @Test
  void pooledConnectionsAreDroppedBeforeTheServiceWouldCloseThem() {
    // the client closing first avoids sending on a connection the server is closing
    Duration serviceIdle =
        dev.frostsandbox.signer.SignerConfig.fromEnv(java.util.Map.of(), 8081).idleTimeout();
    assertTrue(
        Duration.ofSeconds(AsyncFrostClient.KEEP_ALIVE_SECONDS).compareTo(serviceIdle.dividedBy(2))
            <= 0,
        "keep-alive "
            + AsyncFrostClient.KEEP_ALIVE_SECONDS
            + " s vs the service's idle timeout "
            + serviceIdle);
  }

  @Test
  void dkg() {
    run("dkg", b -> b.minSigners = 2);
  }

  @Test
  void reportsWhereTheMachinesCpuWentAndTheHostsHiccups() {
    LoadTool.Result r = run("sign", b -> b.redisPid = ProcessHandle.current().pid());
    LoadTool.MachineReport m = r.machine();
    // the service runs in this JVM here, so the load tool's and "Redis's" CPU are the same process
    assertTrue(m.loadToolMicrosPerOp() > 0 && m.redisMicrosPerOp() > 0, m.toString());
    assertTrue(
        m.machineMicrosPerOp() >= m.loadToolMicrosPerOp() * 0.9,
        "the machine includes the load tool: " + m);
    assertTrue(
        m.busyCores() > 0
            && m.busyCores() + m.idleCores() <= Runtime.getRuntime().availableProcessors() + 0.5,
        m.toString());
    Hiccups.Report h = r.hiccups();
    assertTrue(h.samples() > 500, "1-ms sleeps over the 2-s window: " + h);
    // the meter records before the window too (same code throughout): those must not count
    assertTrue(h.samples() <= 2100, "at most one 1-ms sleep per ms of the window: " + h);
    assertTrue(h.maxMs() >= h.p99Ms() && h.p99Ms() >= h.p50Ms(), h.toString());
  }

  @Test
  void baselineServerAnswersTheSignRequestsWithTheServicesShapeAfterAGetFromRedis()
      throws Exception {
    try (RedisHarness redis = RedisHarness.owned();
        VertxCloser vertx = new VertxCloser()) {
      int port = freePort();
      assertEquals(
          Runtime.getRuntime().availableProcessors(),
          BaselineServer.start(vertx.vertx, port, redis.url()).await(20, TimeUnit.SECONDS));
      // keys by DKG at the signer; the signing requests, unverifiable by design, go to the baseline
      LoadTool.Result r = signAt(port);
      assertEquals(0, r.verified(), "--verify-every 0 verifies nothing");
      // run() asserted no errors: every answer was a 200 with the service's fields, read after the
      // GET; the value read is there, of a stored key's size
      try (RedisProbe probe = new RedisProbe(redis.url())) {
        assertEquals(BaselineServer.STORED_BYTES, probe.get(BaselineServer.STORED_KEY).length);
      }
      // the engine floor answers the same requests over HTTP, signed
      int enginePort = freePort();
      BaselineServer.start(vertx.vertx, enginePort, redis.url(), "FROST-secp256k1-SHA256-v1", true)
          .await(20, TimeUnit.SECONDS);
      signAt(enginePort);
      // not the canned answer: fresh commitments each time, and the body is read (400 when bad)
      String good = oneRoundBody(BaselineServer.frostOf("FROST-secp256k1-SHA256-v1"));
      var http = HttpClient.newHttpClient();
      Function<String, HttpResponse<String>> post =
          body -> {
            try {
              return http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + enginePort + "/signers/x/sign/k"))
                      .header("content-type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
            } catch (Exception ex) {
              throw new IllegalStateException(ex);
            }
          };
      var first = post.apply(good);
      var second = post.apply(good);
      assertEquals(200, first.statusCode(), first.body());
      assertTrue(
          !first.body().equals(second.body()), "fresh nonces: " + first.body() + second.body());
      assertEquals(400, post.apply(good.replace("AAEC", "!!")).statusCode(), "bad base64");
    }
  }

  @Test
  void rateModeGivesEveryConnectionAPoolOfItsOwnByDefault() {
    assertEquals(1, LoadOptions.parse(new String[] {"--concurrency", "16"}).effectivePools());
    assertEquals(64, LoadOptions.parse(new String[] {"--rate", "100"}).effectivePools());
    assertEquals(
        256,
        LoadOptions.parse(new String[] {"--rate", "100", "--connections", "256"}).effectivePools());
    assertEquals(
        4,
        LoadOptions.parse(new String[] {"--rate", "100", "--connections", "4"}).effectivePools());
    assertEquals(
        2, LoadOptions.parse(new String[] {"--rate", "100", "--pools", "2"}).effectivePools());
  }

  @Test
  void theHeapIsScrapedWithPidUnlessTurnedOffOrTheSigningRequestsGoElsewhere() {
    assertTrue(LoadOptions.parse(new String[] {"--pid", "1"}).scrapesHeap());
    assertTrue(!LoadOptions.parse(new String[] {"--rate", "10"}).scrapesHeap(), "no --pid");
    assertTrue(!LoadOptions.parse(new String[] {"--pid", "1", "--heap", "no"}).scrapesHeap());
    assertTrue(LoadOptions.parse(new String[] {"--pid", "1", "--heap", "yes"}).scrapesHeap());
    assertTrue(
        !LoadOptions.parse(new String[] {"--pid", "1", "--sign-url", "http://127.0.0.1:1"})
            .scrapesHeap(),
        "the --sign-url server is not the one at --url");
    assertThrows(
        IllegalArgumentException.class, () -> LoadOptions.parse(new String[] {"--heap", "maybe"}));
  }

  @Test
  void baselineAnswersHaveEverySuitesShape() {
    forEverySuite((suite, frost) -> readBack(frost, BaselineServer.answerOf(suite), suite));
  }

  /** Runs {@code check} for every suite the load tool knows: four at least. */
  private static void forEverySuite(BiConsumer<String, Frost<?>> check) {
    int suites = 0;
    for (ServiceDefinition d : LoadTool.SERVICES) {
      for (var s : d.suitesByName().entrySet()) {
        check.accept(s.getKey(), s.getValue().frost());
        suites++;
      }
    }
    assertTrue(suites >= 4, "secp256k1, Poseidon, Taproot and Ed25519 at least: " + suites);
  }

  @Test
  void theEngineFloorSignsWithAShareThatVerifiesForEverySuite() {
    forEverySuite((suite, frost) -> engineShareVerifies(frost));
  }

  /**
   * A client (identifier 1 of the engine floor's dealt 2-of-2) sends its commitments; the answer's
   * share verifies against the server's verifying share for that message and not for another.
   */
  private static <E> void engineShareVerifies(Frost<E> frost) {
    SecureRandom random = new SecureRandom();
    BaselineServer.EngineSign<E> engine = new BaselineServer.EngineSign<>(frost, random);
    var one = Identifier.of(1);
    var two = Identifier.of(2);
    var client = frost.dealer().keyPackage(engine.deal.shares().get(one));
    var clientNonces = frost.signing().commit(client.signingShare(), random);
    byte[] message = "engine floor".getBytes(StandardCharsets.UTF_8);
    var body = oneRoundBody(frost, clientNonces.commitments(), message);
    var answer = engine.answer(body);
    var r = frost.json().reader();
    assertEquals(two, r.identifier(answer.get("identifier"), "/identifier"));
    var all = new TreeMap<Identifier, SigningCommitments<E>>();
    all.put(one, clientNonces.commitments());
    all.put(two, r.signingCommitments(answer.get("signing_commitments"), "/c"));
    var share = r.signatureShare(answer.get("signature_share"), "/s");
    assertTrue(!r.hasErrors(), r.errors().toString());
    var keys = engine.deal.publicKeyPackage();
    Consumer<byte[]> verifyFor =
        m ->
            frost
                .signing()
                .verifySignatureShare(
                    two,
                    keys.verifyingShares().get(two),
                    share,
                    new SigningPackage<>(all, m),
                    keys.verifyingKey());
    verifyFor.accept(message);
    assertThrows(FrostException.class, () -> verifyFor.accept(new byte[] {1}));
    // more than the client's one entry: refused before any decoding
    ObjectNode twoEntries = body.deepCopy();
    ((ObjectNode) twoEntries.get("signing_commitments"))
        .set(
            frost.json().identifier(Identifier.of(3)),
            frost.json().signingCommitments(clientNonces.commitments()));
    assertThrows(IllegalArgumentException.class, () -> engine.answer(twoEntries));
    // the server's own identifier as the client's
    ObjectNode asServer = FrostJson.MAPPER.createObjectNode();
    asServer.put("message", body.get("message").asText());
    asServer
        .putObject("signing_commitments")
        .set(
            frost.json().identifier(two),
            frost.json().signingCommitments(clientNonces.commitments()));
    assertThrows(IllegalArgumentException.class, () -> engine.answer(asServer));
    body.putObject("signing_commitments").put(frost.json().identifier(one), "not commitments");
    assertThrows(IllegalArgumentException.class, () -> engine.answer(body));
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A sign run whose signing requests go to the server on {@code port}, unverified. */
  private LoadTool.Result signAt(int port) {
    return run(
        "sign",
        b -> {
          b.signUrl = "http://127.0.0.1:" + port;
          b.verifyEvery = 0;
          b.clientNoncePool = 4;
        });
  }

  /** A one-round sign body: message 00 01 02 ("AAEC"), fresh commitments of identifier 1. */
  private static <E> String oneRoundBody(Frost<E> frost) {
    var nonces = frost.signing().commit(BigInteger.TWO, new SecureRandom());
    return oneRoundBody(frost, nonces.commitments(), new byte[] {0, 1, 2}).toString();
  }

  /** A one-round sign body: the message and the commitments of identifier 1. */
  private static <E> ObjectNode oneRoundBody(
      Frost<E> frost, SigningCommitments<E> commitments, byte[] message) {
    var body = FrostJson.MAPPER.createObjectNode();
    body.put("message", Base64.getEncoder().encodeToString(message));
    body.putObject("signing_commitments")
        .set(
            frost.json().identifier(Identifier.of(1)),
            frost.json().signingCommitments(commitments));
    return body;
  }

  /** The suite's own reader accepts the answer: identifier, element and scalar encodings. */
  private static <E> void readBack(
      Frost<E> frost, com.fasterxml.jackson.databind.JsonNode answer, String suite) {
    dev.frostsandbox.frost.json.PackageReader<E> r = frost.json().reader();
    assertEquals(Identifier.of(2), r.identifier(answer.get("identifier"), "/id"));
    assertTrue(
        r.signingCommitments(answer.get("signing_commitments"), "/c") != null, suite + answer);
    assertTrue(r.scalar(answer.path("signature_share").get("share"), "/s") != null, suite);
    assertTrue(!r.hasErrors(), suite + ": " + r.errors() + " in " + answer);
  }

  /** Vert.x closed at the end of a try block. */
  private static final class VertxCloser implements AutoCloseable {
    final io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();

    @Override
    public void close() {
      vertx.close().await();
    }
  }
}
