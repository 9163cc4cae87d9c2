package dev.frostsandbox.service.redis;

import static dev.frostsandbox.service.redis.RedisCli.awaitReply;
import static dev.frostsandbox.service.redis.RedisCli.cli;
import static dev.frostsandbox.service.redis.RedisCli.run;
import static dev.frostsandbox.testing.Eventually.eventually;
import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.frost.Signature;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real Redis Cluster (three masters, three replicas, local redis-server processes): DKG and
 * signing through a service in cluster mode, then a master fails over (CLUSTER FAILOVER) and is
 * later killed outright, and every key is still there and signs. Round 2 hands out a share only
 * once a replica of the key's master acknowledged the consumed nonces: while a promoted master has
 * no replica it answers redis-error, and two-round signing resumes when the killed node is back as
 * its replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterTest {

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<ECPoint> SUITE =
      (SuiteBinding<ECPoint>) EcdsaSchnorrService.DEFINITION.suites().get(0);

  private static final String SCOPE = EcdsaSchnorrService.DEFINITION.name() + ".default";

  private Path dir;
  private final List<Integer> ports = new ArrayList<>();
  private final Map<Integer, Process> nodes = new java.util.HashMap<>();

  @BeforeAll
  void startCluster() throws Exception {
    dir = Files.createTempDirectory("redis-cluster-");
    for (int i = 0; i < 6; i++) {
      int port = freePort();
      ports.add(port);
      startNode(port);
    }
    for (int port : ports) {
      awaitReply(port, "PONG", "PING");
    }
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    ports.forEach(p -> create.add("127.0.0.1:" + p));
    create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    String out = run(create);
    assertTrue(out.contains("[OK] All 16384 slots covered"), out);
    for (int port : ports) {
      awaitReply(port, "cluster_state:ok", "CLUSTER", "INFO");
    }
    // a replica whose link to its master is not up yet cannot take over: wait until each has synced
    for (int port : ports) {
      if (cli(port, "INFO", "replication").contains("role:slave")) {
        awaitReply(port, "master_link_status:up", "INFO", "replication");
      }
    }
  }

  private void startNode(int port) throws IOException {
    Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
    ProcessBuilder pb =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                "nodes.conf",
                "--cluster-node-timeout",
                "2000",
                "--appendonly",
                "yes",
                "--save",
                "",
                "--dir",
                nodeDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(nodeDir.resolve("redis.log").toFile());
    nodes.put(port, pb.start());
  }

  @AfterAll
  void stopCluster() throws IOException {
    nodes.values().forEach(Process::destroyForcibly);
    for (Process p : nodes.values()) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /**
   * A free port whose cluster bus port (port + 10000) is free too. Ephemeral ports (up to 60999)
   * would put the bus port past 65535 or onto another socket, so ports come from 20000-29999.
   */
  private int freePort() throws IOException {
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = 20_000 + random.nextInt(10_000);
      if (!ports.contains(port) && free(port) && free(port + 10_000)) {
        return port;
      }
    }
    throw new IOException("no free port pair for a cluster node");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The port of the master serving a key's slot, and of one of its replicas. */
  private int[] masterAndReplica(int anyPort, String key) throws Exception {
    int slot = Integer.parseInt(cli(anyPort, "CLUSTER", "KEYSLOT", key).trim());
    String master = null;
    int masterPort = -1;
    List<String[]> lines =
        cli(anyPort, "CLUSTER", "NODES")
            .lines()
            .map(l -> l.split(" "))
            .collect(Collectors.toList());
    for (String[] f : lines) {
      if (f[2].contains("master") && !f[2].contains("fail")) {
        for (int i = 8; i < f.length; i++) {
          String[] range = f[i].split("-", -1);
          int lo = Integer.parseInt(range[0]);
          int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
          if (slot >= lo && slot <= hi) {
            master = f[0];
            masterPort = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
          }
        }
      }
    }
    for (String[] f : lines) {
      if (f[2].contains("slave") && f[3].equals(master) && !f[2].contains("fail")) {
        return new int[] {
          masterPort, Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')))
        };
      }
    }
    throw new AssertionError("no replica for slot " + slot);
  }

  private void signs(FrostClient<ECPoint> client, SignerHttp http, FrostClient.Keys<ECPoint> keys) {
    byte[] msg = "cluster".getBytes(StandardCharsets.UTF_8);
    assertTrue(
        client.verify(
            keys, msg, client.signTwoRounds(http, http, keys, msg, client.defaultSigners(keys))));
    assertTrue(
        client.verify(
            keys, msg, client.signOneRound(http, keys, msg, client.defaultSigners(keys))));
  }

  @Test
  void dkgAndSigningSurviveAFailoverAndAKilledMaster() throws Exception {
    String seeds =
        ports.subList(0, 3).stream()
            .map(p -> "redis://127.0.0.1:" + p)
            .collect(Collectors.joining(","));
    FrostClient<ECPoint> client =
        new FrostClient<>(
            SUITE.frost(), EcdsaSchnorrService.DEFINITION.prefix(), new SecureRandom());
    try (TestSigner signer =
        TestSigner.start(
            EcdsaSchnorrService.DEFINITION,
            Map.of(
                "SIGNER_REDIS_MODE",
                "cluster",
                "SIGNER_REDIS_URL",
                seeds,
                "SIGNER_REDIS_TIMEOUT_MS",
                "1000"))) {
      SignerHttp http = signer.http();
      assertEquals(200, http.get("/health/ready").status());
      List<FrostClient.Keys<ECPoint>> keys = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        keys.add(client.dkg(http, "cluster-" + i));
      }
      keys.forEach(k -> signs(client, http, k));
      relays(client, http, keys.get(1));

      // a planned failover of the master holding key 0
      int[] mr = masterAndReplica(ports.get(0), StoreKeys.key(SCOPE, keys.get(0).keyid()));
      assertTrue(cli(mr[1], "CLUSTER", "FAILOVER").contains("OK"));
      awaitReply(mr[1], "role:master", "INFO", "replication");
      awaitReply(mr[0], "role:slave", "INFO", "replication");
      eventuallySigns(client, http, keys);

      // round 2 answers once the key's replica no longer holds the consumed nonces
      FrostClient.Keys<ECPoint> k3 = keys.get(3);
      int[] crashed = masterAndReplica(mr[1], StoreKeys.key(SCOPE, k3.keyid()));
      byte[] msg = "cluster".getBytes(StandardCharsets.UTF_8);
      String prefix = EcdsaSchnorrService.DEFINITION.prefix();
      SigningPackage<ECPoint> pkg =
          client.signRound1(http, k3, msg, client.newNonces(k3, client.defaultSigners(k3)));
      String nonceKey = cli(crashed[0], "KEYS", StoreKeys.nonces(SCOPE, k3.keyid(), "*")).strip();
      // KEYS (keyless) reads a cluster replica without READONLY
      awaitReply(crashed[1], nonceKey, "KEYS", nonceKey);
      assertEquals(
          200,
          http.post(prefix + "/sign/round2/" + k3.keyid(), client.signRound2Request(pkg)).status());
      assertFalse(
          cli(crashed[1], "KEYS", nonceKey).contains(nonceKey),
          "the replica still holds the consumed nonces");

      // a crashed master: the cluster promotes its replica after the node timeout
      nodes.get(crashed[0]).destroyForcibly().waitFor();
      awaitReply(crashed[1], "role:master", "INFO", "replication");
      awaitReply(crashed[1], "cluster_state:ok", "CLUSTER", "INFO");
      // the promoted master has no replica yet: keys read and sign in one round, round 2 gives no
      // share
      eventually(
          Duration.ofSeconds(30),
          () ->
              keys.forEach(
                  k -> {
                    assertEquals(200, http.get(prefix + "/keys/" + k.keyid()).status());
                    assertTrue(
                        client.verify(
                            k, msg, client.signOneRound(http, k, msg, client.defaultSigners(k))));
                  }));
      SigningPackage<ECPoint> orphan =
          client.signRound1(http, k3, msg, client.newNonces(k3, client.defaultSigners(k3)));
      HttpAnswer unacknowledged =
          http.post(prefix + "/sign/round2/" + k3.keyid(), client.signRound2Request(orphan));
      assertProblem(unacknowledged, Catalogue.REDIS_ERROR);
      assertFalse(unacknowledged.body().contains("signature_share"), unacknowledged.body());

      // the killed node comes back as the new master's replica: every key signs in two rounds again
      startNode(crashed[0]);
      awaitReply(crashed[0], "master_link_status:up", "INFO", "replication");
      eventuallySigns(client, http, keys);
      keys.add(client.dkg(http, "cluster-after"));
      signs(client, http, keys.get(keys.size() - 1));
    }
  }

  /**
   * The relay's guarded write (one script over the key and its relay record, in one hash slot) in
   * cluster mode: a payload is recorded for a live key, and a deleted key's relay answers 404.
   */
  private void relays(FrostClient<ECPoint> client, SignerHttp http, FrostClient.Keys<ECPoint> k) {
    byte[] payload = "cluster relay".getBytes(StandardCharsets.UTF_8);
    Signature<ECPoint> sig =
        client.signOneRound(
            http, k, SUITE.relay().message(k.keyid(), payload), client.defaultSigners(k));
    HttpAnswer relayed = client.relay(http, k.keyid(), payload, sig).expect(200);
    assertEquals(1, relayed.json().path("relay_nonce").asLong(), relayed.body());

    FrostClient.Keys<ECPoint> gone = client.dkg(http, "cluster-relay-deleted");
    Signature<ECPoint> goneSig =
        client.signOneRound(
            http, gone, SUITE.relay().message(gone.keyid(), payload), client.defaultSigners(gone));
    http.delete(EcdsaSchnorrService.DEFINITION.prefix() + "/keys/" + gone.keyid()).expect(204);
    assertProblem(client.relay(http, gone.keyid(), payload, goneSig), Catalogue.NO_KEY_FOUND);
  }

  /**
   * After a topology change: the client may need a moment to follow; then every key is there and
   * signs.
   */
  private void eventuallySigns(
      FrostClient<ECPoint> client, SignerHttp http, List<FrostClient.Keys<ECPoint>> keys)
      throws InterruptedException {
    eventually(
        Duration.ofSeconds(30),
        () -> {
          for (FrostClient.Keys<ECPoint> k : keys) {
            assertEquals(
                SUITE.frost().json().element(k.publicKeyPackage().verifyingKey()),
                http.get(EcdsaSchnorrService.DEFINITION.prefix() + "/keys/" + k.keyid())
                    .expect(200)
                    .json()
                    .get("verifying_key")
                    .asText());
            signs(client, http, k);
          }
        });
  }
}
