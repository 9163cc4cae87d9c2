package dev.frostsandbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A wallet team's test suite against a service that has just been started
 * (benchmarks/cold-session.sh): waits for {@code /health/ready}, then, for one suite, 3 DKGs
 * (2-of-2, the client the other participant), 30 one-round signs, 10 two-round signs (round 1,
 * round 2, client aggregation) and 5 documented errors, checking every answer (each signature is
 * aggregated and verified by the client; each error's status and Problem type). Prints one line of
 * figures:
 *
 * <pre>
 * java -cp signer-ecdsa-schnorr.jar dev.frostsandbox.client.ColdSession --url http://127.0.0.1:8081 \
 *     --suite FROST-secp256k1-SHA256-v1[,SUITE...]|all [--launched-at EPOCH_MS] [--ready-timeout-ms 60000]
 * </pre>
 *
 * Times are counted from {@code --launched-at} (the service's launch, as the script records it),
 * else from this JVM's start (a later suite of the same run counts from the same origin). Exit
 * status 0 when everything answered as expected, 1 otherwise, 2 on a usage error.
 * scripts/cds-archive.sh runs it with {@code --suite all} as the class-data archive's training run.
 */
public final class ColdSession {

  static final int DKGS = 3;
  static final int ONE_ROUND = 30;
  static final int TWO_ROUNDS = 10;

  private final PrintStream out;
  private final long originNanos;
  private final Map<String, List<Long>> latencies = new LinkedHashMap<>();

  ColdSession(PrintStream out, long originEpochMs) {
    this.out = out;
    // nanoTime origin equivalent to the epoch origin (millisecond precision)
    this.originNanos =
        System.nanoTime() - (System.currentTimeMillis() - originEpochMs) * 1_000_000L;
  }

  public static void main(String[] args) {
    System.exit(run(System.out, args));
  }

  static int run(PrintStream out, String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        out.println("usage: ColdSession --url URL --suite SUITE [--launched-at EPOCH_MS]");
        return 2;
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0 || !opts.containsKey("url") || !opts.containsKey("suite")) {
      out.println(
          "usage: ColdSession --url URL --suite SUITE [--launched-at EPOCH_MS] [--ready-timeout-ms MS]");
      return 2;
    }
    List<ServiceDefinition> services = ServiceDefinition.available();
    List<String> suites =
        opts.get("suite").equals("all")
            ? services.stream().flatMap(s -> s.ciphersuites().stream()).toList()
            : List.of(opts.get("suite").split(","));
    for (String name : suites) {
      if (services.stream().noneMatch(s -> s.suite(name).isPresent())) {
        out.println("Unknown ciphersuite " + name + " on this class path");
        return 2;
      }
    }
    long origin =
        opts.containsKey("launched-at")
            ? Long.parseLong(opts.get("launched-at"))
            : ProcessHandle.current()
                .info()
                .startInstant()
                .map(Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
    SignerHttp http = new SignerHttp(opts.get("url"));
    long readyTimeout = Long.parseLong(opts.getOrDefault("ready-timeout-ms", "60000"));
    for (String name : suites) {
      ServiceDefinition service =
          services.stream().filter(s -> s.suite(name).isPresent()).findFirst().orElseThrow();
      try {
        new ColdSession(out, origin)
            .session(http, service, service.suite(name).orElseThrow(), readyTimeout);
      } catch (RuntimeException e) {
        out.println("FAILED " + name + ": " + e);
        return 1;
      }
    }
    return 0;
  }

  private long sinceOrigin() {
    return System.nanoTime() - originNanos;
  }

  private void record(String kind, long startNanos) {
    latencies.computeIfAbsent(kind, k -> new ArrayList<>()).add(System.nanoTime() - startNanos);
  }

  private <E> void session(
      SignerHttp http, ServiceDefinition service, SuiteBinding<E> suite, long readyTimeoutMs) {
    long clientStart = sinceOrigin();
    long ready = waitReady(http, readyTimeoutMs);
    FrostClient<E> client = new FrostClient<>(suite.frost(), service.prefix(), new SecureRandom());
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<FrostClient.Keys<E>> keys = new ArrayList<>();
    for (int i = 0; i < DKGS; i++) {
      long t = System.nanoTime();
      keys.add(client.dkg(http, "cold-" + run + "-" + i));
      record("dkg", t);
    }
    List<Identifier> signers = client.defaultSigners(keys.get(0));
    for (int i = 0; i < ONE_ROUND; i++) {
      FrostClient.Keys<E> k = keys.get(i % DKGS);
      byte[] message = ("one-round " + i).getBytes(StandardCharsets.UTF_8);
      long t = System.nanoTime();
      Signature<E> sig = client.signOneRound(http, k, message, signers);
      record("sign", t);
      verified(client, k, message, sig);
    }
    SigningPackage<E> spent = null;
    SortedMap<Identifier, SignatureShare> spentShares = null;
    for (int i = 0; i < TWO_ROUNDS; i++) {
      FrostClient.Keys<E> k = keys.get(i % DKGS);
      byte[] message = ("two-rounds " + i).getBytes(StandardCharsets.UTF_8);
      long t = System.nanoTime();
      SortedMap<Identifier, SigningNonces<E>> nonces = client.newNonces(k, signers);
      SigningPackage<E> pkg = client.signRound1(http, k, message, nonces);
      SignatureShare serverShare = client.signRound2(http, k, pkg);
      Signature<E> sig = client.aggregateLocally(k, pkg, nonces, serverShare);
      record("sign2", t);
      verified(client, k, message, sig);
      if (i % DKGS == 0) {
        spent = pkg;
        spentShares = client.clientShares(k, pkg, nonces);
        spentShares.put(k.serverId(), serverShare);
      }
    }
    errors(http, service, suite, client, keys.get(0), spent, spentShares);
    long last = sinceOrigin();
    report(suite.ciphersuite(), clientStart, ready, last);
  }

  private <E> void verified(
      FrostClient<E> client, FrostClient.Keys<E> keys, byte[] message, Signature<E> sig) {
    if (!client.verify(keys, message, sig)) {
      throw new IllegalStateException("a signature did not verify");
    }
  }

  /** Polls /health/ready until 200: connection refused while the service starts. */
  private long waitReady(SignerHttp http, long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (true) {
      try {
        if (http.get("/health/ready").status() == 200) {
          return sinceOrigin();
        }
      } catch (java.io.UncheckedIOException notYet) {
        // refused (or reset) while the service starts: ask again
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not ready after " + timeoutMs + " ms");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
    }
  }

  /**
   * Five documented errors (docs/error-catalogue.md), each checked for its status and type: an
   * unknown key, a body that is not JSON, a DKG round 2 without round 1, a sign/round2 whose nonces
   * were used, and an aggregate with a wrong share (the suite's internal error naming the culprit).
   */
  private <E> void errors(
      SignerHttp http,
      ServiceDefinition service,
      SuiteBinding<E> suite,
      FrostClient<E> client,
      FrostClient.Keys<E> keys,
      SigningPackage<E> spent,
      SortedMap<Identifier, SignatureShare> spentShares) {
    String prefix = service.prefix();
    long t = System.nanoTime();
    problem(http.get(prefix + "/keys/cold-unknown-key"), Catalogue.NO_KEY_FOUND);
    record("error", t);
    t = System.nanoTime();
    problem(
        http.post(prefix + "/sign/" + keys.keyid(), "{\"message\": ", "application/json"),
        Catalogue.FROST_REQUEST_JSON_INVALID);
    record("error", t);
    t = System.nanoTime();
    problem(
        http.post(prefix + "/dkg/round2/cold-no-round-" + keys.keyid(), emptyRound2()),
        Catalogue.NO_DKG_ROUND_FOUND);
    record("error", t);
    t = System.nanoTime();
    problem(
        http.post(client.signRound2Path(keys), client.signRound2Request(spent)),
        Catalogue.NO_SIGNING_ROUND_FOUND);
    record("error", t);
    // the client's share replaced by the server's: cheater detection names the client (1)
    SortedMap<Identifier, SignatureShare> bad = new TreeMap<>(spentShares);
    Identifier culprit = spentShares.firstKey();
    bad.put(culprit, spentShares.get(keys.serverId()));
    ObjectNode body = dev.frostsandbox.frost.json.FrostJson.MAPPER.createObjectNode();
    body.set("signing_package", client.frost().json().signingPackage(spent));
    body.set(
        "signature_shares",
        client.frost().json().identifierMap(bad, client.frost().json()::signatureShare));
    t = System.nanoTime();
    JsonNode p =
        problem(http.post(prefix + "/aggregate/" + keys.keyid(), body), suite.internalError());
    record("error", t);
    String named = p.path("culprit").asText();
    if (!named.equals(client.frost().json().identifier(culprit))) {
      throw new IllegalStateException("the bad share's culprit is not named: " + p);
    }
  }

  private static ObjectNode emptyRound2() {
    ObjectNode body = dev.frostsandbox.frost.json.FrostJson.MAPPER.createObjectNode();
    body.putObject("round2_packages");
    return body;
  }

  private static JsonNode problem(HttpAnswer a, ProblemType expected) {
    JsonNode json = a.json();
    String type = json == null ? "" : json.path("type").asText();
    if (a.status() != expected.status() || !type.endsWith("#" + expected.slug())) {
      throw new IllegalStateException(
          "expected "
              + expected.status()
              + " "
              + expected.slug()
              + ", got "
              + a.status()
              + ": "
              + a.body());
    }
    String contentType = a.header("content-type");
    if (contentType == null || !contentType.startsWith("application/problem+json")) {
      throw new IllegalStateException("a problem answered as " + contentType);
    }
    return json;
  }

  private void report(String suite, long clientStart, long ready, long last) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "cold-session suite=%s wall_ms=%d ready_ms=%d client_main_ms=%d client_cpu_ms=%d",
            suite,
            ms(last),
            ms(ready),
            ms(clientStart),
            ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(java.time.Duration::toMillis)
                .orElse(-1L)));
    latencies.forEach(
        (kind, list) -> {
          long[] v = list.stream().mapToLong(Long::longValue).sorted().toArray();
          b.append(
              String.format(
                  Locale.ROOT,
                  " %s_n=%d %s_p50_ms=%.1f %s_max_ms=%.1f",
                  kind,
                  v.length,
                  kind,
                  v[(v.length - 1) / 2] / 1e6,
                  kind,
                  Arrays.stream(v).max().orElse(0) / 1e6));
        });
    out.println(b);
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000L;
  }
}
