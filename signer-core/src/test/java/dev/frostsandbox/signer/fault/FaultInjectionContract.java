package dev.frostsandbox.signer.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.dkg.DkgRoutes;
import dev.frostsandbox.signer.keys.KeyRoutes;
import dev.frostsandbox.signer.ops.RequestLog;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.FaultPoint;
import dev.frostsandbox.signer.signing.SigningRoutes;
import dev.frostsandbox.store.MemoryStore;
import dev.frostsandbox.testing.Eventually;
import dev.frostsandbox.testing.RawHttp;
import dev.frostsandbox.testing.RawHttp.Raw;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.SuiteContract;
import dev.frostsandbox.testing.SuiteUnderTest;
import dev.frostsandbox.testing.TestSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection over real HTTP for one service and one of its suites: every catalogue entry
 * forced by X-Fault, the store left as the real failure leaves it, the four aborts seen by a raw
 * socket, delays, seeded percentages, fail-first-N and admin rules across two instances sharing
 * Redis, and the switch. Each service module extends this once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FaultInjectionContract<E> extends SuiteContract<E> {

  protected FaultInjectionContract(SuiteUnderTest<E> target) {
    super(target);
  }

  private TestSigner signer;
  private TestSigner off;
  private FrostClient<E> client;
  private String prefix;
  private String keyid; // holds a key, used by the read-only tests

  @BeforeAll
  void start() {
    signer = TestSigner.start(definition(), Map.of("SIGNER_FAULTS_ENABLED", "true"));
    off = TestSigner.memory(definition());
    client = new FrostClient<>(suite().frost(), definition().prefix(), new SecureRandom());
    prefix = definition().prefix();
    keyid = newId();
    client.dkg(signer.http(), keyid);
  }

  @AfterAll
  void stop() {
    if (signer != null) {
      signer.close();
    }
    if (off != null) {
      off.close();
    }
  }

  @AfterEach
  void removeRules() {
    assertEquals(204, signer.http().delete("/admin/faults").status());
  }

  static String newId() {
    return "k" + UUID.randomUUID().toString().replace("-", "");
  }

  private SignerHttp http(String... headers) {
    return http(signer, headers);
  }

  private static SignerHttp http(TestSigner s, String... headers) {
    SignerHttp h = s.http();
    for (int i = 0; i < headers.length; i += 2) {
      h.header(headers[i], headers[i + 1]);
    }
    return h;
  }

  /**
   * Live store entries that belong to {@code keyid} (its key, DKG round, nonces, relay state):
   * other tests' entries, such as a fault rule whose TTL ends meanwhile, must not move the count.
   */
  private long storeSize(String keyid) {
    return ((MemoryStore) signer.server().store())
        .keys().stream().filter(k -> k.contains(":" + keyid + "}")).count();
  }

  // ---- expected answers (the catalogue document, not the code under test, says what they are)
  // ----

  private String expectedDetail(ProblemType t, String k) {
    if (k == null && t.defaultDetail() == null && !Catalogue.FROST_REQUEST_JSON_INVALID.equals(t)) {
      return t.title() + " (injected fault)";
    }
    return switch (t.slug()) {
      case "base64-decode-error" -> "/message is not standard base64";
      case "frost-request-json-invalid" -> "body: the body is rejected (injected fault)";
      case "no-dkg-round-found" ->
          "No DKG round in progress for key id " + k + ": start again with round 1";
      case "no-key-found" -> "Cannot find an " + definition().keyKind() + " key with id: " + k;
      case "frost-internal-error", "frost-poseidon-internal-error" ->
          "the FROST engine failed (injected fault)";
      case "redis-error" -> "An error occurred while accessing Redis";
      case "serialize-error" -> "An error occurred while serializing";
      case "no-signing-round-found" ->
          "No signing round with these commitments for key id "
              + k
              + ": the nonces are unknown, expired or already used";
      case "conflict" -> "Key id " + k + " already holds a key";
      default -> t.defaultDetail();
    };
  }

  /** Checks a problem answer member by member, and the X-Fault-Injected header. */
  private void assertProblem(HttpAnswer a, ProblemType t, String path, String k, String injected) {
    assertEquals(t.status(), a.status(), a.body());
    assertEquals("application/problem+json", a.header("Content-Type"));
    JsonNode b = a.json();
    assertNotNull(b, a.body());
    String type =
        t.aboutBlank() ? "about:blank" : ProblemRenderer.DEFAULT_TYPE_BASE + "#" + t.slug();
    assertEquals(type, b.path("type").asText(), "type");
    assertEquals(t.title(), b.path("title").asText(), "title");
    assertEquals(t.status(), b.path("status").asInt(), "status member");
    assertEquals(expectedDetail(t, k), b.path("detail").asText(), "detail");
    assertEquals(path, b.path("instance").asText(), "instance");
    boolean infra = Catalogue.REDIS_ERROR.equals(t) || Catalogue.SERIALIZE_ERROR.equals(t);
    if (Catalogue.FROST_REQUEST_JSON_INVALID.equals(t)) {
      assertFalse(b.has("keyid"));
      assertTrue(b.path("url").asText().startsWith(prefix + "/"), "url extension");
    } else if (k != null && !infra) {
      assertEquals(k, b.path("keyid").asText(), "keyid");
    } else {
      assertFalse(b.has("keyid"), "no keyid on " + t.slug());
    }
    assertEquals(injected, a.header(FaultHeaders.INJECTED), "X-Fault-Injected");
  }

  /**
   * The relay's entries: they fail the relay's submission, and mean nothing on another endpoint.
   */
  private static final List<String> RELAY_ENTRIES =
      List.of(
          "invalid-relay-signature",
          "invalid-account-nonce",
          "insufficient-funds",
          "account-not-deployed",
          "relay-reverted",
          "relay-rpc-error",
          "relay-pool-exhausted",
          "relay-timeout");

  Stream<ProblemType> everyEntry() {
    return Catalogue.all().stream().filter(t -> !RELAY_ENTRIES.contains(t.slug()));
  }

  Stream<String> relayEntries() {
    return RELAY_ENTRIES.stream();
  }

  // ---- every catalogue entry ----

  /**
   * A relay entry asked for off the relay is a 400 that names it, at once (a relay-timeout does not
   * wait): nothing is injected and nothing counted.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("relayEntries")
  void relayEntriesAreRefusedOffTheRelay(String slug) {
    String where =
        definition().relays()
            ? "POST /v1" + prefix + "/relay (or " + prefix + "/relay)"
            : "the relay, which this service does not have";
    String keys = prefix + "/keys/" + keyid;
    String round1 = prefix + "/sign/round1/" + keyid;
    String detail =
        FaultHeaders.FAULT + ": " + slug + " is a relay failure, only available on " + where;
    HttpAnswer get = http(FaultHeaders.FAULT, slug).get(keys);
    assertBadHeader(get, FaultHeaders.FAULT, keys);
    assertEquals(detail, get.json().path("detail").asText());
    HttpAnswer counted =
        http(FaultHeaders.FAULT, slug, FaultHeaders.TIMES, "1", FaultHeaders.ID, newId()).get(keys);
    assertBadHeader(counted, FaultHeaders.FAULT, keys);
    HttpAnswer post = http(FaultHeaders.FAULT, slug).post(round1, (JsonNode) null);
    assertBadHeader(post, FaultHeaders.FAULT, round1);
    assertEquals(detail, post.json().path("detail").asText());
    // an admin rule with a relay entry does not apply off the relay: the request goes on
    String id =
        addRule(signer, "{\"path\":\"" + prefix + "/**\",\"fault\":\"" + slug + "\"}")
            .json()
            .path("id")
            .asText();
    HttpAnswer ok = http().get(keys);
    assertEquals(200, ok.status(), ok.body());
    assertNull(ok.header(FaultHeaders.INJECTED));
    assertEquals(0, rule(signer, id).path("fired").asInt());
  }

  /**
   * GET keys has real paths for redis-error, serialize-error and no-key-found; the rest answer
   * directly.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEntry")
  void everyCatalogueEntryCanBeForced(ProblemType t) {
    String path = prefix + "/keys/" + keyid;
    HttpAnswer a = http(FaultHeaders.FAULT, t.slug()).get(path);
    assertProblem(a, t, path, keyid, t.slug());
    if (Catalogue.RATE_LIMITED.equals(t)) {
      assertEquals("1", a.header("Retry-After"));
    } else {
      assertNull(a.header("Retry-After"));
    }
    // nothing changed: the key is still there
    assertEquals(200, http().get(path).status());
  }

  @Test
  void aPathWithoutKeyidIsAnsweredWithoutKeyid() {
    String path = prefix + "/no/such/route";
    assertProblem(
        http(FaultHeaders.FAULT, "no-dkg-round-found").get(path),
        Catalogue.NO_DKG_ROUND_FOUND,
        path,
        null,
        "no-dkg-round-found");
  }

  @Test
  void injectedFaultsAreCountedInTheMetrics() {
    http(FaultHeaders.FAULT, "quota-dpp-limit-exceeded").get(prefix + "/keys/" + keyid).expect(429);
    String metrics = http().get("/metrics").body();
    assertTrue(
        metrics.contains("signer_faults_injected_total{fault=\"quota-dpp-limit-exceeded\""),
        metrics);
  }

  // ---- real failure points: the answer and the store as after the real failure ----

  private ObjectNode round1Body(SortedMap<Identifier, Dkg.Part1<E>> part1) {
    return client.round1Request(part1, 2, 2, true);
  }

  /** The client's round-2 package for the server, as FrostClient.dkgRound2 sends it. */
  private ObjectNode round2Body(FrostClient.DkgSession<E> s) {
    SortedMap<Identifier, Round1Package<E>> others = new TreeMap<>(s.allRound1());
    others.remove(Identifier.of(1));
    Dkg.Part2<E> p2 =
        suite().frost().dkg().part2(s.part1().get(Identifier.of(1)).secretPackage(), others);
    ObjectNode body = FrostJson.MAPPER.createObjectNode();
    body.set(
        "round2_package", suite().frost().json().round2Package(p2.packages().get(s.serverId())));
    return body;
  }

  /**
   * One endpoint as the table below drives it: its declaration (the fault points it offers), a
   * request on fresh state, whether an engine failure there consumes the state it used, and how to
   * check what the request left.
   */
  private interface Scenario {
    Prepared prepare();
  }

  /**
   * A request ready to send, and the checks after an injected fault: {@code untouched} when the
   * state is as before (the operation still succeeds), {@code consumed} when the real failure
   * consumes state (null when no failure on this endpoint does).
   */
  private record Prepared(
      String keyid,
      String path,
      Function<SignerHttp, HttpAnswer> send,
      Runnable untouched,
      Runnable consumed) {}

  private record Endpoint(String name, ApiRoute<?> route, Scenario scenario) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The endpoints with a keyid, as their routes declare them (the relay has its own contract). */
  private List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("dkg/round1", DkgRoutes.ROUND1, this::dkgRound1),
        new Endpoint("dkg/round2", DkgRoutes.ROUND2, this::dkgRound2),
        new Endpoint("sign/round1", SigningRoutes.ROUND1, this::signRound1),
        new Endpoint("sign/round2", SigningRoutes.ROUND2, this::signRound2),
        new Endpoint("sign", SigningRoutes.SIGN, this::signOneRound),
        new Endpoint("aggregate", SigningRoutes.AGGREGATE, this::aggregate),
        new Endpoint("DELETE keys", KeyRoutes.DELETE, this::deleteKey));
  }

  /** The entries with a real failure point somewhere, and where. */
  private Map<ProblemType, FaultPoint> realFaults() {
    return Map.of(
        Catalogue.REDIS_ERROR,
        FaultPoint.STORE,
        Catalogue.SERIALIZE_ERROR,
        FaultPoint.STATE_DECODE,
        Catalogue.NO_KEY_FOUND,
        FaultPoint.KEY_LOOKUP,
        Catalogue.NO_DKG_ROUND_FOUND,
        FaultPoint.DKG_ROUND_LOOKUP,
        Catalogue.NO_SIGNING_ROUND_FOUND,
        FaultPoint.SIGNING_ROUND_LOOKUP,
        suite().internalError(),
        FaultPoint.ENGINE);
  }

  Stream<Arguments> endpointFaults() {
    return endpoints().stream()
        .flatMap(
            e ->
                realFaults().keySet().stream()
                    .sorted(Comparator.comparing(ProblemType::slug))
                    .map(t -> Arguments.of(e, t.slug())));
  }

  /**
   * Every endpoint with a keyid, every entry that has a real failure point somewhere: the answer is
   * the catalogue entry, filled in as the real one, with X-Fault-Injected; and the store is as
   * after the real failure. Where the route declares the entry's point the fault fails there (an
   * engine failure on a round 2 consumes the round or the nonces it used, as the real one does);
   * where it does not, the fault is answered directly and nothing changes.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("endpointFaults")
  void aFaultOnAnEndpointAnswersAndLeavesTheStoreAsTheRealFailure(Endpoint endpoint, String slug) {
    ProblemType t = Catalogue.bySlug(slug).orElseThrow();
    Prepared p = endpoint.scenario().prepare();
    assertProblem(p.send().apply(http(FaultHeaders.FAULT, slug)), t, p.path(), p.keyid(), slug);
    boolean realEngineFailure =
        t.equals(suite().internalError()) && endpoint.route().offers(realFaults().get(t));
    if (realEngineFailure && p.consumed() != null) {
      p.consumed().run();
    } else {
      p.untouched().run();
    }
  }

  @Test
  void theTableCoversEveryDeclaredFaultPointOfTheseEndpoints() {
    // a point declared on a route but unknown to the table would go untested
    for (Endpoint e : endpoints()) {
      for (FaultPoint point : e.route().faultPoints()) {
        assertTrue(
            realFaults().containsValue(point) || point == FaultPoint.AFTER_COMMIT,
            e + " declares " + point);
      }
    }
  }

  // ---- the scenarios ----

  private Prepared dkgRound1() {
    // a fault on round 1 mirrors Redis down at the key-exists check, or part1/part2 failing: the
    // round state is saved only after both succeeded, so nothing is read or written
    String k = newId();
    long before = storeSize(k);
    ObjectNode body = round1Body(client.dkgPart1(2, 2));
    return new Prepared(
        k,
        prefix + "/dkg/round1/" + k,
        h -> h.post(prefix + "/dkg/round1/" + k, body),
        () -> {
          assertEquals(before, storeSize(k));
          assertEquals(
              404,
              http()
                  .post(
                      prefix + "/dkg/round2/" + k, FrostJson.MAPPER.createObjectNode().put("x", 1))
                  .status());
          client.dkg(http(), k); // the keyid is untouched and usable
        },
        null);
  }

  private Prepared dkgRound2() {
    // lookups, unreadable round state and Redis errors leave the round: the real round 2 still
    // works;
    // part3 failing ends the round (a failed DKG cannot be resumed)
    String k = newId();
    FrostClient.DkgSession<E> s = client.dkgRound1(http(), k, 2, 2, true);
    long before = storeSize(k);
    String path = prefix + "/dkg/round2/" + k;
    return new Prepared(
        k,
        path,
        h -> h.post(path, round2Body(s)),
        () -> {
          assertEquals(before, storeSize(k));
          client.dkgRound2(http(), s);
        },
        () -> {
          assertProblem(
              http().post(path, round2Body(s)), Catalogue.NO_DKG_ROUND_FOUND, path, k, null);
          assertEquals(404, http().get(prefix + "/keys/" + k).status());
        });
  }

  private Prepared signRound1() {
    // round 1 stores its nonces last: a fault before leaves no nonces
    FrostClient.Keys<E> keys = client.dkg(http(), newId());
    String k = keys.keyid();
    String path = prefix + "/sign/round1/" + k;
    long before = storeSize(k);
    return new Prepared(
        k,
        path,
        h -> h.post(path, (JsonNode) null),
        () -> {
          assertEquals(before, storeSize(k));
          assertEquals(201, http().post(path, (JsonNode) null).status());
        },
        null);
  }

  private Prepared signRound2() {
    // the key is decoded before the nonces are taken: a lookup, an unreadable key or Redis leaves
    // the nonces; sign() failing comes after they were taken (single use)
    Round<E> r = signingRound1();
    String k = r.keys().keyid();
    String path = prefix + "/sign/round2/" + k;
    return new Prepared(
        k,
        path,
        h -> h.post(path, client.signRound2Request(r.pkg())),
        () -> client.signRound2(http(), r.keys(), r.pkg()),
        () ->
            assertProblem(
                http().post(path, client.signRound2Request(r.pkg())),
                Catalogue.NO_SIGNING_ROUND_FOUND,
                path,
                k,
                null));
  }

  private ObjectNode signBody(FrostClient.Keys<E> keys) {
    FrostJson<E> json = suite().frost().json();
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    ObjectNode sign = FrostJson.MAPPER.createObjectNode();
    sign.put("message", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    ObjectNode commitments = sign.putObject("signing_commitments");
    nonces.forEach(
        (id, n) -> commitments.set(json.identifier(id), json.signingCommitments(n.commitments())));
    return sign;
  }

  private Prepared signOneRound() {
    FrostClient.Keys<E> keys = client.dkg(http(), newId());
    String k = keys.keyid();
    String path = prefix + "/sign/" + k;
    ObjectNode body = signBody(keys);
    long before = storeSize(k);
    return new Prepared(
        k,
        path,
        h -> h.post(path, body),
        () -> {
          assertEquals(before, storeSize(k));
          assertEquals(200, http().post(path, body).status());
        },
        null);
  }

  private Prepared aggregate() {
    FrostClient.Keys<E> keys = client.dkg(http(), newId());
    String k = keys.keyid();
    FrostJson<E> json = suite().frost().json();
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg = client.signRound1(http(), keys, new byte[] {4, 5}, nonces);
    SignatureShare serverShare = client.signRound2(http(), keys, pkg);
    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), serverShare);
    ObjectNode agg = FrostJson.MAPPER.createObjectNode();
    agg.set("signing_package", json.signingPackage(pkg));
    agg.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    String path = prefix + "/aggregate/" + k;
    return new Prepared(
        k,
        path,
        h -> h.post(path, agg),
        () -> assertEquals(200, http().post(path, agg).status()),
        null);
  }

  private Prepared deleteKey() {
    // deleting never decodes the key (serialize-error is answered directly): the key is kept
    FrostClient.Keys<E> keys = client.dkg(http(), newId());
    String k = keys.keyid();
    String path = prefix + "/keys/" + k;
    return new Prepared(
        k,
        path,
        h -> h.delete(path),
        () -> {
          assertEquals(200, http().get(path).status());
          assertEquals(204, http().delete(path).status());
        },
        null);
  }

  @Test
  void anEarlierRealFailureWinsAndNothingIsInjected() {
    // the body is checked before the round is looked up: the armed fault is never reached
    String k = newId();
    client.dkgRound1(http(), k, 2, 2, true);
    HttpAnswer a =
        http(FaultHeaders.FAULT, "no-dkg-round-found")
            .post(prefix + "/dkg/round2/" + k, "[]", "application/json");
    assertEquals(400, a.status());
    assertEquals(
        ProblemRenderer.DEFAULT_TYPE_BASE + "#frost-request-json-invalid",
        a.json().path("type").asText());
    assertNull(a.header(FaultHeaders.INJECTED));
  }

  private record Round<E>(
      FrostClient.Keys<E> keys,
      SigningPackage<E> pkg,
      SortedMap<Identifier, SigningNonces<E>> nonces) {}

  private Round<E> signingRound1() {
    FrostClient.Keys<E> keys = client.dkg(http(), newId());
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg =
        client.signRound1(http(), keys, "fault".getBytes(StandardCharsets.UTF_8), nonces);
    return new Round<>(keys, pkg, nonces);
  }

  // ---- invalid headers ----

  @Test
  void invalidFaultHeadersAreABadRequestNamingTheHeader() {
    String path = prefix + "/keys/" + keyid;
    String[][] cases = {
      {FaultHeaders.FAULT, "no-such-error"},
      {FaultHeaders.DELAY, "soon"},
      {FaultHeaders.DELAY, "-5"},
      {FaultHeaders.ABORT, "explode"},
      {FaultHeaders.PERCENTAGE, "101"},
      {FaultHeaders.SEED, "x"},
      {FaultHeaders.TIMES, "0"},
      {FaultHeaders.ID, "has space"},
    };
    for (String[] c : cases) {
      SignerHttp h = http(c[0], c[1]);
      if (!c[0].equals(FaultHeaders.FAULT)) {
        h.header(FaultHeaders.FAULT, "conflict");
      }
      assertBadHeader(h.get(path), c[0], path);
    }
    assertBadHeader(
        http(FaultHeaders.FAULT, "conflict", FaultHeaders.TIMES, "2").get(path),
        FaultHeaders.TIMES,
        path);
    assertBadHeader(
        http(FaultHeaders.FAULT, "conflict", FaultHeaders.SEED, "2", FaultHeaders.ID, newId())
            .get(path),
        FaultHeaders.SEED,
        path);
    assertBadHeader(
        http(FaultHeaders.FAULT, "conflict", FaultHeaders.ABORT, "reset").get(path),
        FaultHeaders.ABORT,
        path);
    assertBadHeader(http(FaultHeaders.PERCENTAGE, "50").get(path), FaultHeaders.PERCENTAGE, path);
  }

  private static void assertBadHeader(HttpAnswer a, String header, String path) {
    assertEquals(400, a.status(), header + ": " + a.body());
    assertEquals("about:blank", a.json().path("type").asText());
    assertEquals("Bad Request", a.json().path("title").asText());
    assertEquals(400, a.json().path("status").asInt());
    assertTrue(a.json().path("detail").asText().startsWith(header + ": "), a.body());
    assertEquals(header, a.json().path("header").asText());
    assertEquals(path, a.json().path("instance").asText());
    assertNull(a.header(FaultHeaders.INJECTED));
  }

  // ---- aborts, seen by a raw socket ----

  private Raw rawGet(int port, String path, String... headers) throws IOException {
    StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    return RawHttp.exchange(port, req.append("\r\n").toString());
  }

  private static String headerValue(String head, String name) {
    for (String line : head.split("\r\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  @Test
  void abortResetResetsTheConnection() throws IOException {
    Raw r = rawGet(signer.port(), prefix + "/keys/" + keyid, FaultHeaders.ABORT, "reset");
    assertNotNull(r.error(), "a read error is expected, got " + r.text());
    assertTrue(
        String.valueOf(r.error().getMessage()).toLowerCase(Locale.ROOT).contains("reset"),
        r.error().toString());
    assertEquals(0, r.bytes().length);
  }

  @Test
  void abortCloseClosesWithoutAnyByte() throws IOException {
    Raw r = rawGet(signer.port(), prefix + "/keys/" + keyid, FaultHeaders.ABORT, "close");
    assertNull(r.error());
    assertEquals(0, r.bytes().length, r.text());
  }

  @Test
  void abortEmptySendsHeadersAndNoBody() throws IOException {
    Raw r = rawGet(signer.port(), prefix + "/keys/" + keyid, FaultHeaders.ABORT, "empty");
    assertNull(r.error());
    String text = r.text();
    int end = text.indexOf("\r\n\r\n");
    assertTrue(text.startsWith("HTTP/1.1 200 "), text);
    assertTrue(end > 0, text);
    String head = text.substring(0, end);
    assertEquals("abort=empty", headerValue(head, FaultHeaders.INJECTED));
    assertEquals("0", headerValue(head, "Content-Length"));
    assertEquals("", text.substring(end + 4), "no body");
  }

  @Test
  void abortPartialCutsTheBody() throws IOException {
    Raw r = rawGet(signer.port(), prefix + "/keys/" + keyid, FaultHeaders.ABORT, "partial");
    assertNull(r.error());
    String text = r.text();
    int end = text.indexOf("\r\n\r\n");
    assertTrue(text.startsWith("HTTP/1.1 200 "), text);
    String head = text.substring(0, end);
    assertEquals("abort=partial", headerValue(head, FaultHeaders.INJECTED));
    int announced = Integer.parseInt(headerValue(head, "Content-Length"));
    int received = r.bytes().length - (end + 4);
    assertTrue(received > 0 && received < announced, received + " of " + announced);
  }

  @Test
  void abortsThroughTheHttpClientAreIoErrors() {
    for (String mode : List.of("reset", "close", "partial")) {
      assertThrows(
          java.io.UncheckedIOException.class,
          () -> http(FaultHeaders.ABORT, mode).get(prefix + "/keys/" + keyid),
          mode);
    }
  }

  // ---- delays ----

  @Test
  void delayHoldsTheAnswer() {
    String path = prefix + "/keys/" + keyid;
    long t0 = System.nanoTime();
    HttpAnswer a = http(FaultHeaders.DELAY, "300").get(path);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(200, a.status());
    assertTrue(ms >= 300, "took " + ms + " ms");
    assertEquals("delay=300", a.header(FaultHeaders.INJECTED));
  }

  @Test
  void delayThenFault() {
    String path = prefix + "/keys/" + keyid;
    long t0 = System.nanoTime();
    HttpAnswer a = http(FaultHeaders.DELAY, "200", FaultHeaders.FAULT, "rate-limited").get(path);
    assertTrue((System.nanoTime() - t0) / 1_000_000 >= 200);
    assertProblem(a, Catalogue.RATE_LIMITED, path, keyid, "delay=200, rate-limited");
    assertEquals("1", a.header("Retry-After"));
  }

  @Test
  void aDelayedRequestKeepsItsBody() {
    // the body arrives while the request waits: the route must still read all of it
    String k = newId();
    SignerHttp slow = http(FaultHeaders.DELAY, "100");
    FrostClient.DkgSession<E> s = client.dkgRound1(slow, k, 2, 2, true);
    client.dkgRound2(slow, s);
    assertEquals(200, http().get(prefix + "/keys/" + k).status());
  }

  @Test
  void delayIsCappedByTheConfiguredMaximum() {
    try (TestSigner capped =
        TestSigner.start(
            definition(),
            Map.of("SIGNER_FAULTS_ENABLED", "true", "SIGNER_FAULT_MAX_DELAY_MS", "100"))) {
      long t0 = System.nanoTime();
      HttpAnswer a = http(capped, FaultHeaders.DELAY, "600000").get(prefix + "/keys/" + keyid);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("delay=100", a.header(FaultHeaders.INJECTED));
      assertEquals(404, a.status()); // another store: no such key, the normal answer
      assertTrue(ms >= 100 && ms < 20_000, "took " + ms + " ms");
    }
  }

  // ---- percentage, seed, times ----

  /**
   * One sequence of GETs under one X-Fault-Id with a seeded 30 % {@code unauthorized}: what the
   * client saw (true: failed), and the server's journal entries for it in the order it answered
   * them (each request carries its own X-Request-Id). The two can differ in one way: the JDK client
   * resends a GET once, unseen by its caller, when a kept-alive connection closes before any
   * answer; the journal then holds the first attempt with status 0, and that attempt may have taken
   * a count of the X-Fault-Id.
   */
  private record Sequence(List<Boolean> client, List<JsonNode> journal) {
    List<Integer> statuses() {
      return journal.stream().map(e -> e.get("status").asInt()).toList();
    }

    boolean resent() {
      return statuses().contains(0);
    }
  }

  private Sequence outcomes(long seed, String id, int n) throws InterruptedException {
    List<Boolean> client = new ArrayList<>();
    SignerHttp h =
        http(
            FaultHeaders.FAULT,
            "unauthorized",
            FaultHeaders.PERCENTAGE,
            "30",
            FaultHeaders.SEED,
            Long.toString(seed),
            FaultHeaders.ID,
            id);
    for (int i = 0; i < n; i++) {
      h.header(RequestLog.REQUEST_ID, id + "-" + i);
      int status = h.get(prefix + "/keys/" + keyid).status();
      assertTrue(status == 401 || status == 200, "status " + status);
      client.add(status == 401);
    }
    // a request is journaled as its answer ends, and the read may reach the other event loop
    // first: read until every request of the sequence is there
    List<JsonNode> journal = new ArrayList<>();
    Eventually.eventually(
        Duration.ofSeconds(10),
        () -> {
          journal.clear();
          JsonNode recent =
              http().get("/admin/requests?limit=" + (2 * n)).expect(200).json().get("requests");
          for (JsonNode e : recent) {
            if (e.get("request_id").asText().startsWith(id + "-")) {
              journal.add(e);
            }
          }
          assertEquals(
              n,
              journal.stream().map(e -> e.get("request_id").asText()).distinct().count(),
              "every request of the sequence is journaled");
        });
    // in the order sent (and counted): entries are journaled as answers end, on either event
    // loop, so a resend's answer may precede its cut first attempt; oldest first among equals
    Collections.reverse(journal);
    journal.sort(
        Comparator.comparingInt(
                (JsonNode e) -> {
                  String rid = e.get("request_id").asText();
                  return Integer.parseInt(rid.substring(rid.lastIndexOf('-') + 1));
                })
            .thenComparing(e -> e.get("status").asInt() != 0));
    Map<String, Integer> lastStatus = new TreeMap<>();
    for (JsonNode e : journal) {
      String rid = e.get("request_id").asText();
      int status = e.get("status").asInt();
      assertTrue(status == 401 || status == 200 || status == 0, "entry " + e);
      if (status != 0) {
        // the fault journaled is the fault answered (a cut attempt may hold its drawn fault)
        assertEquals(
            status == 401, "unauthorized".equals(e.get("fault").asText(null)), "entry " + e);
      }
      Integer before = lastStatus.put(rid, status);
      // only an attempt that got no answer is sent again
      assertTrue(before == null || before == 0, "request " + rid + " answered twice: " + journal);
    }
    for (int i = 0; i < n; i++) {
      Integer last = lastStatus.get(id + "-" + i);
      assertEquals(client.get(i) ? 401 : 200, last, "request " + i + ": the journal's answer");
    }
    return new Sequence(client, journal);
  }

  /**
   * Whether the journaled answers follow the seeded draw of the id's counter: the k-th count of the
   * X-Fault-Id fails when {@code SeededDraw.below(seed, k, 30)}. An attempt that got no answer may
   * or may not have taken a count (it was cut before or after the count), so both are tried.
   */
  private static boolean followsSeed(long seed, List<Integer> statuses, int i, long count) {
    if (i == statuses.size()) {
      return true;
    }
    int status = statuses.get(i);
    if (status == 0) {
      return followsSeed(seed, statuses, i + 1, count)
          || followsSeed(seed, statuses, i + 1, count + 1);
    }
    return (status == 401) == SeededDraw.below(seed, count, 30)
        && followsSeed(seed, statuses, i + 1, count + 1);
  }

  @Test
  void seededPercentageIsReproducible() throws InterruptedException {
    Sequence a = outcomes(42, newId(), 50);
    Sequence b = outcomes(42, newId(), 50);
    Sequence c = outcomes(43, newId(), 50);
    for (Sequence s : List.of(a, b, c)) {
      assertTrue(
          s.statuses().stream().filter(x -> x == 0).count() <= 3, "unanswered: " + s.journal());
    }
    // the server's claim: the k-th count of any fresh id fails as the seed says
    assertTrue(followsSeed(42, a.statuses(), 0, 1), "seed 42: " + a.statuses());
    assertTrue(followsSeed(42, b.statuses(), 0, 1), "seed 42, fresh id: " + b.statuses());
    assertTrue(followsSeed(43, c.statuses(), 0, 1), "seed 43: " + c.statuses());
    assertFalse(followsSeed(42, c.statuses(), 0, 1), "another seed: another sequence");
    // and what a client sees, when nothing was sent twice
    if (!a.resent() && !b.resent()) {
      assertEquals(a.client(), b.client(), "same seed, fresh id: the client sees the same");
    }
    long failed = a.client().stream().filter(x -> x).count();
    // 30 % of 50 is 15; the bounds are three standard deviations (about 3.2) either side
    assertTrue(failed >= 5 && failed <= 25, failed + " of 50 failed");
  }

  @Test
  void percentageZeroAndHundred() {
    String path = prefix + "/keys/" + keyid;
    for (int i = 0; i < 10; i++) {
      assertEquals(
          200,
          http(FaultHeaders.FAULT, "forbidden", FaultHeaders.PERCENTAGE, "0").get(path).status());
      assertEquals(
          403,
          http(FaultHeaders.FAULT, "forbidden", FaultHeaders.PERCENTAGE, "100").get(path).status());
    }
  }

  /**
   * With faults on, the injector holds a request's body back while it asks the store; a chunk the
   * decoder cannot read, arriving with the head, used to be dropped there (no handler yet) and the
   * connection closed with no answer. A counted header that never hits makes the decision a Redis
   * round trip, so the broken chunk meets the held-back request.
   */
  @Test
  void aBrokenChunkWhileTheFaultDecisionIsPendingIsAnswered400() throws IOException {
    Map<String, String> env =
        Map.of("SIGNER_FAULTS_ENABLED", "true", "SIGNER_REDIS_URL", RedisHarness.shared().url());
    try (TestSigner s = TestSigner.start(definition(), env)) {
      String request =
          "POST "
              + prefix
              + "/dkg/round1/"
              + newId()
              + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n"
              + FaultHeaders.FAULT
              + ": service-unavailable\r\n"
              + FaultHeaders.PERCENTAGE
              + ": 0\r\n"
              + FaultHeaders.SEED
              + ": 7\r\n"
              + FaultHeaders.ID
              + ": "
              + newId()
              + "\r\n\r\nZZ\r\n";
      String answer = RawHttp.exchange(s.port(), request).text();
      assertTrue(answer.startsWith("HTTP/1.1 400 "), () -> "a 400, not: '" + answer + "'");
      assertTrue(answer.contains("The request body could not be read."), answer);
    }
  }

  /**
   * A fault's delay longer than the request timeout: the timeout's 503 answers the request while
   * the fault holds it, and when the delay ends the route does not run (the client was told it did
   * not complete). With one event loop a later request's delay, due after the first one's, is the
   * checkpoint: once it is answered, the first delay's timer has run.
   */
  @Test
  void aDelayOutlivingTheRequestTimeoutDoesNotRunTheRouteAfterIts503() {
    Map<String, String> env =
        Map.of(
            "SIGNER_FAULTS_ENABLED", "true",
            "SIGNER_EVENT_LOOPS", "1",
            "SIGNER_REQUEST_TIMEOUT_MS", "3000",
            "SIGNER_RELAY_TIMEOUT_MS", "1000");
    try (TestSigner s = TestSigner.start(definition(), env)) {
      String k = newId();
      // due 4000 ms after its head: 1000 ms after the request timeout's 503 (a margin for a slow
      // host, whose 503 could otherwise come after the delay's end)
      HttpAnswer timedOut =
          http(s, FaultHeaders.DELAY, "4000")
              .post(prefix + "/dkg/round1/" + k, round1Body(client.dkgPart1(2, 2)));
      assertEquals(503, timedOut.status(), timedOut.body());
      // sent after that 503 (3000 ms or more in), so due after the first delay ends, and 1500 ms
      // within its own request timeout
      assertEquals(
          404, http(s, FaultHeaders.DELAY, "1500").get(prefix + "/keys/" + newId()).status());
      // round 1 never ran: round 2 finds no round
      assertEquals(
          404,
          http(s)
              .post(prefix + "/dkg/round2/" + k, FrostJson.MAPPER.createObjectNode().put("x", 1))
              .status());
    }
  }

  @Test
  void failFirstNAcrossTwoInstancesSharingRedis() {
    String url = RedisHarness.shared().url();
    Map<String, String> env = Map.of("SIGNER_FAULTS_ENABLED", "true", "SIGNER_REDIS_URL", url);
    try (TestSigner a = TestSigner.start(definition(), env);
        TestSigner b = TestSigner.start(definition(), env)) {
      String id = newId();
      String path = prefix + "/keys/" + newId();
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        TestSigner s = i % 2 == 0 ? a : b;
        HttpAnswer r =
            http(
                    s,
                    FaultHeaders.FAULT,
                    "service-unavailable",
                    FaultHeaders.TIMES,
                    "2",
                    FaultHeaders.ID,
                    id)
                .get(path);
        statuses.add(r.status());
        assertEquals(
            r.status() == 503 ? "service-unavailable" : null, r.header(FaultHeaders.INJECTED));
      }
      // the normal answer for an unknown key is 404
      assertEquals(List.of(503, 503, 404, 404, 404, 404), statuses);
    }
  }

  // ---- admin rules ----

  private HttpAnswer addRule(TestSigner s, String json) {
    return s.http().post("/admin/faults", json, "application/json");
  }

  private JsonNode rules(TestSigner s) {
    return s.http().get("/admin/faults").expect(200).json().get("rules");
  }

  private JsonNode rule(TestSigner s, String id) {
    for (JsonNode r : rules(s)) {
      if (r.path("id").asText().equals(id)) {
        return r;
      }
    }
    return null;
  }

  @Test
  void adminRuleMatchesMethodPathAndKeyid() {
    String k = keyid;
    String path = prefix + "/keys/" + k;
    HttpAnswer added =
        addRule(
            signer,
            "{\"method\":\"get\",\"path\":\""
                + prefix
                + "/keys/*\",\"keyid\":\""
                + k
                + "\",\"fault\":\"conflict\"}");
    assertEquals(201, added.status(), added.body());
    String id = added.json().path("id").asText();
    assertFalse(id.isEmpty());
    assertEquals("GET", added.json().path("method").asText());
    assertEquals("conflict", added.json().path("fault").asText());
    assertEquals(0, added.json().path("fired").asInt());

    assertProblem(http().get(path), Catalogue.CONFLICT, path, k, "conflict");
    assertProblem(http().get(path), Catalogue.CONFLICT, path, k, "conflict");
    assertEquals(404, http().get(prefix + "/keys/" + newId()).status(), "another keyid");
    assertEquals(
        404,
        http().post(prefix + "/sign/round1/" + newId(), (JsonNode) null).status(),
        "another path");
    // another method on the same path is not matched: the router's own answer, nothing injected
    HttpAnswer post = http().post(path, (JsonNode) null);
    assertEquals(405, post.status());
    assertNull(post.header(FaultHeaders.INJECTED));
    assertEquals(2, rule(signer, id).path("fired").asInt());
    assertEquals(
        id, signer.http().get("/admin/faults/" + id).expect(200).json().path("id").asText());

    assertEquals(204, signer.http().delete("/admin/faults/" + id).status());
    assertEquals(200, http().get(path).status());
    assertEquals(404, signer.http().delete("/admin/faults/" + id).status());
    assertNull(rule(signer, id));
  }

  @Test
  void adminRuleWithRegexTimesAndDelay() {
    String k = newId();
    HttpAnswer added =
        addRule(
            signer,
            "{\"path_regex\":\""
                + prefix
                + "/sign/round1/"
                + k
                + "\",\"fault\":\"no-key-found\","
                + "\"times\":1,\"delay_ms\":50}");
    assertEquals(201, added.status(), added.body());
    String path = prefix + "/sign/round1/" + k;
    HttpAnswer first = http().post(path, (JsonNode) null);
    // no key there: the real path answers no-key-found anyway, so the header shows what fired
    assertEquals(404, first.status());
    assertEquals("delay=50, no-key-found", first.header(FaultHeaders.INJECTED));
    HttpAnswer second = http().post(path, (JsonNode) null);
    assertEquals(404, second.status());
    assertNull(second.header(FaultHeaders.INJECTED));
    assertEquals(1, rule(signer, added.json().path("id").asText()).path("fired").asInt());
  }

  @Test
  void adminRuleExpires() throws InterruptedException {
    String path = prefix + "/keys/" + keyid;
    HttpAnswer added =
        addRule(
            signer, "{\"keyid\":\"" + keyid + "\",\"fault\":\"unauthorized\",\"ttl_seconds\":1}");
    assertEquals(201, added.status(), added.body());
    assertTrue(added.json().has("expires_at"));
    assertEquals(401, http().get(path).status());
    // the rule's TTL is the store's clock: wait for the condition, not for a fixed time
    Eventually.eventually(
        Duration.ofSeconds(15), () -> assertEquals(200, http().get(path).status()));
    assertNull(rule(signer, added.json().path("id").asText()));
  }

  @Test
  void adminRuleAborts() throws IOException {
    String k = newId();
    assertEquals(201, addRule(signer, "{\"keyid\":\"" + k + "\",\"abort\":\"close\"}").status());
    Raw r = rawGet(signer.port(), prefix + "/keys/" + k);
    assertNull(r.error());
    assertEquals(0, r.bytes().length);
  }

  @Test
  void invalidRulesAreRejected() {
    HttpAnswer a = addRule(signer, "{\"fault\":\"nope\",\"abort\":\"sideways\",\"color\":\"red\"}");
    assertEquals(400, a.status());
    assertEquals("Bad Request", a.json().path("title").asText());
    List<String> pointers = new ArrayList<>();
    a.json().path("errors").forEach(e -> pointers.add(e.path("pointer").asText()));
    assertTrue(pointers.containsAll(List.of("/fault", "/abort", "/color")), pointers.toString());
    assertEquals(400, addRule(signer, "{\"path\":\"/x\"}").status(), "a rule needs an effect");
    assertEquals(400, addRule(signer, "[]").status());
    assertEquals(0, rules(signer).size());
  }

  @Test
  void headersTakePrecedenceOverRules() {
    String k = newId();
    assertEquals(
        201, addRule(signer, "{\"keyid\":\"" + k + "\",\"fault\":\"forbidden\"}").status());
    HttpAnswer a = http(FaultHeaders.FAULT, "unprocessable").get(prefix + "/keys/" + k);
    assertEquals(422, a.status());
    assertEquals("unprocessable", a.header(FaultHeaders.INJECTED));
  }

  @Test
  void aRuleAddedOnOneInstanceFiresOnAnother() {
    String url = RedisHarness.shared().url();
    Map<String, String> env = Map.of("SIGNER_FAULTS_ENABLED", "true", "SIGNER_REDIS_URL", url);
    try (TestSigner a = TestSigner.start(definition(), env);
        TestSigner b = TestSigner.start(definition(), env)) {
      String k = newId();
      String path = prefix + "/keys/" + k;
      assertEquals(404, b.http().get(path).status()); // b has read (and cached) the rules before
      HttpAnswer added =
          addRule(a, "{\"keyid\":\"" + k + "\",\"fault\":\"redis-error\",\"times\":2}");
      assertEquals(201, added.status(), added.body());
      String id = added.json().path("id").asText();
      assertProblem(b.http().get(path), Catalogue.REDIS_ERROR, path, k, "redis-error");
      assertProblem(a.http().get(path), Catalogue.REDIS_ERROR, path, k, "redis-error");
      assertEquals(404, b.http().get(path).status());
      assertEquals(2, rule(b, id).path("fired").asInt());
      assertEquals(204, b.http().delete("/admin/faults/" + id).status());
      assertNull(rule(a, id));
    }
  }

  @Test
  void rulesAndHeadersNeedCredentialsAndBelongToTheTenant() {
    try (TestSigner s =
        TestSigner.start(
            definition(),
            Map.of("SIGNER_FAULTS_ENABLED", "true", "SIGNER_API_KEYS", "alice=key-a,bob=key-b"))) {
      String path = prefix + "/keys/" + newId();
      assertEquals(401, s.http().get("/admin/faults").status());
      assertEquals(
          401,
          s.http().post("/admin/faults", "{\"fault\":\"conflict\"}", "application/json").status());
      HttpAnswer anonymous = http(s, FaultHeaders.FAULT, "conflict").get(path);
      assertEquals(401, anonymous.status(), "the credential check comes first");
      assertNull(anonymous.header(FaultHeaders.INJECTED));
      SignerHttp alice = s.http().header("x-api-key", "key-a");
      SignerHttp bob = s.http().header("x-api-key", "key-b");
      assertEquals(
          201,
          alice
              .post(
                  "/admin/faults",
                  "{\"path\":\"" + path + "\",\"fault\":\"conflict\"}",
                  "application/json")
              .status());
      assertEquals(409, alice.get(path).status());
      assertEquals(404, bob.get(path).status(), "another tenant's rule does not apply");
      assertEquals(0, bob.get("/admin/faults").expect(200).json().get("rules").size());
      assertEquals(1, alice.get("/admin/faults").expect(200).json().get("rules").size());
    }
  }

  // ---- the switch ----

  @Test
  void withFaultsOffNothingHasAnyEffect() throws IOException {
    String k = newId();
    FrostClient.DkgSession<E> s = client.dkgRound1(off.http(), k, 2, 2, true);
    String[][] headerSets = {
      {FaultHeaders.FAULT, "no-dkg-round-found"},
      {FaultHeaders.FAULT, "not-a-fault"},
      {FaultHeaders.ABORT, "reset"},
      {FaultHeaders.DELAY, "-1"},
      {
        FaultHeaders.PERCENTAGE,
        "100",
        FaultHeaders.FAULT,
        "redis-error",
        FaultHeaders.SEED,
        "1",
        FaultHeaders.ID,
        "x"
      },
    };
    String missing = prefix + "/keys/" + newId();
    for (String[] h : headerSets) {
      HttpAnswer a = http(off, h).get(missing);
      assertEquals(404, a.status());
      assertEquals(
          ProblemRenderer.DEFAULT_TYPE_BASE + "#no-key-found", a.json().path("type").asText());
      assertNull(a.header(FaultHeaders.INJECTED));
    }
    Raw raw = rawGet(off.port(), missing, FaultHeaders.ABORT, "close", "Connection", "close");
    assertTrue(raw.text().startsWith("HTTP/1.1 404 "), raw.text());
    // a real-path fault on DKG round 2: ignored, the DKG completes
    client.dkgRound2(http(off, FaultHeaders.FAULT, "no-dkg-round-found"), s);
    assertEquals(200, off.http().get(prefix + "/keys/" + k).status());
    // the admin API does not exist
    for (HttpAnswer a :
        List.of(
            off.http().get("/admin/faults"),
            off.http().post("/admin/faults", "{\"fault\":\"redis-error\"}", "application/json"),
            off.http().delete("/admin/faults"),
            off.http().delete("/admin/faults/abc"))) {
      assertEquals(404, a.status());
      assertEquals("Not Found", a.json().path("title").asText());
    }
    assertFalse(off.http().get("/metrics").body().contains("signer_faults_injected_total"));
  }
}
