package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.frostsandbox.ecdsaschnorr.RedisCli.awaitReply;
import static dev.frostsandbox.ecdsaschnorr.RedisCli.cli;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.TestSigner;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Redis Sentinel (a master, a replica, three sentinels, local processes): the service in sentinel
 * mode runs DKG and signing, the master is killed, the sentinels promote the replica, and the
 * service follows it with every key intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSentinelTest {

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<ECPoint> SUITE = (SuiteBinding<ECPoint>) EcdsaSchnorrService.DEFINITION.suites().get(0);

  private Path dir;
  private int master;
  private int replica;
  private final List<Integer> sentinels = new ArrayList<>();
  private final Map<Integer, Process> procs = new java.util.HashMap<>();

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("redis-sentinel-");
    master = freePort();
    replica = freePort();
    server(master);
    server(replica, "--replicaof", "127.0.0.1", Integer.toString(master));
    awaitReply(replica, "master_link_status:up", "INFO", "replication");
    for (int i = 0; i < 3; i++) {
      int port = freePort();
      sentinels.add(port);
      Path conf = dir.resolve("sentinel-" + port + ".conf");
      Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\n"
          + "sentinel monitor mymaster 127.0.0.1 " + master + " 2\n"
          + "sentinel down-after-milliseconds mymaster 1000\n"
          + "sentinel failover-timeout mymaster 5000\n");
      procs.put(port, new ProcessBuilder("redis-server", conf.toString(), "--sentinel")
          .redirectErrorStream(true).redirectOutput(dir.resolve("sentinel-" + port + ".log").toFile()).start());
    }
    for (int s : sentinels) {
      awaitReply(s, "num-other-sentinels", "SENTINEL", "MASTER", "mymaster");
    }
  }

  private void server(int port, String... extra) throws IOException {
    Path d = Files.createDirectories(dir.resolve(Integer.toString(port)));
    List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--appendonly", "yes", "--save", "", "--dir", d.toString()));
    cmd.addAll(List.of(extra));
    procs.put(port, new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(d.resolve("redis.log").toFile()).start());
  }

  @AfterAll
  void stop() throws IOException {
    procs.values().forEach(Process::destroyForcibly);
    for (Process p : procs.values()) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }



  private void signs(FrostClient<ECPoint> client, SignerHttp http, FrostClient.Keys<ECPoint> keys) {
    byte[] msg = "sentinel".getBytes(StandardCharsets.UTF_8);
    assertTrue(client.verify(keys, msg, client.signTwoRounds(http, http, keys, msg, client.defaultSigners(keys))));
  }

  @Test
  void theServiceFollowsTheSentinelsToThePromotedReplica() throws Exception {
    String urls = sentinels.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
    FrostClient<ECPoint> client = new FrostClient<>(SUITE.frost(), EcdsaSchnorrService.DEFINITION.prefix(), new SecureRandom());
    try (TestSigner signer = TestSigner.start(EcdsaSchnorrService.DEFINITION, Map.of(
        "SIGNER_REDIS_MODE", "sentinel", "SIGNER_REDIS_URL", urls, "SIGNER_REDIS_MASTER_NAME", "mymaster",
        "SIGNER_REDIS_TIMEOUT_MS", "1000"))) {
      SignerHttp http = signer.http();
      List<FrostClient.Keys<ECPoint>> keys = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        keys.add(client.dkg(http, "sentinel-" + i));
      }
      keys.forEach(k -> signs(client, http, k));
      // replication is asynchronous: the test waits for the replica before pulling the plug
      assertTrue(cli(master, "WAIT", "1", "5000").trim().equals("1"));

      procs.get(master).destroyForcibly().waitFor();
      awaitReply(sentinels.get(0), Integer.toString(replica), "SENTINEL", "get-master-addr-by-name", "mymaster");
      awaitReply(replica, "role:master", "INFO", "replication");

      long deadline = System.nanoTime() + 30_000_000_000L;
      while (true) {
        try {
          for (FrostClient.Keys<ECPoint> k : keys) {
            assertEquals(200, http.get(EcdsaSchnorrService.DEFINITION.prefix() + "/keys/" + k.keyid()).status());
            signs(client, http, k);
          }
          break;
        } catch (RuntimeException | AssertionError e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(250);
        }
      }
      signs(client, http, client.dkg(http, "sentinel-after"));
      assertEquals(200, http.get("/health/ready").status());
    }
  }
}
