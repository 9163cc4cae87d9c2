package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile input for every endpoint of one service (in-process, embedded store), the key lifecycle
 * (refresh, repair) included:
 *
 * <ul>
 *   <li>a seeded fuzz ({@code -Dfuzz.seed}, {@code -Dfuzz.cases}, default 10,000 per endpoint):
 *       requests derived from valid ones by byte and JSON mutations, odd headers, paths and
 *       methods. Every answer is a success or a catalogue Problem Details with a documented status;
 *       a 500 only as the suite's protocol failure on the endpoints that verify client material;
 *       none hangs; used heap after GC stays flat;
 *   <li>invalid elements (per curve), scalars out of range, wrong lengths, non-hex, over-long and
 *       deeply nested values in every field are 400 naming the field; oversized bodies are 413.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostileInputContract<E> extends SuiteContract<E> {

  protected HostileInputContract(SuiteUnderTest<E> target) {
    super(target);
  }

  /**
   * Encodings of points the group must reject (identity, off-curve, non-canonical, small or mixed
   * order).
   */
  private Map<String, String> invalidElements() {
    return target().invalidElements().get();
  }

  private static final int CASES = Integer.getInteger("fuzz.cases", 10_000);
  private static final long SEED = Long.getLong("fuzz.seed", 0x5eed_f205_7L);
  private static final int IN_FLIGHT = 8;
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

  private TestSigner signer;
  private SignerHttp http;
  private FrostClient<E> client;
  private FrostJson<E> json;
  private Group<E> group;
  private String prefix;
  private final HttpClient httpClient =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * One endpoint: method, path below the prefix ({@code route + keyid + suffix}), a valid keyid and
   * body, whether it verifies client material, and what puts its state in place (a lifecycle round
   * the body is for; null: nothing), run before every {@code setupEvery}-th fuzz case and before
   * every targeted request.
   */
  private record Endpoint(
      String name,
      String method,
      String route,
      String keyid,
      String body,
      boolean verifies,
      String suffix,
      Runnable setup,
      int setupEvery) {

    Endpoint(
        String name, String method, String route, String keyid, String body, boolean verifies) {
      this(name, method, route, keyid, body, verifies, "", null, 0);
    }

    String path(String prefix, String keyid) {
      return prefix + route + keyid + suffix;
    }

    void prepare() {
      if (setup != null) {
        setup.run();
      }
    }
  }

  private final List<Endpoint> endpoints = new ArrayList<>();
  private SortedMap<Identifier, Dkg.Part1<E>> clientPart1;
  private int targets;

  @BeforeAll
  void start() {
    // faults enabled for the admin operation that drops a share (repair part 3 needs a lost one)
    signer =
        TestSigner.start(
            definition(),
            Map.of("SIGNER_MAX_BODY_BYTES", "65536", "SIGNER_FAULTS_ENABLED", "true"));
    http = signer.http();
    prefix = definition().prefix();
    client = new FrostClient<>(suite().frost(), prefix, new SecureRandom());
    json = suite().frost().json();
    group = suite().frost().group();

    FrostClient.Keys<E> keys = client.dkg(http, "fuzz-key");
    SortedMap<Identifier, Dkg.Part1<E>> part1 = client.dkgPart1(2, 2);
    clientPart1 = part1;
    FrostClient.DkgSession<E> session =
        client.dkgSession(
            "fuzz-dkg",
            part1,
            http.post(prefix + "/dkg/round1/fuzz-dkg", client.round1Request(part1, 2, 2, true))
                .expect(201)
                .json());
    ObjectNode round2 = JsonNodeFactory.instance.objectNode();
    round2.set(
        "round2_package",
        json.round2Package(
            suite()
                .frost()
                .dkg()
                .part2(
                    part1.get(Identifier.of(1)).secretPackage(),
                    new TreeMap<>(
                        Map.of(session.serverId(), session.allRound1().get(session.serverId()))))
                .packages()
                .get(session.serverId())));
    byte[] msg = "fuzz".getBytes(StandardCharsets.UTF_8);
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    ObjectNode sign = JsonNodeFactory.instance.objectNode();
    sign.put("message", java.util.Base64.getEncoder().encodeToString(msg));
    ObjectNode commitments = sign.putObject("signing_commitments");
    nonces.forEach(
        (id, n) -> commitments.set(json.identifier(id), json.signingCommitments(n.commitments())));
    SigningPackage<E> pkg = client.signRound1(http, keys, msg, nonces);
    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), client.signRound2(http, keys, pkg));
    ObjectNode aggregate = JsonNodeFactory.instance.objectNode();
    aggregate.set("signing_package", json.signingPackage(pkg));
    aggregate.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    ObjectNode tOfN = client.round1Request(client.dkgPart1(2, 3), 2, 3, false);

    endpoints.add(
        new Endpoint(
            "dkg/round1",
            "POST",
            "/dkg/round1/",
            "fuzz-new",
            client.round1Request(part1, 2, 2, true).toString(),
            true));
    endpoints.add(
        new Endpoint(
            "dkg/round1 t-of-n", "POST", "/dkg/round1/", "fuzz-new", tOfN.toString(), true));
    endpoints.add(
        new Endpoint("dkg/round2", "POST", "/dkg/round2/", "fuzz-dkg", round2.toString(), true));
    endpoints.add(new Endpoint("sign", "POST", "/sign/", "fuzz-key", sign.toString(), false));
    endpoints.add(new Endpoint("sign/round1", "POST", "/sign/round1/", "fuzz-key", null, false));
    endpoints.add(
        new Endpoint(
            "sign/round2",
            "POST",
            "/sign/round2/",
            "fuzz-key",
            client.signRound2Request(pkg).toString(),
            false));
    endpoints.add(
        new Endpoint("aggregate", "POST", "/aggregate/", "fuzz-key", aggregate.toString(), true));
    if (suite().relay() != null) {
      // the keyid is in the body: the path has none. Before the keys endpoints: a fuzzed method
      // there (DELETE) removes fuzz-key, and the relay needs it
      byte[] payload = "fuzz transaction".getBytes(StandardCharsets.UTF_8);
      dev.frostsandbox.frost.Signature<E> signature =
          client.signOneRound(
              http,
              keys,
              suite().relay().message("fuzz-key", payload),
              client.defaultSigners(keys));
      endpoints.add(
          new Endpoint(
              "relay",
              "POST",
              "/relay",
              "",
              client.relayRequest("fuzz-key", payload, signature).toString(),
              false));
    }
    addLifecycleEndpoints();
    endpoints.add(new Endpoint("keys GET", "GET", "/keys/", "fuzz-key", null, false));
    endpoints.add(new Endpoint("keys DELETE", "DELETE", "/keys/", "fuzz-gone", null, false));
  }

  private static final Identifier ONE = Identifier.of(1);
  private static final Identifier TWO = Identifier.of(2);

  /**
   * The key lifecycle (refresh, repair), each on a 2-of-3 key of its own (the server is 3): the
   * refresh rounds of client participants 1 and 2; the repair of participant 1 with helpers 2 and
   * the server; the repair of the server's own share (dropped) by 1 and 2. A round-2 / part-2 body
   * is valid for any round its setup starts: round 1 is re-sent with the same client polynomials,
   * part 1 for the same helpers.
   */
  private void addLifecycleEndpoints() {
    SecureRandom random = new SecureRandom();
    // refresh
    FrostClient.Keys<E> refresh = client.dkg(http, "fuzz-refresh", 2, 3);
    SortedMap<Identifier, Dkg.Part1<E>> part1 = new TreeMap<>();
    for (Identifier id : List.of(ONE, TWO)) {
      part1.put(id, suite().frost().refresh().refreshDkgPart1(id, 3, 2, random));
    }
    ObjectNode refresh1 = JsonNodeFactory.instance.objectNode();
    ObjectNode packages = refresh1.putObject("round1_packages");
    part1.forEach((id, p) -> packages.set(json.identifier(id), json.round1Package(p.package_())));
    String refresh1Body = refresh1.toString();
    String refreshPath = prefix + "/keys/fuzz-refresh/refresh/round1";
    FrostClient.RefreshSession<E> session = client.refreshRound1(http, refresh, part1);
    String refresh2Body = client.refreshRound2Request(session).body().toString();
    Runnable refreshRound =
        () -> http.post(refreshPath, refresh1Body, "application/json").expect(201);
    endpoints.add(
        new Endpoint(
            "refresh/round1",
            "POST",
            "/keys/",
            "fuzz-refresh",
            refresh1Body,
            false,
            "/refresh/round1",
            null,
            0));
    endpoints.add(
        new Endpoint(
            "refresh/round2",
            "POST",
            "/keys/",
            "fuzz-refresh",
            refresh2Body,
            true,
            "/refresh/round2",
            refreshRound,
            16));
    // repair of participant 1: helpers 2 and the server
    FrostClient.Keys<E> repair = client.dkg(http, "fuzz-repair", 2, 3);
    Identifier server = repair.serverId();
    String repair1Body = client.repairPart1Request(ONE, List.of(TWO, server)).toString();
    ObjectNode repair2 = client.repairPart2Request(repair, ONE, List.of(TWO, server));
    String repairPath = prefix + "/keys/fuzz-repair/repair/part1";
    endpoints.add(
        new Endpoint(
            "repair/part1",
            "POST",
            "/keys/",
            "fuzz-repair",
            repair1Body,
            false,
            "/repair/part1",
            null,
            0));
    // part 2 consumes the round whatever it answers: a new part 1 before each request
    endpoints.add(
        new Endpoint(
            "repair/part2",
            "POST",
            "/keys/",
            "fuzz-repair",
            repair2.toString(),
            false,
            "/repair/part2",
            () -> http.post(repairPath, repair1Body, "application/json").expect(201),
            1));
    // the server's own share, dropped; a fuzz case that repairs it is followed by a new drop
    FrostClient.Keys<E> lost = client.dkg(http, "fuzz-lost", 2, 3);
    String part3Body =
        client
            .repairPart3Request(client.clientSigmas(lost, lost.serverId(), List.of(ONE, TWO)))
            .toString();
    Runnable dropShare =
        () -> {
          if (!http.get(prefix + "/keys/fuzz-lost").json().path("share_lost").asBoolean()) {
            http.post(client.dropSharePath(lost), (JsonNode) null).expect(200);
          }
        };
    dropShare.run();
    endpoints.add(
        new Endpoint(
            "repair/part3",
            "POST",
            "/keys/",
            "fuzz-lost",
            part3Body,
            true,
            "/repair/part3",
            dropShare,
            4));
  }

  @AfterAll
  void stop() {
    if (signer != null) {
      signer.close();
    }
  }

  // ------------------------------------------------------------------ fuzz

  private static final Set<Integer> DOCUMENTED =
      Set.of(200, 201, 204, 400, 401, 404, 405, 409, 413, 415, 500);

  @SuppressWarnings("ArrayRecordComponent") // a fuzz case carrier; never compared by equals
  private record Case(
      String method, String path, String contentType, String auth, byte[] body, String what) {}

  @Test
  void fuzzEveryEndpoint() throws Exception {
    StringBuilder report = new StringBuilder();
    for (Endpoint e : endpoints) {
      if (e.name().endsWith("t-of-n")) {
        continue; // its bodies feed the dkg/round1 mutations below
      }
      long seed = SEED ^ e.name().hashCode();
      SplittableRandom random = new SplittableRandom(seed);
      // warm up before the first heap reading
      run(e, random, 300, seed);
      long before = usedHeapAfterGc();
      long t0 = System.nanoTime();
      int[] statuses = run(e, random, CASES, seed);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long after = usedHeapAfterGc();
      long growthMb = (after - before) >> 20;
      assertTrue(
          growthMb < 48, e.name() + ": used heap grew by " + growthMb + " MB (seed " + seed + ")");
      report.append(
          String.format(
              "%-12s %6d cases %6d ms heap %+d MB statuses %s%n",
              e.name(), CASES, ms, growthMb, histogram(statuses)));
    }
    System.out.print("[fuzz seed " + SEED + "]\n" + report);
  }

  private static String histogram(int[] statuses) {
    StringBuilder b = new StringBuilder();
    for (int s = 0; s < statuses.length; s++) {
      if (statuses[s] > 0) {
        b.append(s).append('=').append(statuses[s]).append(' ');
      }
    }
    return b.toString().trim();
  }

  /**
   * The used heap after full collections: System.gc() returns once its collection ran (G1, the
   * default, without -XX:+ExplicitGCInvokesConcurrent).
   */
  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /**
   * Sends {@code n} cases with a few in flight; checks every answer; returns the status histogram.
   */
  private int[] run(Endpoint e, SplittableRandom random, int n, long seed) throws Exception {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger[] hist = new AtomicInteger[600];
    for (int i = 0; i < hist.length; i++) {
      hist[i] = new AtomicInteger();
    }
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < n && failures.isEmpty(); i++) {
      if (e.setup() != null && i % e.setupEvery() == 0) {
        e.prepare();
      }
      Case c = mutate(e, random);
      HttpRequest req;
      try {
        req = request(c);
      } catch (IllegalArgumentException notAUri) {
        continue; // the client refuses it, so no server sees it
      }
      slots.acquire();
      int index = i;
      CompletableFuture<?> f =
          httpClient
              .sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
              .orTimeout(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .handle(
                  (r, err) -> {
                    try {
                      String problem = err != null ? "no answer: " + err : check(e, c, r);
                      if (r != null) {
                        hist[Math.min(599, r.statusCode())].incrementAndGet();
                      }
                      if (problem != null) {
                        failures.add(
                            e.name()
                                + " case "
                                + index
                                + " (seed "
                                + seed
                                + ", "
                                + c.what()
                                + " "
                                + c.method()
                                + " "
                                + abbreviate(c.path())
                                + "): "
                                + abbreviate(problem));
                      }
                    } finally {
                      slots.release();
                    }
                    return null;
                  });
      pending.add(f);
      if (pending.size() > 256) {
        pending.removeIf(CompletableFuture::isDone);
      }
    }
    CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    if (!failures.isEmpty()) {
      fail(failures.size() + " bad answers; first: " + failures.peek());
    }
    int[] out = new int[600];
    for (int i = 0; i < 600; i++) {
      out[i] = hist[i].get();
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private HttpRequest request(Case c) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(http.baseUrl() + c.path())).timeout(CLIENT_TIMEOUT);
    if (c.contentType() != null) {
      b.header("Content-Type", c.contentType());
    }
    if (c.auth() != null) {
      b.header("Authorization", c.auth());
    }
    b.method(
        c.method(),
        c.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
    return b.build();
  }

  /** Null when the answer is acceptable, else what is wrong with it. */
  private String check(Endpoint e, Case c, HttpResponse<byte[]> r) {
    int status = r.statusCode();
    if (!DOCUMENTED.contains(status) && !(status == 422 && e.name().equals("relay"))) {
      return "undocumented status " + status; // the relay's reverts are 422
    }
    String ct = r.headers().firstValue("Content-Type").orElse(null);
    if (status < 300) {
      return status == 204 || (ct != null && ct.startsWith("application/json"))
          ? null
          : "success without JSON: " + ct;
    }
    if (c.method().equals("HEAD")) {
      // no body by definition: the head must still announce a problem
      return ct != null && ct.startsWith("application/problem+json")
          ? null
          : "HEAD without problem type: " + ct;
    }
    JsonNode body;
    try {
      body = FrostJson.MAPPER.readTree(r.body());
    } catch (java.io.IOException ex) {
      return "problem body is not JSON";
    }
    ProblemType type = Problems.entryOf(status, ct, body).orElse(null);
    if (type == null) {
      return "not a catalogue problem: "
          + status
          + " "
          + ct
          + " "
          + new String(r.body(), StandardCharsets.UTF_8);
    }
    if (status == 500 && !(e.verifies() && type.equals(suite().internalError()))) {
      return "500 no fault asked for: " + body;
    }
    return null;
  }

  // ------------------------------------------------------------------ mutations

  private static final String[] CONTENT_TYPES = {
    "application/json",
    "application/json",
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/xml",
    "application/json; charset=utf-16",
    "application/problem+json",
    "*/*",
    "",
    "application/json, text/plain",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded"
  };

  private static final String[] METHODS = {
    "GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "POST"
  };

  private static final String[] KEYIDS = {
    "",
    "a",
    "x".repeat(128),
    "x".repeat(129),
    "x".repeat(5000),
    "..",
    "%2e%2e",
    "a%2Fb",
    "a%00b",
    "%C3%A9t%C3%A9",
    "%F0%9F%98%80",
    "a%20b",
    "a;b",
    "a%25b",
    "0x" + "f".repeat(64),
    "fuzz-key/",
    "fuzz-key//x",
    "fuzz-gone?x=1",
    "%",
    "a%0d%0aX-Injected:%201",
    "{a}",
    "fuzz:key",
    "-",
    "_",
    "%7Bfuzz%7D"
  };

  private static final String[] SCALARS = {
    "0",
    "-1",
    "1e308",
    "-1e308",
    "123456789012345678901234567890123456789012345678901234567890",
    "0.5",
    "NaN",
    "true",
    "false",
    "null",
    "\"\"",
    "[]",
    "{}",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\u00e9\u00e9\"",
    "\"\ud834\udd1e\"",
    "\"" + "0".repeat(64) + "\"",
    "\"" + "f".repeat(64) + "\"",
    "\"zz\"",
    "\"0x00\"",
    "\"" + "a".repeat(70_000) + "\"",
    "65536",
    "2",
    "3",
    "-0",
    "1E2",
    "\"2\""
  };

  private Case mutate(Endpoint e, SplittableRandom r) {
    String method = e.method();
    String keyid = e.keyid();
    String contentType = e.body() == null ? null : "application/json";
    String auth = null;
    byte[] body = e.body() == null ? null : e.body().getBytes(StandardCharsets.UTF_8);
    String what;
    int kind = r.nextInt(100);
    if (kind < 35 && e.body() != null) {
      what = "json";
      body = jsonMutation(e, r).getBytes(StandardCharsets.UTF_8);
    } else if (kind < 60 && body != null) {
      what = "bytes";
      body = byteMutation(body, r);
    } else if (kind < 70) {
      what = "generated";
      body = generated(r).getBytes(StandardCharsets.UTF_8);
      contentType = "application/json";
    } else if (kind < 78) {
      what = "content-type";
      contentType = CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)];
      if (contentType.isEmpty()) {
        contentType = null;
      }
    } else if (kind < 86) {
      what = "keyid";
      keyid = KEYIDS[r.nextInt(KEYIDS.length)];
    } else if (kind < 92) {
      what = "method";
      method = METHODS[r.nextInt(METHODS.length)];
    } else if (kind < 96) {
      what = "auth";
      auth = r.nextBoolean() ? "Bearer " + "x".repeat(r.nextInt(1, 300)) : "Basic \u00e9";
      if (r.nextBoolean() && body != null) {
        body = jsonMutation(e, r).getBytes(StandardCharsets.UTF_8);
      }
    } else {
      what = "path";
      String[] routes = {
        "/dkg/round3/",
        "/dkg/",
        "/sign/round3/",
        "/keys",
        "/aggregate",
        "/",
        "//dkg/round1/",
        "/DKG/ROUND1/"
      };
      return new Case(
          method, prefix + routes[r.nextInt(routes.length)] + keyid, contentType, auth, body, what);
    }
    return new Case(method, e.path(prefix, keyid), contentType, auth, body, what);
  }

  private String jsonMutation(Endpoint e, SplittableRandom r) {
    String source = e.body();
    if (e.name().equals("dkg/round1") && r.nextInt(3) == 0) {
      source = endpoints.get(1).body(); // the t-of-n form
    }
    JsonNode tree;
    try {
      tree = FrostJson.MAPPER.readTree(source);
    } catch (java.io.IOException ex) {
      throw new IllegalStateException(ex);
    }
    List<String> pointers = new ArrayList<>();
    collect(tree, "", pointers);
    int edits = 1 + r.nextInt(3);
    for (int i = 0; i < edits; i++) {
      String ptr = pointers.get(r.nextInt(pointers.size()));
      JsonNode replacement = replacement(tree.at(ptr), r);
      tree = replace(tree, ptr, replacement, r.nextInt(10) == 0);
    }
    String out = tree.toString();
    if (r.nextInt(10) == 0 && out.startsWith("{\"")) {
      // a duplicated member
      int colon = out.indexOf(':');
      int end = out.indexOf(',');
      if (end > colon && colon > 0) {
        out = "{" + out.substring(1, end + 1) + out.substring(1);
      }
    }
    return out;
  }

  private static void collect(JsonNode n, String ptr, List<String> out) {
    out.add(ptr);
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        collect(f.getValue(), ptr + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), out);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        collect(n.get(i), ptr + "/" + i, out);
      }
    }
  }

  private JsonNode replacement(JsonNode old, SplittableRandom r) {
    int k = r.nextInt(10);
    if (old.isTextual() && k < 5) {
      String s = old.asText();
      List<String> bad = new ArrayList<>(invalidElements().values());
      bad.add(Bytes.toHex(group.serializeScalar(BigInteger.ONE)).replace('0', 'f'));
      bad.add(Bytes.toHex(group.order().toByteArray()));
      return switch (k) {
        case 0 -> TextNode.valueOf(bad.get(r.nextInt(bad.size())));
        case 1 -> TextNode.valueOf(s.substring(0, r.nextInt(s.length() + 1)));
        case 2 -> TextNode.valueOf(s + "00".repeat(r.nextInt(1, 40)));
        case 3 -> {
          char[] c = s.toCharArray();
          if (c.length > 0) {
            c[r.nextInt(c.length)] = "0123456789abcdefABCDEFxg \u00e9".charAt(r.nextInt(25));
          }
          yield TextNode.valueOf(new String(c));
        }
        default -> TextNode.valueOf(s.toUpperCase(Locale.ROOT));
      };
    }
    if (k < 8) {
      try {
        return FrostJson.MAPPER.readTree(SCALARS[r.nextInt(SCALARS.length)]);
      } catch (java.io.IOException ex) {
        return TextNode.valueOf("x");
      }
    }
    return nested(r.nextInt(1, 60), r);
  }

  private static JsonNode nested(int depth, SplittableRandom r) {
    JsonNode n = TextNode.valueOf("deep");
    for (int i = 0; i < depth; i++) {
      if (r.nextBoolean()) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(n);
        n = a;
      } else {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("a", n);
        n = o;
      }
    }
    return n;
  }

  /** The tree with the node at {@code ptr} replaced (or removed, or the root replaced). */
  private static JsonNode replace(JsonNode root, String ptr, JsonNode value, boolean remove) {
    if (ptr.isEmpty()) {
      return value;
    }
    int slash = ptr.lastIndexOf('/');
    JsonNode parent = root.at(ptr.substring(0, slash));
    String last = ptr.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode o) {
      if (remove) {
        o.remove(last);
      } else if (new SplittableRandom(last.hashCode()).nextInt(8) == 0) {
        o.set(last + "x", value); // an unknown member
      } else {
        o.set(last, value);
      }
    } else if (parent instanceof ArrayNode a) {
      int i = last.matches("\\d{1,6}") ? Integer.parseInt(last) : Integer.MAX_VALUE;
      if (i >= a.size()) {
        return root; // an earlier edit removed it
      }
      if (remove) {
        a.remove(i);
      } else {
        a.set(i, value);
      }
    }
    return root;
  }

  private static byte[] byteMutation(byte[] body, SplittableRandom r) {
    byte[] b = body.clone();
    switch (r.nextInt(4)) {
      case 0 -> {
        for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
          int pos = r.nextInt(b.length);
          b[pos] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(b, r.nextInt(b.length));
      }
      case 2 -> {
        byte[] noise = new byte[r.nextInt(1, 64)];
        r.nextBytes(noise);
        int pos = r.nextInt(b.length);
        byte[] out = new byte[b.length + noise.length];
        System.arraycopy(b, 0, out, 0, pos);
        System.arraycopy(noise, 0, out, pos, noise.length);
        System.arraycopy(b, pos, out, pos + noise.length, b.length - pos);
        return out;
      }
      default -> {
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(16));
        for (int i = b.length; i < out.length; i++) {
          out[i] = (byte) "}]\",:{[ 0\u0000".charAt(r.nextInt(10));
        }
        return out;
      }
    }
  }

  /** A random JSON-ish document unrelated to the valid body. */
  private static String generated(SplittableRandom r) {
    return switch (r.nextInt(8)) {
      case 0 -> "";
      case 1 -> "[]";
      case 2 -> "null";
      case 3 -> "{\"a\":" + "[".repeat(r.nextInt(1, 2000));
      case 4 -> "{" + "\"k\":1,".repeat(r.nextInt(1, 500)) + "\"k\":2}";
      case 5 -> "\"" + "\\u00e9".repeat(r.nextInt(1, 100)) + "\"";
      case 6 ->
          "{\"round1_package\":{\"header\":{\"version\":"
              + r.nextLong()
              + ",\"ciphersuite\":\"x\"}}}";
      default -> {
        byte[] noise = new byte[r.nextInt(1, 200)];
        r.nextBytes(noise);
        yield new String(noise, StandardCharsets.ISO_8859_1);
      }
    };
  }

  // ------------------------------------------------------------------ targeted rejections

  private HttpAnswer post(Endpoint e, String body) {
    e.prepare();
    return http.post(e.path(prefix, e.keyid()), body, "application/json");
  }

  /**
   * The endpoint with its state in place whatever the fuzz did: the key exists, and DKG round 2
   * gets a new round for the same client polynomial (so the same round-2 body is valid for it).
   */
  private Endpoint prepared(Endpoint e) {
    if (e.keyid().equals("fuzz-key") && http.get(prefix + "/keys/fuzz-key").status() == 404) {
      // a fuzzed DELETE removed it; a new key has the same participants, so the bodies still fit
      client.dkg(http, "fuzz-key");
    }
    if (!e.name().equals("dkg/round2")) {
      return e;
    }
    String keyid = "target-dkg-" + targets++;
    http.post(prefix + "/dkg/round1/" + keyid, client.round1Request(clientPart1, 2, 2, true))
        .expect(201);
    return new Endpoint(
        e.name(),
        e.method(),
        e.route(),
        keyid,
        e.body(),
        e.verifies(),
        e.suffix(),
        e.setup(),
        e.setupEvery());
  }

  /** Kinds of hex field in frost-core JSON, by member name. */
  private enum Field {
    ELEMENT,
    SCALAR,
    SIGNATURE
  }

  private static Field fieldKind(String ptr) {
    String last = ptr.substring(ptr.lastIndexOf('/') + 1);
    if (ptr.matches(".*/commitment/\\d+") || last.equals("hiding") || last.equals("binding")) {
      return Field.ELEMENT;
    }
    // repair deltas and sigmas: serde-transparent scalars, by sender id
    if (last.equals("signing_share")
        || last.equals("share")
        || ptr.matches("/(deltas|sigmas)/[^/]+")) {
      return Field.SCALAR;
    }
    if (last.equals("proof_of_knowledge")) {
      return Field.SIGNATURE;
    }
    return null;
  }

  private String with(String body, String ptr, JsonNode value) throws java.io.IOException {
    return replace(FrostJson.MAPPER.readTree(body), ptr, value, false).toString();
  }

  @Test
  void invalidElementsScalarsAndLengthsAre400NamingTheField() throws Exception {
    BigInteger q = group.order();
    String validElement = json.element(group.generator());
    String validScalar = json.scalar(BigInteger.TWO);
    int checked = 0;
    for (Endpoint any : endpoints) {
      if (any.body() == null) {
        continue;
      }
      Endpoint e = prepared(any);
      List<String> pointers = new ArrayList<>();
      collect(FrostJson.MAPPER.readTree(e.body()), "", pointers);
      for (String ptr : pointers) {
        Field kind = fieldKind(ptr);
        if (kind == null) {
          continue;
        }
        List<String> bad = new ArrayList<>();
        List<String> invalidScalars =
            List.of(
                "f".repeat(json.scalar(BigInteger.ZERO).length()),
                Bytes.toHex(pad(q.toByteArray())),
                Bytes.toHex(pad(q.add(BigInteger.ONE).toByteArray())));
        switch (kind) {
          case ELEMENT -> bad.addAll(invalidElements().values());
          case SCALAR -> bad.addAll(invalidScalars.stream().map(this::ordered).toList());
          case SIGNATURE -> {
            invalidElements().values().forEach(p -> bad.add(p + validScalar));
            invalidScalars.forEach(s -> bad.add(validElement + ordered(s)));
          }
          default -> throw new IllegalStateException();
        }
        String valid = FrostJson.MAPPER.readTree(e.body()).at(ptr).asText();
        bad.add(valid.substring(2));
        bad.add(valid + "00");
        bad.add("");
        bad.add("zz" + valid.substring(2));
        bad.add("a".repeat(60_000));
        for (String v : bad) {
          HttpAnswer a = post(e, with(e.body(), ptr, TextNode.valueOf(v)));
          Problems.assertFieldRejected(a, ptr);
          checked++;
        }
      }
    }
    assertTrue(checked > 100, "checked " + checked + " field values");
  }

  /** Out-of-range scalars in the group's byte order (little-endian groups reverse). */
  private String ordered(String bigEndianHex) {
    boolean little = json.scalar(BigInteger.ONE).startsWith("01");
    if (!little) {
      return bigEndianHex;
    }
    byte[] b = Bytes.fromHex(bigEndianHex);
    byte[] rev = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      rev[i] = b[b.length - 1 - i];
    }
    return Bytes.toHex(rev);
  }

  private byte[] pad(byte[] minimal) {
    int len = group.scalarLength();
    byte[] out = new byte[len];
    int n = Math.min(len, minimal.length);
    System.arraycopy(minimal, minimal.length - n, out, len - n, n);
    return out;
  }

  @Test
  void everyFieldNestedOrWronglyTypedIs400NamingIt() throws Exception {
    for (Endpoint any : endpoints) {
      if (any.body() == null) {
        continue;
      }
      Endpoint e = prepared(any);
      List<String> pointers = new ArrayList<>();
      collect(FrostJson.MAPPER.readTree(e.body()), "", pointers);
      for (String ptr : pointers) {
        if (ptr.isEmpty()) {
          continue;
        }
        for (int depth : new int[] {3, 20, 100}) {
          HttpAnswer a = post(e, with(e.body(), ptr, nested(depth, new SplittableRandom(depth))));
          // beyond the nesting limit the parser names where it stopped, inside this field
          Problems.assertFieldRejected(a, ptr);
        }
      }
    }
  }

  /**
   * A keyed route that goes on after its keyid, without a keyid: {@code /keys//refresh/round1} is
   * normalized to {@code /keys/refresh/round1}, where route and suffix overlap (before, a 500 from
   * the endpoint classification; the fuzz found it).
   */
  @Test
  void lifecycleRoutesWithoutAKeyidAreProblems() {
    for (Endpoint e : endpoints) {
      if (e.suffix().isEmpty()) {
        continue;
      }
      for (String keyid : List.of("", "/")) {
        HttpAnswer a = http.post(e.path(prefix, keyid), e.body(), "application/json");
        assertTrue(
            a.status() == 404 || a.status() == 405, () -> e.name() + " " + keyid + ": " + a.body());
        assertEquals("application/problem+json", a.header("Content-Type"), e.name());
        ProblemAssert.assertClean(a.body(), List.of());
      }
    }
  }

  @Test
  void oversizedBodiesAre413() {
    for (Endpoint any : endpoints) {
      if (any.body() == null) {
        continue;
      }
      Endpoint e = prepared(any);
      String huge =
          e.body().substring(0, e.body().length() - 1) + ",\"pad\":\"" + "x".repeat(70_000) + "\"}";
      HttpAnswer a = post(e, huge);
      Problems.assertProblem(a, Catalogue.PAYLOAD_TOO_LARGE);
    }
    // with the five lifecycle endpoints (refresh rounds 1 and 2, repair parts 1 to 3)
    assertEquals(suite().relay() != null ? 15 : 14, endpoints.size());
  }
}
