package dev.frostsandbox.testing;

import static dev.frostsandbox.testing.ProblemAssert.error;
import static dev.frostsandbox.testing.ProblemAssert.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Polynomial;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.signing.BindingFactors;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.signer.state.StateRepository;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The largest requests the API allows (255 participants: the client plays 254) succeed without
 * stalling an event loop, and larger ones are refused before any element is decoded. The server's
 * group records on which threads its costly calls ran (ThreadRecordingSuite): element decodings and
 * scalar multiplications of a large request happen on worker threads. With one event loop,
 * /health/live answers while a DKG round is held in the middle of its work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LargeRequestsContract<E> extends SuiteContract<E> {

  /** The documented cap (docs/api.md "Limits"), stated here independently of the code. */
  private static final int CAP = 255;

  private ThreadRecordingSuite<E> recording;
  private TestSigner signer;
  private SignerHttp http;
  private String prefix;
  private Frost<E> frost;
  private Group<E> group;
  private FrostJson<E> json;
  private FrostClient<E> client;
  private final SecureRandom random = new SecureRandom();
  private final HttpClient httpClient =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  protected LargeRequestsContract(SuiteUnderTest<E> target) {
    super(target);
  }

  @BeforeAll
  void start() {
    recording = new ThreadRecordingSuite<>(suite().frost().suite());
    ServiceDefinition definition =
        ThreadRecordingSuite.definition(definition(), suite(), recording);
    // one event loop: /health/live and the DKG share it; bodies of 254 packages exceed the 64 KiB
    // default
    signer =
        TestSigner.start(
            definition, Map.of("SIGNER_EVENT_LOOPS", "1", "SIGNER_MAX_BODY_BYTES", "1048576"));
    http = signer.http();
    prefix = definition.prefix();
    // the client's engine is the plain suite's: only the server's calls are recorded
    frost = suite().frost();
    group = frost.group();
    json = frost.json();
    client = new FrostClient<>(frost, prefix, random);
  }

  @AfterAll
  void stop() {
    if (signer != null) {
      recording.release();
      signer.close();
    }
  }

  // ---- the largest DKG, run once ----

  /**
   * A 255-participant key: the client's shares, the server's answers and what each round recorded.
   */
  private record BigKey<E>(
      String keyid,
      Identifier serverId,
      SortedMap<Identifier, BigInteger> clientShares,
      PublicKeyPackage<E> publicKeyPackage,
      E serverPhi0,
      ThreadRecordingSuite.Counts round1,
      ThreadRecordingSuite.Counts round2) {}

  private SortedMap<Identifier, Dkg.Part1<E>> part1;
  private BigKey<E> bigKey;

  /** Part 1 of client participants 1..254 of a 2-of-255 DKG. */
  private synchronized SortedMap<Identifier, Dkg.Part1<E>> clientPart1() {
    if (part1 == null) {
      part1 = client.dkgPart1(2, CAP);
    }
    return part1;
  }

  private synchronized BigKey<E> bigKey() {
    if (bigKey != null) {
      return bigKey;
    }
    String keyid = "big-key";
    SortedMap<Identifier, Dkg.Part1<E>> p1 = clientPart1();
    recording.reset();
    HttpAnswer a1 =
        http.post(prefix + "/dkg/round1/" + keyid, client.round1Request(p1, 2, CAP, false));
    ThreadRecordingSuite.Counts round1 = recording.counts();
    assertEquals(201, a1.status(), a1.body());
    FrostClient.DkgSession<E> session = client.dkgSession(keyid, p1, a1.json());
    Identifier serverId = session.serverId();
    assertEquals(Identifier.of(CAP), serverId, "the server takes the lowest free identifier");

    // round 2 directly from the polynomials: f_j(server) for each client participant j
    ObjectNode r2 = JsonNodeFactory.instance.objectNode();
    ObjectNode packages = r2.putObject("round2_packages");
    BigInteger order = group.order();
    List<BigInteger> sum = null;
    for (Map.Entry<Identifier, Dkg.Part1<E>> e : p1.entrySet()) {
      List<BigInteger> c = e.getValue().secretPackage().coefficients();
      packages.set(
          json.identifier(e.getKey()),
          json.round2Package(new Round2Package(Polynomial.evaluate(c, serverId.value(), order))));
      sum = sum == null ? new ArrayList<>(c) : add(sum, c, order);
    }
    recording.reset();
    HttpAnswer a2 = http.post(prefix + "/dkg/round2/" + keyid, r2);
    ThreadRecordingSuite.Counts round2 = recording.counts();
    assertEquals(201, a2.status(), a2.body());
    PublicKeyPackage<E> pub =
        read(r -> r.publicKeyPackage(a2.json().get("public_key_package"), "/public_key_package"));

    // participant i's share: the client polynomials' sum at i plus the server's f_server(i)
    SortedMap<Identifier, BigInteger> shares = new TreeMap<>();
    for (Identifier id : p1.keySet()) {
      BigInteger fromServer = session.fromServer().get(id).signingShare();
      shares.put(id, Polynomial.evaluate(sum, id.value(), order).add(fromServer).mod(order));
    }
    E serverPhi0 = session.allRound1().get(serverId).commitment().get(0);
    bigKey = new BigKey<>(keyid, serverId, shares, pub, serverPhi0, round1, round2);
    return bigKey;
  }

  private static List<BigInteger> add(List<BigInteger> a, List<BigInteger> b, BigInteger order) {
    List<BigInteger> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(a.get(i).add(b.get(i)).mod(order));
    }
    return out;
  }

  private <T> T read(java.util.function.Function<PackageReader<E>, T> f) {
    PackageReader<E> r = json.reader();
    T value = f.apply(r);
    assertTrue(!r.hasErrors(), () -> "the server answered an invalid package: " + r.errors());
    return value;
  }

  // ---- the largest allowed requests succeed, their work off the event loop ----

  @Test
  void largestDkgSucceedsWithItsWorkOnWorkers() {
    BigKey<E> key = bigKey();
    PublicKeyPackage<E> pub = key.publicKeyPackage();
    assertEquals(CAP, pub.verifyingShares().size(), "every participant has a verifying share");
    // the server's verifying shares are the images of the shares the client derived
    key.clientShares()
        .forEach(
            (id, s) ->
                assertTrue(
                    group.equal(group.multiplyBase(s), pub.verifyingShares().get(id)),
                    "verifying share of " + id));
    // the group key is the sum of every participant's phi_0
    E vk =
        clientPart1().values().stream()
            .map(p -> p.package_().commitment().get(0))
            .reduce(key.serverPhi0(), group::add);
    assertTrue(group.equal(vk, pub.verifyingKey()), "verifying key");

    // round 1: 254 packages of 3 elements decoded, 254 proofs verified; round 2: the stored round
    // decoded again, 254 shares verified; none of it on the event loop
    assertEquals(0, key.round1().decodesOnEventLoop(), "round 1 decodings on the event loop");
    assertEquals(
        0, key.round1().multipliesOnEventLoop(), "round 1 multiplications on the event loop");
    assertTrue(
        key.round1().decodesElsewhere() >= 3 * (CAP - 1),
        "round 1 decoded the packages: " + key.round1());
    assertEquals(0, key.round2().decodesOnEventLoop(), "round 2 decodings on the event loop");
    assertEquals(
        0, key.round2().multipliesOnEventLoop(), "round 2 multiplications on the event loop");
    assertTrue(
        key.round2().multipliesElsewhere() >= CAP - 1,
        "round 2 verified the shares: " + key.round2());
    // the round state and the key (hundreds of elements) are encoded and sealed on workers too
    assertEquals(
        0,
        key.round1().encodesOnEventLoop(),
        "round 1 encodings on the event loop: " + key.round1());
    assertTrue(
        key.round1().encodesElsewhere() >= 3 * (CAP - 1),
        "round 1 encoded the round state: " + key.round1());
    assertEquals(
        0,
        key.round2().encodesOnEventLoop(),
        "round 2 encodings on the event loop: " + key.round2());
    assertTrue(key.round2().encodesElsewhere() >= CAP, "round 2 encoded the key: " + key.round2());
  }

  @Test
  void healthAnswersWhileTheLargestDkgIsInTheMiddleOfItsWork() throws Exception {
    ObjectNode body = client.round1Request(clientPart1(), 2, CAP, false);
    recording.holdNextDecoding();
    CompletableFuture<HttpResponse<String>> dkg =
        httpClient.sendAsync(
            post(prefix + "/dkg/round1/held-dkg", body.toString()),
            HttpResponse.BodyHandlers.ofString());
    try {
      assertTrue(recording.awaitHeld(30), "the DKG request reached its first element decoding");
      // the only event loop serves this while the DKG's decoding is held
      HttpResponse<String> live =
          httpClient.send(
              HttpRequest.newBuilder(URI.create(signer.baseUrl() + "/health/live"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, live.statusCode());
      assertTrue(!dkg.isDone(), "the DKG was still in flight");
    } finally {
      recording.release();
    }
    assertEquals(201, dkg.get(60, TimeUnit.SECONDS).statusCode());
  }

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(signer.baseUrl() + path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Nonces for every client participant of the big key. */
  private SortedMap<Identifier, SigningNonces<E>> allClientNonces(BigKey<E> key) {
    SortedMap<Identifier, SigningNonces<E>> nonces = new TreeMap<>();
    key.clientShares().forEach((id, s) -> nonces.put(id, frost.signing().commit(s, random)));
    return nonces;
  }

  @Test
  void signingWithEverySignerSucceedsWithItsWorkOnWorkers() {
    BigKey<E> key = bigKey();
    byte[] msg = "255 signers".getBytes(StandardCharsets.UTF_8);
    SortedMap<Identifier, SigningNonces<E>> nonces = allClientNonces(key);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("message", Base64.getEncoder().encodeToString(msg));
    ObjectNode commitments = body.putObject("signing_commitments");
    nonces.forEach(
        (id, n) -> commitments.set(json.identifier(id), json.signingCommitments(n.commitments())));

    recording.reset();
    HttpAnswer a = http.post(prefix + "/sign/" + key.keyid(), body);
    ThreadRecordingSuite.Counts counts = recording.counts();
    assertEquals(200, a.status(), a.body());
    SigningCommitments<E> serverCommitments =
        read(
            r -> r.signingCommitments(a.json().get("signing_commitments"), "/signing_commitments"));
    SignatureShare share =
        read(r -> r.signatureShare(a.json().get("signature_share"), "/signature_share"));
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>();
    nonces.forEach((id, n) -> all.put(id, n.commitments()));
    all.put(key.serverId(), serverCommitments);
    SigningPackage<E> pkg = new SigningPackage<>(all, msg);
    frost
        .signing()
        .verifySignatureShare(
            key.serverId(),
            key.publicKeyPackage().verifyingShares().get(key.serverId()),
            share,
            pkg,
            key.publicKeyPackage().verifyingKey());
    assertEquals(0, counts.decodesOnEventLoop(), "decodings on the event loop: " + counts);
    assertEquals(0, counts.multipliesOnEventLoop(), "multiplications on the event loop: " + counts);
    assertTrue(
        counts.decodesElsewhere() >= 2 * (CAP - 1), "the commitments were decoded: " + counts);

    // aggregate of all 255 shares on the server
    SortedMap<Identifier, SignatureShare> shares = clientShares(key, pkg, nonces);
    shares.put(key.serverId(), share);
    ObjectNode agg = JsonNodeFactory.instance.objectNode();
    agg.set("signing_package", json.signingPackage(pkg));
    agg.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    recording.reset();
    HttpAnswer signed = http.post(prefix + "/aggregate/" + key.keyid(), agg);
    ThreadRecordingSuite.Counts aggCounts = recording.counts();
    assertEquals(200, signed.status(), signed.body());
    byte[] signature = Bytes.fromHex(signed.json().get("signature").asText());
    assertTrue(
        target()
            .plainVerifier()
            .verify(msg, signature, group.serializeElement(key.publicKeyPackage().verifyingKey())),
        "the aggregate verifies");
    assertEquals(
        0, aggCounts.decodesOnEventLoop(), "aggregate decodings on the event loop: " + aggCounts);
    assertEquals(
        0,
        aggCounts.multipliesOnEventLoop(),
        "aggregate multiplications on the event loop: " + aggCounts);
  }

  @Test
  void twoRoundSigningWithEverySignerSucceedsWithItsWorkOnWorkers() {
    BigKey<E> key = bigKey();
    byte[] msg = "255 signers, two rounds".getBytes(StandardCharsets.UTF_8);
    SortedMap<Identifier, SigningNonces<E>> nonces = allClientNonces(key);
    HttpAnswer r1 = http.post(prefix + "/sign/round1/" + key.keyid(), (JsonNode) null);
    assertEquals(201, r1.status(), r1.body());
    SigningCommitments<E> serverCommitments =
        read(
            r ->
                r.signingCommitments(r1.json().get("signing_commitments"), "/signing_commitments"));
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>();
    nonces.forEach((id, n) -> all.put(id, n.commitments()));
    all.put(key.serverId(), serverCommitments);
    SigningPackage<E> pkg = new SigningPackage<>(all, msg);

    recording.reset();
    HttpAnswer r2 =
        http.post(prefix + "/sign/round2/" + key.keyid(), client.signRound2Request(pkg));
    ThreadRecordingSuite.Counts counts = recording.counts();
    assertEquals(200, r2.status(), r2.body());
    SignatureShare share =
        read(r -> r.signatureShare(r2.json().get("signature_share"), "/signature_share"));
    frost
        .signing()
        .verifySignatureShare(
            key.serverId(),
            key.publicKeyPackage().verifyingShares().get(key.serverId()),
            share,
            pkg,
            key.publicKeyPackage().verifyingKey());
    // only the server's own nonce record (its two commitments) is decoded on the event loop
    assertTrue(counts.decodesOnEventLoop() <= 2, "decodings on the event loop: " + counts);
    assertEquals(0, counts.multipliesOnEventLoop(), "multiplications on the event loop: " + counts);
    assertTrue(counts.decodesElsewhere() >= 2 * CAP, "the package was decoded: " + counts);
  }

  /** The client's signature shares, z_i = d_i + e_i rho_i + lambda_i s_i c, sharing rho and c. */
  private SortedMap<Identifier, SignatureShare> clientShares(
      BigKey<E> key, SigningPackage<E> pkg, SortedMap<Identifier, SigningNonces<E>> nonces) {
    E vk = key.publicKeyPackage().verifyingKey();
    BindingFactors rho = frost.signing().bindingFactors(vk, pkg);
    BigInteger c =
        frost.signing().challenge(frost.signing().groupCommitment(pkg, rho), vk, pkg.message());
    BigInteger order = group.order();
    SortedMap<Identifier, SignatureShare> shares = new TreeMap<>();
    nonces.forEach(
        (id, n) -> {
          BigInteger lambda =
              Polynomial.lagrangeAtZero(pkg.signingCommitments().keySet(), id, order);
          BigInteger z =
              n.hidingNonce()
                  .add(n.bindingNonce().multiply(rho.of(id)))
                  .add(lambda.multiply(key.clientShares().get(id)).multiply(c))
                  .mod(order);
          shares.put(id, new SignatureShare(z));
        });
    return shares;
  }

  // ---- the key listing: paged, its decodings on workers ----

  @Test
  void keyListingIsPagedAndDecodesOnWorkers() throws Exception {
    FrostClient.Keys<E> made = client.dkg(http, "listed-000");
    StateRepository state = signer.server().context().state();
    KeyRecord<?> record =
        state
            .findKey(listed("listed-000"))
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    SortedSet<String> expected = new TreeSet<>(List.of(made.keyid()));
    for (int i = 1; i < 300; i++) {
      String keyid = String.format("listed-%03d", i);
      assertTrue(
          state
              .createKey(listed(keyid), record)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS));
      expected.add(keyid);
    }

    // the first page: the documented maximum of 100 whatever the limit asked, each key decoded on a
    // worker
    recording.reset();
    JsonNode first = http.get("/admin/keys?limit=1000").expect(200).json();
    ThreadRecordingSuite.Counts counts = recording.counts();
    assertEquals(100, first.path("keys").size(), "page size");
    assertEquals(0, counts.decodesOnEventLoop(), "key decodings on the event loop: " + counts);
    assertTrue(counts.decodesElsewhere() >= 99, "the keys were decoded: " + counts);

    // following next walks every key once, in order; without parameters the first page is the same
    assertEquals(first.path("keys"), http.get("/admin/keys").expect(200).json().path("keys"));
    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          http.get("/admin/keys?limit=40" + (cursor == null ? "" : "&cursor=" + cursor))
              .expect(200)
              .json();
      assertTrue(page.path("keys").size() <= 40, "page size");
      page.path("keys").forEach(k -> listed.add(k.path("keyid").asText()));
      cursor = page.path("next").isNull() ? null : page.path("next").asText();
      pages++;
    } while (cursor != null && pages < 100);
    assertEquals(
        new ArrayList<>(expected), listed.stream().filter(k -> k.startsWith("listed-")).toList());
    assertEquals(listed.size(), new TreeSet<>(listed).size(), "no key listed twice");
  }

  private static Call listed(String keyid) {
    return new Call(Tenants.OPEN_TENANT, keyid, "/test");
  }

  // ---- over the cap: 400 naming the field, nothing decoded ----

  private JsonNode jsonInvalid(
      HttpAnswer a, String route, String keyid, List<List<String>> expected) {
    JsonNode p =
        ProblemAssert.problem(
            a,
            400,
            "frost-request-json-invalid",
            "Frost request json invalid",
            prefix + route + "/" + keyid,
            List.of(),
            "url",
            "errors");
    assertEquals(expected, errors(p), "errors");
    return p;
  }

  @Test
  void signerCountsAboveTheCapAreRefused() {
    ObjectNode r1 = client.round1Request(client.dkgPart1(2, 3), 2, 3, false);
    r1.put("min_signers", CAP + 1);
    r1.put("max_signers", CAP + 1);
    jsonInvalid(
        http.post(prefix + "/dkg/round1/over-cap", r1),
        "/dkg/round1",
        "over-cap",
        List.of(
            error("/min_signers", "must be an integer from 2 to 255"),
            error("/max_signers", "must be an integer from 2 to 255")));
  }

  @Test
  void tooManyRoundOnePackagesAreRefusedBeforeDecoding() {
    SortedMap<Identifier, Dkg.Part1<E>> p1 = new TreeMap<>(clientPart1());
    p1.put(Identifier.of(CAP), frost.dkg().part1(Identifier.of(CAP), CAP + 1, 2, random));
    recording.reset();
    ObjectNode r1 = client.round1Request(p1, 2, CAP + 1, false);
    r1.remove("max_signers");
    HttpAnswer a = http.post(prefix + "/dkg/round1/too-many", r1);
    jsonInvalid(
        a,
        "/dkg/round1",
        "too-many",
        List.of(
            error(
                "/round1_packages",
                "has 255 packages; at most 254 are allowed (max_signers is at most 255)")));
    assertEquals(0, recording.counts().decodes(), "elements decoded");
  }

  @Test
  void tooLongCommitmentsAreRefusedBeforeDecoding() {
    Dkg.Part1<E> wide = frost.dkg().part1(Identifier.of(1), CAP + 1, CAP + 1, random);
    ObjectNode r1 = JsonNodeFactory.instance.objectNode();
    r1.putObject("round1_packages")
        .set(json.identifier(Identifier.of(1)), json.round1Package(wide.package_()));
    recording.reset();
    HttpAnswer a = http.post(prefix + "/dkg/round1/too-wide", r1);
    jsonInvalid(
        a,
        "/dkg/round1",
        "too-wide",
        List.of(
            error(
                "/round1_packages/" + json.identifier(Identifier.of(1)) + "/commitment",
                "has 256 coefficients; at most 255 are allowed (min_signers is at most 255)")));
    assertEquals(0, recording.counts().decodes(), "elements decoded");
  }

  @Test
  void signingPackagesAboveTheCapAreRefusedBeforeDecoding() {
    FrostClient.Keys<E> keys = client.dkg(http, "small-key");
    SigningCommitments<E> stray = frost.signing().commit(BigInteger.ONE, random).commitments();
    SortedMap<Identifier, SigningCommitments<E>> many = new TreeMap<>();
    for (int i = 1; i <= CAP + 1; i++) {
      many.put(Identifier.of(i + 2), stray);
    }
    String k = keys.keyid();
    // the key's own elements are decoded once, then cached: not part of what is counted below
    http.get(prefix + "/keys/" + k).expect(200);

    ObjectNode sign = JsonNodeFactory.instance.objectNode();
    sign.put("message", "AQ==");
    ObjectNode commitments = sign.putObject("signing_commitments");
    many.entrySet().stream()
        .limit(CAP)
        .forEach(
            e ->
                commitments.set(
                    json.identifier(e.getKey()), json.signingCommitments(e.getValue())));
    recording.reset();
    jsonInvalid(
        http.post(prefix + "/sign/" + k, sign),
        "/sign",
        k,
        List.of(
            error(
                "/signing_commitments",
                "has 255 entries; at most 254 are allowed (255 participants at most)")));
    assertEquals(0, recording.counts().decodes(), "elements decoded");

    SigningPackage<E> pkg = new SigningPackage<>(many, new byte[] {1});
    recording.reset();
    jsonInvalid(
        http.post(prefix + "/sign/round2/" + k, client.signRound2Request(pkg)),
        "/sign/round2",
        k,
        List.of(
            error(
                "/signing_package/signing_commitments",
                "has 256 entries; at most 255 are allowed (255 participants at most)")));
    assertEquals(0, recording.counts().decodes(), "elements decoded");

    ObjectNode agg = JsonNodeFactory.instance.objectNode();
    agg.set("signing_package", json.signingPackage(pkg));
    SortedMap<Identifier, SignatureShare> shares = new TreeMap<>();
    many.keySet().forEach(id -> shares.put(id, new SignatureShare(BigInteger.ONE)));
    agg.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    recording.reset();
    jsonInvalid(
        http.post(prefix + "/aggregate/" + k, agg),
        "/aggregate",
        k,
        List.of(
            error(
                "/signing_package/signing_commitments",
                "has 256 entries; at most 255 are allowed (255 participants at most)")));
    assertEquals(0, recording.counts().decodes(), "elements decoded");
  }
}
