package dev.frostsandbox.service.redis;

import static dev.frostsandbox.service.redis.RedisCli.awaitReply;
import static dev.frostsandbox.service.redis.RedisCli.cli;
import static dev.frostsandbox.testing.Eventually.eventually;
import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.store.StoreKeys;
import dev.frostsandbox.testing.TestSigner;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Redis Sentinel (a master, a replica, three sentinels, local processes): the service in sentinel
 * mode runs DKG and signing, the master is killed, the sentinels promote the replica, and the
 * service follows it with every key intact. Round 2 hands out a signature share only once a replica
 * acknowledged that its nonces are deleted, so no failover can bring them back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelTest {

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<ECPoint> SUITE =
      (SuiteBinding<ECPoint>) EcdsaSchnorrService.DEFINITION.suites().get(0);

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
      Files.writeString(
          conf,
          "port "
              + port
              + "\nbind 127.0.0.1\n"
              + "sentinel monitor mymaster 127.0.0.1 "
              + master
              + " 2\n"
              + "sentinel down-after-milliseconds mymaster 1000\n"
              + "sentinel failover-timeout mymaster 5000\n");
      procs.put(
          port,
          new ProcessBuilder("redis-server", conf.toString(), "--sentinel")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sentinel-" + port + ".log").toFile())
              .start());
    }
    for (int s : sentinels) {
      awaitReply(s, "num-other-sentinels", "SENTINEL", "MASTER", "mymaster");
    }
  }

  private void server(int port, String... extra) throws IOException {
    Path d = Files.createDirectories(dir.resolve(Integer.toString(port)));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--appendonly",
                "yes",
                "--save",
                "",
                "--dir",
                d.toString()));
    cmd.addAll(List.of(extra));
    procs.put(
        port,
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(d.resolve("redis.log").toFile())
            .start());
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
    assertTrue(
        client.verify(
            keys, msg, client.signTwoRounds(http, http, keys, msg, client.defaultSigners(keys))));
  }

  private TestSigner sentinelSigner() {
    String urls =
        sentinels.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
    return TestSigner.start(
        EcdsaSchnorrService.DEFINITION,
        Map.of(
            "SIGNER_REDIS_MODE",
            "sentinel",
            "SIGNER_REDIS_URL",
            urls,
            "SIGNER_REDIS_MASTER_NAME",
            "mymaster",
            "SIGNER_REDIS_TIMEOUT_MS",
            "1000"));
  }

  /**
   * Waits until the node the sentinels name as master has the other node as a linked replica. On a
   * slow host the sentinels may fail over once more (a new master unanswered for the 1000-ms
   * down-after period), so the test asks them who the master is rather than assuming a role.
   */
  private void awaitLinkedReplica() throws Exception {
    eventually(
        Duration.ofMinutes(1),
        () -> {
          try {
            // the reply is two lines: host, then port
            List<String> addr =
                cli(sentinels.get(0), "SENTINEL", "get-master-addr-by-name", "mymaster")
                    .strip()
                    .lines()
                    .toList();
            int current = Integer.parseInt(addr.get(addr.size() - 1).strip());
            int other = current == master ? replica : master;
            String info = cli(other, "INFO", "replication");
            assertTrue(
                info.contains("master_link_status:up") && info.contains("master_port:" + current),
                "sentinels name " + current + " as master; port " + other + " answered " + info);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  private static void signal(Process p, String signal) throws Exception {
    assertEquals(
        0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
  }

  @Test
  @Order(1)
  void round2AnswersOnlyOnceTheReplicaAcknowledgedTheConsumedNonces() throws Exception {
    FrostClient<ECPoint> client =
        new FrostClient<>(
            SUITE.frost(), EcdsaSchnorrService.DEFINITION.prefix(), new SecureRandom());
    String prefix = EcdsaSchnorrService.DEFINITION.prefix();
    String scope = EcdsaSchnorrService.DEFINITION.name() + ".default";
    byte[] msg = "acknowledged".getBytes(StandardCharsets.UTF_8);
    try (TestSigner signer = sentinelSigner()) {
      SignerHttp http = signer.http();
      FrostClient.Keys<ECPoint> keys = client.dkg(http, "acked");

      // replica up: the consuming delete has reached it when round 2 answers
      SigningPackage<ECPoint> pkg =
          client.signRound1(http, keys, msg, client.newNonces(keys, client.defaultSigners(keys)));
      String nonceKey = cli(master, "KEYS", StoreKeys.nonces(scope, "acked", "*")).strip();
      awaitReply(replica, "1", "EXISTS", nonceKey);
      assertEquals(
          200, http.post(prefix + "/sign/round2/acked", client.signRound2Request(pkg)).status());
      assertEquals(
          "0",
          cli(replica, "EXISTS", nonceKey).strip(),
          "the replica still holds the consumed nonces");

      // replica frozen: no acknowledgement within half the 1000-ms timeout, so no share
      SigningPackage<ECPoint> frozen =
          client.signRound1(http, keys, msg, client.newNonces(keys, client.defaultSigners(keys)));
      signal(procs.get(replica), "STOP");
      HttpAnswer refused;
      long took;
      try {
        long t0 = System.nanoTime();
        refused = http.post(prefix + "/sign/round2/acked", client.signRound2Request(frozen));
        took = (System.nanoTime() - t0) / 1_000_000;
      } finally {
        signal(procs.get(replica), "CONT");
      }
      assertProblem(refused, Catalogue.REDIS_ERROR);
      assertFalse(refused.body().contains("signature_share"), refused.body());
      assertTrue(took < 5_000, "answered in " + took + " ms");
      // the nonces are gone from the master all the same: this signing round is over
      assertProblem(
          http.post(prefix + "/sign/round2/acked", client.signRound2Request(frozen)),
          Catalogue.NO_SIGNING_ROUND_FOUND);
      awaitReply(replica, "master_link_status:up", "INFO", "replication");
      signs(client, http, keys);
    }
  }

  @Test
  @Order(2)
  void theServiceFollowsTheSentinelsToThePromotedReplica() throws Exception {
    FrostClient<ECPoint> client =
        new FrostClient<>(
            SUITE.frost(), EcdsaSchnorrService.DEFINITION.prefix(), new SecureRandom());
    try (TestSigner signer = sentinelSigner()) {
      SignerHttp http = signer.http();
      List<FrostClient.Keys<ECPoint>> keys = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        keys.add(client.dkg(http, "sentinel-" + i));
      }
      keys.forEach(k -> signs(client, http, k));
      // replication is asynchronous: the test waits for the replica before pulling the plug
      assertTrue(cli(master, "WAIT", "1", "5000").trim().equals("1"));

      procs.get(master).destroyForcibly().waitFor();
      awaitReply(
          sentinels.get(0),
          Integer.toString(replica),
          "SENTINEL",
          "get-master-addr-by-name",
          "mymaster");
      awaitReply(replica, "role:master", "INFO", "replication");

      // the promoted master has no replica: keys read and one-round signing works, round 2 gives no
      // share
      byte[] msg = "sentinel".getBytes(StandardCharsets.UTF_8);
      String prefix = EcdsaSchnorrService.DEFINITION.prefix();
      eventually(
          Duration.ofSeconds(30),
          () -> {
            for (FrostClient.Keys<ECPoint> k : keys) {
              assertEquals(200, http.get(prefix + "/keys/" + k.keyid()).status());
              assertTrue(
                  client.verify(
                      k, msg, client.signOneRound(http, k, msg, client.defaultSigners(k))));
            }
          });
      FrostClient.Keys<ECPoint> k0 = keys.get(0);
      SigningPackage<ECPoint> pkg =
          client.signRound1(http, k0, msg, client.newNonces(k0, client.defaultSigners(k0)));
      HttpAnswer unacknowledged =
          http.post(prefix + "/sign/round2/" + k0.keyid(), client.signRound2Request(pkg));
      assertProblem(unacknowledged, Catalogue.REDIS_ERROR);
      assertFalse(unacknowledged.body().contains("signature_share"), unacknowledged.body());

      // the old master comes back, the sentinels make it the new master's replica: two rounds again
      server(master);
      awaitLinkedReplica();
      eventually(Duration.ofSeconds(30), () -> keys.forEach(k -> signs(client, http, k)));
      signs(client, http, client.dkg(http, "sentinel-after"));
      assertEquals(200, http.get("/health/ready").status());
    }
  }
}
