package dev.frostsandbox.service.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.Ed25519Point;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.fault.FaultPoints;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.state.DkgRound;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.TestSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;

/**
 * Racing requests against real Redis, released together: single-use state is used exactly once,
 * and concurrent DKG restarts leave one consistent round.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyTest {

  private static final String P = EddsaService.DEFINITION.prefix();
  private static final int RACERS = 16;

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<Ed25519Point> SUITE =
      (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suites().get(0);
  private static final FrostJson<Ed25519Point> JSON = SUITE.frost().json();

  private final FrostClient<Ed25519Point> client = new FrostClient<>(SUITE.frost(), P, new SecureRandom());
  private TestSigner signer;
  private SignerHttp http;
  private ExecutorService pool;

  @BeforeAll
  void start() {
    signer = TestSigner.start(EddsaService.DEFINITION, Map.of("SIGNER_REDIS_URL", RedisHarness.shared().url()));
    http = signer.http();
    pool = Executors.newFixedThreadPool(RACERS);
  }

  @AfterAll
  void stop() {
    pool.shutdownNow();
    signer.close();
  }

  private static String keyid() {
    return "race-" + java.util.UUID.randomUUID();
  }

  /** Runs the tasks released by one latch, so they hit the server together. */
  private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> t : tasks) {
      futures.add(pool.submit(() -> {
        go.await();
        return t.call();
      }));
    }
    go.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  private static long count(List<HttpAnswer> answers, int status) {
    return answers.stream().filter(a -> a.status() == status).count();
  }

  @RepeatedTest(3)
  void concurrentSignRound2WithTheSameNoncesGivesExactlyOneShare() throws Exception {
    FrostClient.Keys<Ed25519Point> keys = client.dkg(http, keyid());
    byte[] msg = "once".getBytes(StandardCharsets.UTF_8);
    SortedMap<Identifier, SigningNonces<Ed25519Point>> nonces = client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<Ed25519Point> pkg = client.signRound1(http, keys, msg, nonces);
    ObjectNode body = client.signRound2Request(pkg);
    List<Callable<HttpAnswer>> tasks = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      tasks.add(() -> http.post(P + "/sign/round2/" + keys.keyid(), body));
    }
    List<HttpAnswer> answers = race(tasks);
    assertEquals(1, count(answers, 200), answers.toString());
    assertEquals(RACERS - 1, count(answers, 404), "the others: no-signing-round-found");
    answers.stream().filter(a -> a.status() == 404)
        .forEach(a -> assertTrue(a.json().get("type").asText().endsWith("#no-signing-round-found"), a.body()));
  }

  @RepeatedTest(3)
  void concurrentDkgRound2GivesExactlyOneStoredKey() throws Exception {
    String keyid = keyid();
    FrostClient.DkgSession<Ed25519Point> session = client.dkgRound1(http, keyid, 2, 2, true);
    List<Callable<HttpAnswer>> tasks = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      tasks.add(() -> {
        try {
          // the whole client round 2, including its check of the server's public key package
          client.dkgRound2(http, session);
          return new HttpAnswer(201, Map.of(), "", null);
        } catch (IllegalStateException e) {
          return new HttpAnswer(Integer.parseInt(e.getMessage().replaceAll("^expected HTTP 201, got (\\d+).*$", "$1")),
              Map.of(), e.getMessage(), null);
        }
      });
    }
    List<HttpAnswer> answers = race(tasks);
    assertEquals(1, count(answers, 201), answers.toString());
    for (HttpAnswer a : answers) {
      assertTrue(a.status() == 201 || a.status() == 404 && a.body().contains("no-dkg-round-found")
          || a.status() == 409, a.body());
    }
    // exactly one key, and it is the one the client computed
    assertEquals(200, http.get(P + "/keys/" + keyid).status());
    assertEquals(404, http.post(P + "/dkg/round2/" + keyid, FrostJson.MAPPER.createObjectNode()).status());
  }

  @SuppressWarnings("unchecked")
  @RepeatedTest(3)
  void concurrentRound1RestartsLeaveOneConsistentRound() throws Exception {
    String keyid = keyid();
    List<SortedMap<Identifier, Dkg.Part1<Ed25519Point>>> parts = new ArrayList<>();
    List<Callable<HttpAnswer>> tasks = new ArrayList<>();
    for (int i = 0; i < RACERS / 2; i++) {
      SortedMap<Identifier, Dkg.Part1<Ed25519Point>> part1 = client.dkgPart1(2, 2);
      parts.add(part1);
      ObjectNode body = client.round1Request(part1, 2, 2, true);
      tasks.add(() -> http.post(P + "/dkg/round1/" + keyid, body));
    }
    List<HttpAnswer> answers = race(tasks);
    assertEquals(tasks.size(), count(answers, 201), answers.toString());

    // the stored round belongs to exactly one of the racers: the client package it holds is theirs
    DkgRound<?> round = signer.server().context().state()
        .findDkgRound(new Call("default", keyid, P, FaultPoints.NONE)).await(5, TimeUnit.SECONDS);
    assertNotNull(round);
    String stored = JSON.round1Package(
        ((DkgRound<Ed25519Point>) round).peers().get(Identifier.of(1))).toString();
    List<Integer> owners = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (JSON.round1Package(parts.get(i).get(Identifier.of(1)).package_()).toString().equals(stored)) {
        owners.add(i);
      }
    }
    assertEquals(1, owners.size(), "exactly one racer's round survived");
    int winner = owners.get(0);
    // the winner's own answer carries the server round-1 package that matches the stored secret state
    FrostClient.DkgSession<Ed25519Point> session = client.dkgSession(keyid, parts.get(winner), answers.get(winner).json());
    FrostClient.Keys<Ed25519Point> keys = client.dkgRound2(http, session);
    byte[] msg = "restarted".getBytes(StandardCharsets.UTF_8);
    assertTrue(client.verify(keys, msg, client.signOneRound(http, keys, msg, client.defaultSigners(keys))));
  }
}
