package dev.frostsandbox.service.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
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
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Racing requests against real Redis, released together: single-use state is used exactly once, and
 * concurrent DKG restarts leave one consistent round. Run for every suite of every service.
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("dev.frostsandbox.service.Services#suites")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyTest {

  private static final int RACERS = 16;

  @Parameter(0)
  private ServiceDefinition service;

  @Parameter(1)
  private String ciphersuite;

  /** The suite's element type does not matter here: keys and packages only travel. */
  private SuiteBinding<Object> suite;

  private FrostJson<Object> json;
  private String prefix;
  private FrostClient<Object> client;
  private TestSigner signer;
  private SignerHttp http;
  private ExecutorService pool;

  @SuppressWarnings("unchecked")
  @BeforeParameterizedClassInvocation
  void start() {
    suite = (SuiteBinding<Object>) service.suite(ciphersuite).orElseThrow();
    json = suite.frost().json();
    prefix = service.prefix();
    client = new FrostClient<>(suite.frost(), prefix, new SecureRandom());
    signer = TestSigner.start(service, Map.of("SIGNER_REDIS_URL", RedisHarness.shared().url()));
    http = signer.http();
    pool = Executors.newFixedThreadPool(RACERS);
  }

  @AfterParameterizedClassInvocation
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
      futures.add(
          pool.submit(
              () -> {
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
    FrostClient.Keys<Object> keys = client.dkg(http, keyid());
    byte[] msg = "once".getBytes(StandardCharsets.UTF_8);
    SortedMap<Identifier, SigningNonces<Object>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<Object> pkg = client.signRound1(http, keys, msg, nonces);
    ObjectNode body = client.signRound2Request(pkg);
    List<Callable<HttpAnswer>> tasks = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      tasks.add(() -> http.post(prefix + "/sign/round2/" + keys.keyid(), body));
    }
    List<HttpAnswer> answers = race(tasks);
    assertEquals(1, count(answers, 200), answers.toString());
    assertEquals(RACERS - 1, count(answers, 404), "the others: no-signing-round-found");
    answers.stream()
        .filter(a -> a.status() == 404)
        .forEach(
            a ->
                assertTrue(
                    a.json().get("type").asText().endsWith("#no-signing-round-found"), a.body()));
  }

  @RepeatedTest(3)
  void concurrentDkgRound2GivesExactlyOneStoredKey() throws Exception {
    String keyid = keyid();
    FrostClient.DkgSession<Object> session = client.dkgRound1(http, keyid, 2, 2, true);
    List<Callable<HttpAnswer>> tasks = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      tasks.add(
          () -> {
            try {
              // the whole client round 2, including its check of the server's public key package
              client.dkgRound2(http, session);
              return new HttpAnswer(201, Map.of(), "", null);
            } catch (IllegalStateException e) {
              return new HttpAnswer(
                  Integer.parseInt(
                      e.getMessage().replaceAll("^expected HTTP 201, got (\\d+).*$", "$1")),
                  Map.of(),
                  e.getMessage(),
                  null);
            }
          });
    }
    List<HttpAnswer> answers = race(tasks);
    assertEquals(1, count(answers, 201), answers.toString());
    for (HttpAnswer a : answers) {
      assertTrue(
          a.status() == 201
              || (a.status() == 404 && a.body().contains("no-dkg-round-found"))
              || a.status() == 409,
          a.body());
    }
    // exactly one key, and it is the one the client computed
    assertEquals(200, http.get(prefix + "/keys/" + keyid).status());
    assertEquals(
        404,
        http.post(prefix + "/dkg/round2/" + keyid, FrostJson.MAPPER.createObjectNode()).status());
  }

  @SuppressWarnings("unchecked")
  @RepeatedTest(3)
  void concurrentRound1RestartsLeaveOneConsistentRound() throws Exception {
    String keyid = keyid();
    List<SortedMap<Identifier, Dkg.Part1<Object>>> parts = new ArrayList<>();
    List<Callable<HttpAnswer>> tasks = new ArrayList<>();
    for (int i = 0; i < RACERS / 2; i++) {
      SortedMap<Identifier, Dkg.Part1<Object>> part1 = client.dkgPart1(2, 2);
      parts.add(part1);
      ObjectNode body = client.round1Request(part1, 2, 2, true);
      tasks.add(() -> http.post(prefix + "/dkg/round1/" + keyid, body));
    }
    List<HttpAnswer> answers = race(tasks);
    assertEquals(tasks.size(), count(answers, 201), answers.toString());

    // the stored round belongs to exactly one of the racers: the client package it holds is theirs
    DkgRound<?> round =
        signer
            .server()
            .context()
            .state()
            .findDkgRound(new Call("default", keyid, prefix))
            .await(5, TimeUnit.SECONDS);
    assertNotNull(round);
    String stored =
        json.round1Package(((DkgRound<Object>) round).peers().get(Identifier.of(1))).toString();
    List<Integer> owners = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (json.round1Package(parts.get(i).get(Identifier.of(1)).package_())
          .toString()
          .equals(stored)) {
        owners.add(i);
      }
    }
    assertEquals(1, owners.size(), "exactly one racer's round survived");
    int winner = owners.get(0);
    // the winner's own answer carries the server round-1 package that matches the stored secret
    // state
    FrostClient.DkgSession<Object> session =
        client.dkgSession(keyid, parts.get(winner), answers.get(winner).json());
    FrostClient.Keys<Object> keys = client.dkgRound2(http, session);
    byte[] msg = "restarted".getBytes(StandardCharsets.UTF_8);
    assertTrue(
        client.verify(
            keys, msg, client.signOneRound(http, keys, msg, client.defaultSigners(keys))));
  }
}
