package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.fault.FaultHeaders;
import dev.frostsandbox.signer.relay.RelayScheme;
import dev.frostsandbox.store.MemoryStore;
import io.vertx.core.Context;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The relay ({@code POST /v1<prefix>/relay}, also {@code <prefix>/relay}) end to end over HTTP, for
 * one suite and one store: a payload signed through the service relays once, every real failure
 * (signature, replay, unknown key, invalid body) and every injected one (headers and admin rules)
 * answers its catalogue entry member by member, and failures leave the relay state as it was. The
 * expected values come from this class, not from the service: the message layout, Keccak-256
 * ({@link TestKeccak}), the ABI encoding of each revert and the account address ({@link
 * AccountOf}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RelayContract<E> extends SuiteContract<E> {

  /** The account address (20 bytes) of a serialized group verifying key, computed independently. */
  @FunctionalInterface
  public interface AccountOf {
    byte[] address(byte[] verifyingKey);
  }

  static final long RELAY_TIMEOUT_MS = 300;

  /** The documented maximum payload (docs/api.md, "Relay"). */
  static final int MAX_PAYLOAD_BYTES = 24_576;

  private static final String DOMAIN = "frost-sandbox-relay-v1";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AccountOf accountOf;
  private final Map<String, String> env = new HashMap<>();
  private TestSigner signer;
  private TestSigner second; // Redis only: another instance sharing the store
  private SignerHttp http;
  private FrostClient<E> client;
  private String v1Path;
  private String prefixPath;

  /**
   * The suite and store arrive per invocation of the module's {@code @ParameterizedClass}; see
   * {@link SuiteContract}.
   */
  protected RelayContract(AccountOf accountOf) {
    this.accountOf = accountOf;
  }

  @BeforeParameterizedClassInvocation
  void start() {
    env.clear();
    env.putAll(storeEnv());
    env.put("SIGNER_FAULTS_ENABLED", "true");
    env.put("SIGNER_RELAY_TIMEOUT_MS", Long.toString(RELAY_TIMEOUT_MS));
    signer = TestSigner.start(definition(), env);
    if (store() == StoreMode.REDIS) {
      second = TestSigner.start(definition(), env);
    }
    http = signer.http();
    client = new FrostClient<>(suite().frost(), definition().prefix(), new SecureRandom());
    v1Path = "/v1" + definition().prefix() + "/relay";
    prefixPath = definition().prefix() + "/relay";
  }

  @AfterParameterizedClassInvocation
  void stop() {
    for (TestSigner s : new TestSigner[] {signer, second}) {
      if (s != null) {
        s.close();
      }
    }
    signer = null;
    second = null;
  }

  @AfterEach
  void removeRules() {
    assertEquals(204, http.delete("/admin/faults").status());
  }

  // ---- what the client does, written from docs/api.md ----

  private FrostClient.Keys<E> newKey(SignerHttp h) {
    return client.dkg(h, "relay-" + UUID.randomUUID().toString().replace("-", ""));
  }

  private FrostClient.Keys<E> newKey() {
    return newKey(http);
  }

  /** "frost-sandbox-relay-v1" || uint16_be(len(keyid)) || keyid || payload. */
  static byte[] message(String keyid, byte[] payload) {
    byte[] domain = DOMAIN.getBytes(StandardCharsets.US_ASCII);
    byte[] id = keyid.getBytes(StandardCharsets.US_ASCII);
    byte[] m = new byte[domain.length + 2 + id.length + payload.length];
    System.arraycopy(domain, 0, m, 0, domain.length);
    m[domain.length] = (byte) (id.length >> 8);
    m[domain.length + 1] = (byte) id.length;
    System.arraycopy(id, 0, m, domain.length + 2, id.length);
    System.arraycopy(payload, 0, m, domain.length + 2 + id.length, payload.length);
    return m;
  }

  /** A FROST signature of {@code message} by the key, made with the server in one round trip. */
  private byte[] sign(SignerHttp h, FrostClient.Keys<E> keys, byte[] message) {
    Signature<E> sig = client.signOneRound(h, keys, message, client.defaultSigners(keys));
    return suite().frost().suite().serializeSignature(sig);
  }

  private byte[] signRelay(FrostClient.Keys<E> keys, byte[] payload) {
    return sign(http, keys, message(keys.keyid(), payload));
  }

  private static byte[] payload() {
    byte[] p = new byte[40 + RANDOM.nextInt(80)];
    RANDOM.nextBytes(p);
    return p;
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static ObjectNode body(String keyid, String payload, String signature) {
    ObjectNode o = FrostJson.MAPPER.createObjectNode();
    o.put("keyid", keyid);
    o.put("payload", payload);
    o.put("signature", signature);
    return o;
  }

  private static ObjectNode body(String keyid, byte[] payload, byte[] signature) {
    return body(keyid, "0x" + hex(payload), "0x" + hex(signature));
  }

  private static SignerHttp with(SignerHttp h, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      h.header(headers[i], headers[i + 1]);
    }
    return h;
  }

  private String account(FrostClient.Keys<E> keys) {
    byte[] vk = suite().frost().group().serializeElement(keys.publicKeyPackage().verifyingKey());
    byte[] a = accountOf.address(vk);
    assertEquals(20, a.length, "an address is 20 bytes");
    return "0x" + hex(a);
  }

  /** The client's signing shares: no answer may carry them. */
  private List<String> secrets(FrostClient.Keys<E> keys) {
    List<String> s = new ArrayList<>();
    keys.clientKeys().values().forEach(k -> s.add(suite().frost().json().scalar(k.signingShare())));
    return s;
  }

  // ---- ABI, by hand ----

  private static String word(long v) {
    String h = Long.toHexString(v);
    return "0".repeat(64 - h.length()) + h;
  }

  private static String addressWord(String account) {
    return "0".repeat(24) + account.substring(2);
  }

  private static String stringArg(String s) {
    String data = hex(s.getBytes(StandardCharsets.UTF_8));
    int padded = (data.length() + 63) / 64 * 64;
    return word(32)
        + word(s.getBytes(StandardCharsets.UTF_8).length)
        + data
        + "0".repeat(padded - data.length());
  }

  private static String revertData(String signature, String... words) {
    return "0x" + hex(TestKeccak.selector(signature)) + String.join("", words);
  }

  // ---- answers ----

  private void assertRelayed(
      HttpAnswer a, FrostClient.Keys<E> keys, byte[] payload, byte[] signature, long nonce) {
    assertEquals(200, a.status(), a.body());
    assertEquals("application/json", a.header("Content-Type"));
    JsonNode b = a.json();
    assertEquals(Set.of("tx_hash", "keyid", "ciphersuite", "account", "relay_nonce"), names(b));
    byte[] preimage = new byte[payload.length + signature.length];
    System.arraycopy(payload, 0, preimage, 0, payload.length);
    System.arraycopy(signature, 0, preimage, payload.length, signature.length);
    assertEquals(
        "0x" + hex(TestKeccak.keccak256(preimage)),
        b.get("tx_hash").asText(),
        "tx_hash = Keccak-256(payload || signature)");
    assertEquals(keys.keyid(), b.get("keyid").asText());
    assertEquals(suite().ciphersuite(), b.get("ciphersuite").asText());
    assertEquals(account(keys), b.get("account").asText());
    assertTrue(b.get("relay_nonce").isIntegralNumber());
    assertEquals(nonce, b.get("relay_nonce").asLong(), "relay nonce after this relay");
  }

  private static Set<String> names(JsonNode o) {
    Set<String> n = new TreeSet<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      n.add(it.next());
    }
    return n;
  }

  private JsonNode assertRevert(
      HttpAnswer a,
      String path,
      String slug,
      String title,
      FrostClient.Keys<E> keys,
      String reason,
      String revertData,
      String injected) {
    JsonNode p =
        ProblemAssert.problem(
            a, 422, slug, title, path, secrets(keys), "keyid", "account", "reason", "revert_data");
    assertEquals(keys.keyid(), p.get("keyid").asText());
    assertEquals(account(keys), p.get("account").asText());
    assertEquals(reason, p.get("reason").asText());
    assertEquals("execution reverted: " + reason, p.get("detail").asText());
    assertEquals(revertData, p.get("revert_data").asText());
    assertEquals(injected, a.header(FaultHeaders.INJECTED), "X-Fault-Injected");
    return p;
  }

  private void assertSignatureRevert(
      HttpAnswer a, String path, FrostClient.Keys<E> keys, String injected) {
    String acc = account(keys);
    assertRevert(
        a,
        path,
        "invalid-relay-signature",
        "Invalid relay signature",
        keys,
        "InvalidRelaySignature(" + acc + ")",
        revertData("InvalidRelaySignature(address)", addressWord(acc)),
        injected);
  }

  private void assertNonceRevert(
      HttpAnswer a, String path, FrostClient.Keys<E> keys, long nonce, String injected) {
    String acc = account(keys);
    assertRevert(
        a,
        path,
        "invalid-account-nonce",
        "Invalid account nonce",
        keys,
        "InvalidAccountNonce(" + acc + ", " + nonce + ")",
        revertData("InvalidAccountNonce(address,uint256)", addressWord(acc), word(nonce)),
        injected);
  }

  /** The payload relays now, as the account's first: nothing was claimed or counted before. */
  private void assertStillFirst(FrostClient.Keys<E> keys, byte[] payload, byte[] signature) {
    assertRelayed(
        http.post(v1Path, body(keys.keyid(), payload, signature)), keys, payload, signature, 1);
  }

  // ---- success ----

  @Test
  void aSignedPayloadRelaysAtTheDocumentedPathAndUnderThePrefix() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p1 = payload();
    byte[] s1 = signRelay(keys, p1);
    assertRelayed(http.post(v1Path, body(keys.keyid(), p1, s1)), keys, p1, s1, 1);
    // the same endpoint under the service prefix; hex without 0x and in upper case is accepted
    byte[] p2 = payload();
    byte[] s2 = signRelay(keys, p2);
    HttpAnswer a =
        http.post(
            prefixPath,
            body(
                keys.keyid(),
                hex(p2).toUpperCase(Locale.ROOT),
                "0X" + hex(s2).toUpperCase(Locale.ROOT)));
    assertRelayed(a, keys, p2, s2, 2);
  }

  /**
   * Alice and bob hold the same keyid and relay the same payload bytes: relay state is per tenant
   * (it is keyed by keyid, so shared state would answer bob's relay with the nonce revert).
   */
  @Test
  void relayStateIsPerTenant() {
    Map<String, String> e = new HashMap<>(env);
    e.put("SIGNER_API_KEYS", "alice=relay-alice-key,bob=relay-bob-key");
    try (TestSigner tenants = TestSigner.start(definition(), e)) {
      SignerHttp alice = with(tenants.http(), "x-api-key", "relay-alice-key");
      SignerHttp bob = with(tenants.http(), "x-api-key", "relay-bob-key");
      String keyid = "relay-" + UUID.randomUUID().toString().replace("-", "");
      FrostClient.Keys<E> aliceKey = client.dkg(alice, keyid);
      byte[] p = payload();
      byte[] s = sign(alice, aliceKey, message(keyid, p));
      assertRelayed(alice.post(v1Path, body(keyid, p, s)), aliceKey, p, s, 1);
      // bob sees neither alice's key nor her relays
      HttpAnswer none = bob.post(v1Path, body(keyid, p, s));
      ProblemAssert.problem(
          none, 404, "no-key-found", "No key found", v1Path, secrets(aliceKey), "keyid");
      FrostClient.Keys<E> bobKey = client.dkg(bob, keyid);
      byte[] sb = sign(bob, bobKey, message(keyid, p));
      assertRelayed(bob.post(v1Path, body(keyid, p, sb)), bobKey, p, sb, 1);
      assertNonceRevert(alice.post(v1Path, body(keyid, p, s)), v1Path, aliceKey, 1, null);
      assertEquals(
          401,
          tenants.http().post(v1Path, body(keyid, p, s)).status(),
          "credentials are checked on the relay");
    }
  }

  // ---- relay state in the store ----

  /** Every store key the relay or the key left for a keyid, read from the store itself. */
  private List<String> storeKeysOf(String keyid) {
    if (store() == StoreMode.MEMORY) {
      return ((MemoryStore) signer.server().store())
          .keys().stream().filter(k -> k.contains(keyid)).sorted().toList();
    }
    try (RedisProbe probe = new RedisProbe(RedisHarness.shared().url())) {
      return probe.keys("*" + keyid + "*").stream().sorted().toList();
    }
  }

  @Test
  void relayStateGoesWithTheKeyAndAKeyCreatedAgainStartsAtNonceZero() {
    FrostClient.Keys<E> keys = newKey();
    String keyid = keys.keyid();
    byte[] p1 = payload();
    byte[] s1 = signRelay(keys, p1);
    assertRelayed(http.post(v1Path, body(keyid, p1, s1)), keys, p1, s1, 1);
    byte[] p2 = payload();
    byte[] s2 = signRelay(keys, p2);
    assertRelayed(http.post(v1Path, body(keyid, p2, s2)), keys, p2, s2, 2);
    List<String> before = storeKeysOf(keyid);
    assertTrue(
        before.stream().anyMatch(k -> k.endsWith(":relayed")),
        "the relay state is in the store: " + before);
    if (store() == StoreMode.REDIS) {
      try (RedisProbe probe = new RedisProbe(RedisHarness.shared().url())) {
        // one entry per key, whatever the number of payloads
        assertEquals(2, before.size(), "the key and its relay state: " + before);
        String relayed =
            before.stream().filter(k -> k.endsWith(":relayed")).findFirst().orElseThrow();
        assertEquals(2L, probe.send(io.vertx.redis.client.Command.SCARD, relayed).toLong());
      }
    }

    assertEquals(204, http.delete(definition().prefix() + "/keys/" + keyid).status());
    assertEquals(List.of(), storeKeysOf(keyid), "nothing of the key or its relays is left");

    // the same keyid again: a new key, whose account relayed nothing yet
    FrostClient.Keys<E> again = client.dkg(http, keyid);
    byte[] s1again = signRelay(again, p1);
    assertRelayed(http.post(v1Path, body(keyid, p1, s1again)), again, p1, s1again, 1);
  }

  @Test
  void aKeyRelaysAtMostSignerRelayMaxPayloads() {
    Map<String, String> e = new HashMap<>(env);
    e.put("SIGNER_RELAY_MAX_PAYLOADS", "2");
    try (TestSigner capped = TestSigner.start(definition(), e)) {
      SignerHttp h = capped.http();
      FrostClient.Keys<E> keys = newKey(h);
      String keyid = keys.keyid();
      byte[][] p = {payload(), payload(), payload()};
      byte[][] sig = new byte[3][];
      for (int i = 0; i < 3; i++) {
        sig[i] = sign(h, keys, message(keyid, p[i]));
      }
      assertRelayed(h.post(v1Path, body(keyid, p[0], sig[0])), keys, p[0], sig[0], 1);
      assertRelayed(h.post(v1Path, body(keyid, p[1], sig[1])), keys, p[1], sig[1], 2);
      HttpAnswer full = h.post(v1Path, body(keyid, p[2], sig[2]));
      JsonNode problem =
          ProblemAssert.problem(
              full,
              422,
              null,
              "Unprocessable Content",
              v1Path,
              secrets(keys),
              "keyid",
              "account",
              "limit");
      assertEquals(keyid, problem.get("keyid").asText());
      assertEquals(account(keys), problem.get("account").asText());
      assertEquals(2, problem.get("limit").asInt());
      assertEquals(
          "Key "
              + keyid
              + " has relayed 2 payloads, the most one key may relay (SIGNER_RELAY_MAX_PAYLOADS):"
              + " relay with another key",
          problem.get("detail").asText());
      // a payload relayed before still gets the nonce revert
      assertNonceRevert(h.post(v1Path, body(keyid, p[0], sig[0])), v1Path, keys, 2, null);
      // the cap is per key: after the key is deleted, the keyid relays again
      assertEquals(204, h.delete(definition().prefix() + "/keys/" + keyid).status());
      FrostClient.Keys<E> again = client.dkg(h, keyid);
      byte[] s = sign(h, again, message(keyid, p[2]));
      assertRelayed(h.post(v1Path, body(keyid, p[2], s)), again, p[2], s, 1);
    }
  }

  // ---- the event loop ----

  /**
   * The suite with its relay scheme observed: whether each signature check ran on an event loop.
   */
  private static <X> SuiteBinding<X> observed(SuiteBinding<X> suite, List<Boolean> onEventLoop) {
    RelayScheme<X> r = suite.relay();
    if (r == null) {
      return suite;
    }
    return new SuiteBinding<>(
        suite.frost(),
        suite.internalError(),
        new RelayScheme<X>() {
          @Override
          public byte[] account(Frost<X> frost, X verifyingKey) {
            return r.account(frost, verifyingKey);
          }

          @Override
          public byte[] message(String keyid, byte[] payload) {
            return r.message(keyid, payload);
          }

          @Override
          public boolean verify(Frost<X> frost, byte[] message, byte[] signature, X verifyingKey) {
            onEventLoop.add(Context.isOnEventLoopThread());
            return r.verify(frost, message, signature, verifyingKey);
          }
        });
  }

  @Test
  void aPayloadOfTheMaximumSizeIsVerifiedOffTheEventLoop() {
    List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    ServiceDefinition d = definition();
    ServiceDefinition watched =
        new ServiceDefinition(
            d.name(),
            d.prefix(),
            d.keyKind(),
            d.suites().stream().<SuiteBinding<?>>map(s -> observed(s, onEventLoop)).toList(),
            d.defaultPort());
    try (TestSigner s = TestSigner.start(watched, env)) {
      SignerHttp h = s.http();
      FrostClient.Keys<E> keys = newKey(h);
      byte[] p = new byte[MAX_PAYLOAD_BYTES];
      RANDOM.nextBytes(p);
      byte[] sig = sign(h, keys, message(keys.keyid(), p));
      assertRelayed(h.post(v1Path, body(keys.keyid(), p, sig)), keys, p, sig, 1);
      assertSignatureRevert(
          h.post(v1Path, body(keys.keyid(), p, new byte[65])), v1Path, keys, null);
      assertEquals(2, onEventLoop.size(), "each relay checked its signature once");
      assertEquals(
          List.of(false, false),
          onEventLoop,
          "signatures are checked on a worker thread, not an event loop");
    }
  }

  // ---- configuration ----

  @Test
  void aRelayTimeoutNotBelowTheRequestTimeoutIsRefusedAtStart() {
    Map<String, String> e = new HashMap<>(env);
    e.put("SIGNER_REQUEST_TIMEOUT_MS", Long.toString(RELAY_TIMEOUT_MS));
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> TestSigner.start(definition(), e));
    String message = messages(refused);
    assertTrue(
        message.contains(
            "SIGNER_RELAY_TIMEOUT_MS ("
                + RELAY_TIMEOUT_MS
                + ") must be below SIGNER_REQUEST_TIMEOUT_MS ("
                + RELAY_TIMEOUT_MS
                + ")"),
        message);
    // one millisecond more is enough
    e.put("SIGNER_REQUEST_TIMEOUT_MS", Long.toString(RELAY_TIMEOUT_MS + 1));
    try (TestSigner started = TestSigner.start(definition(), e)) {
      assertEquals(200, started.http().get("/health/live").status());
    }
  }

  @Test
  void aRelayTimeoutEndingAfterTheRequestTimeoutAnswersNothingMore() {
    Map<String, String> e = new HashMap<>(env);
    // the fault's delay ends 1 s before the request's deadline, then the relay's timer starts and
    // would end 1 s after it: margins for a loaded CI host (500 ms, once, was not enough)
    e.put("SIGNER_REQUEST_TIMEOUT_MS", "3000");
    e.put("SIGNER_RELAY_TIMEOUT_MS", "2000");
    // one event loop: the second relay's timer runs after the first's, so counting the answers
    // once the second is answered sees the first one's too
    e.put("SIGNER_EVENT_LOOPS", "1");
    try (LogCapture renderer = LogCapture.of(ProblemRenderer.class, Level.ALL);
        TestSigner s = TestSigner.start(definition(), e)) {
      FrostClient.Keys<E> keys = newKey(s.http());
      byte[] p = payload();
      ObjectNode b = body(keys.keyid(), p, sign(s.http(), keys, message(keys.keyid(), p)));
      // delayed so that the relay timeout ends after the request timeout: the request's 503 is the
      // answer
      long sent = System.nanoTime();
      HttpAnswer late =
          with(s.http(), FaultHeaders.FAULT, "relay-timeout", FaultHeaders.DELAY, "2000")
              .post(v1Path, b);
      long tookMs = (System.nanoTime() - sent) / 1_000_000;
      // the status first, with the timing and the injected faults in the message
      assertEquals(
          503,
          late.status(),
          "answered after "
              + tookMs
              + " ms, injected: "
              + late.header(FaultHeaders.INJECTED)
              + ", "
              + late.body());
      ProblemAssert.problem(late, 503, null, "Service Unavailable", v1Path, secrets(keys));
      // sent now, this one's relay timeout ends after the first one's would have: only this one is
      // answered
      assertEquals(
          504, with(s.http(), FaultHeaders.FAULT, "relay-timeout").post(v1Path, b).status());
      List<String> answered = renderer.startingWith("Problem relay-timeout");
      assertEquals(
          1, answered.size(), "the first relay timeout answers nothing after the 503: " + answered);
      assertTrue(answered.get(0).startsWith("Problem relay-timeout 504 on POST "), answered.get(0));
    }
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      b.append(c.getMessage()).append(" | ");
    }
    return b.toString();
  }

  // ---- the journal ----

  @Test
  void theJournalNamesTheKeyidOfEachRelay() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    byte[] s = signRelay(keys, p);
    assertRelayed(http.post(v1Path, body(keys.keyid(), p, s)), keys, p, s, 1);
    assertNonceRevert(http.post(prefixPath, body(keys.keyid(), p, s)), prefixPath, keys, 1, null);
    // entries are added when a request ends, after its answer: wait for both
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<String> seen = journaled(keys.keyid());
    while (seen.size() < 2 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      seen = journaled(keys.keyid());
    }
    assertEquals(List.of(prefixPath + " 422", v1Path + " 200"), seen);
  }

  /** "path status" of the journal's relay entries of a keyid, newest first. */
  private List<String> journaled(String keyid) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : http.get("/admin/requests").expect(200).json().path("requests")) {
      if (keyid.equals(e.path("keyid").asText(null))
          && e.path("path").asText().endsWith("/relay")) {
        out.add(e.path("path").asText() + " " + e.path("status").asInt());
      }
    }
    return out;
  }

  // ---- real failures ----

  @Test
  void aSignatureThatDoesNotVerifyRevertsAndCountsNothing() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    byte[] good = signRelay(keys, p);
    List<byte[]> bad = new ArrayList<>();
    bad.add(signRelay(keys, payload())); // another payload's
    bad.add(sign(http, keys, p)); // the bare payload, without the relay message
    bad.add(sign(http, keys, message(keys.keyid() + "x", p))); // another keyid in the message
    FrostClient.Keys<E> other = newKey();
    bad.add(sign(http, other, message(keys.keyid(), p))); // another key's
    bad.add(java.util.Arrays.copyOf(good, good.length - 1)); // cut short
    byte[] flipped = good.clone();
    flipped[flipped.length - 1] ^= 1;
    bad.add(flipped); // z changed
    bad.add(new byte[] {1, 2, 3}); // not a signature at all
    for (byte[] s : bad) {
      assertSignatureRevert(http.post(v1Path, body(keys.keyid(), p, s)), v1Path, keys, null);
    }
    assertStillFirst(keys, p, good);
  }

  @Test
  void aPayloadRelayedTwiceRevertsWithTheAccountNonce() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    byte[] s = signRelay(keys, p);
    assertRelayed(http.post(v1Path, body(keys.keyid(), p, s)), keys, p, s, 1);
    assertNonceRevert(http.post(v1Path, body(keys.keyid(), p, s)), v1Path, keys, 1, null);
    // signed afresh, and under the other path: the payload is what was used
    byte[] again = signRelay(keys, p);
    assertNonceRevert(
        http.post(prefixPath, body(keys.keyid(), p, again)), prefixPath, keys, 1, null);
    byte[] p2 = payload();
    byte[] s2 = signRelay(keys, p2);
    assertRelayed(http.post(v1Path, body(keys.keyid(), p2, s2)), keys, p2, s2, 2);
    assertNonceRevert(http.post(v1Path, body(keys.keyid(), p, again)), v1Path, keys, 2, null);
  }

  @Test
  void ofConcurrentRelaysOfOnePayloadExactlyOneSucceeds() throws Exception {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    byte[] s = signRelay(keys, p);
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpAnswer>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // with Redis, half go to another instance sharing the store
        SignerHttp h = second != null && i % 2 == 1 ? second.http() : signer.http();
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return h.post(v1Path, body(keys.keyid(), p, s));
                }));
      }
      go.countDown();
      int ok = 0;
      for (Future<HttpAnswer> f : answers) {
        HttpAnswer a = f.get(60, TimeUnit.SECONDS);
        if (a.status() == 200) {
          ok++;
          assertRelayed(a, keys, p, s, 1);
        } else {
          assertEquals(422, a.status(), a.body());
          assertEquals(
              ProblemAssert.TYPE_BASE + "invalid-account-nonce",
              a.json().path("type").asText(),
              a.body());
        }
      }
      assertEquals(1, ok, "exactly one relay of the payload succeeds");
    } finally {
      pool.shutdownNow();
    }
    byte[] p2 = payload();
    byte[] s2 = signRelay(keys, p2);
    assertRelayed(http.post(v1Path, body(keys.keyid(), p2, s2)), keys, p2, s2, 2);
  }

  @Test
  void anUnknownKeyIsNoKeyFound() {
    String keyid = "relay-missing-" + UUID.randomUUID().toString().replace("-", "");
    HttpAnswer a = http.post(v1Path, body(keyid, payload(), new byte[65]));
    JsonNode p =
        ProblemAssert.problem(a, 404, "no-key-found", "No key found", v1Path, List.of(), "keyid");
    assertEquals(keyid, p.get("keyid").asText());
    assertEquals(
        "Cannot find an " + target().keyKind() + " key with id: " + keyid,
        p.get("detail").asText());
  }

  @Test
  void invalidBodiesAreFrostRequestJsonInvalid() {
    String k = "relay-any";
    Object[][] cases = {
      {
        "{}",
        List.of(
            ProblemAssert.error("/keyid", "is required"),
            ProblemAssert.error("/payload", "is required"),
            ProblemAssert.error("/signature", "is required"))
      },
      {
        body(k, "0xzz", "0x00").toString(),
        List.of(ProblemAssert.error("/payload", "must be a hex string (0x optional)"))
      },
      {
        body(k, "0xabc", "0x00").toString(),
        List.of(ProblemAssert.error("/payload", "must be a hex string (0x optional)"))
      },
      {
        body(k, "0x", "").toString(),
        List.of(
            ProblemAssert.error("/payload", "must not be empty"),
            ProblemAssert.error("/signature", "must not be empty"))
      },
      {
        body("bad id", "0x00", "0x00").toString(),
        List.of(ProblemAssert.error("/keyid", "must be 1 to 128 characters of [A-Za-z0-9._:-]"))
      },
      {
        "{\"keyid\":7,\"payload\":[1],\"signature\":\"00\"}",
        List.of(
            ProblemAssert.error("/keyid", "must be 1 to 128 characters of [A-Za-z0-9._:-]"),
            ProblemAssert.error("/payload", "must be a hex string (0x optional)"))
      },
      {
        body(k, "0x00", "0x00").put("nonce", 1).toString(),
        List.of(ProblemAssert.error("/nonce", "unknown field"))
      },
      {
        body(k, "0x" + "00".repeat(MAX_PAYLOAD_BYTES + 1), "0x" + "00".repeat(1025)).toString(),
        List.of(
            ProblemAssert.error("/payload", "must be at most " + MAX_PAYLOAD_BYTES + " bytes"),
            ProblemAssert.error("/signature", "must be at most 1024 bytes"))
      },
      {"[]", List.of(ProblemAssert.error("", "the body must be a JSON object"))},
    };
    for (String path : List.of(v1Path, prefixPath)) {
      for (Object[] c : cases) {
        HttpAnswer a = http.post(path, (String) c[0], "application/json");
        JsonNode p =
            ProblemAssert.problem(
                a,
                400,
                "frost-request-json-invalid",
                "Frost request json invalid",
                path,
                List.of(),
                "url",
                "errors");
        assertEquals(path, p.get("url").asText(), "url is the route path");
        assertEquals(c[1], ProblemAssert.errors(p), (String) c[0]);
      }
      assertEquals(415, http.post(path, "{}", "text/plain").status());
      assertEquals(405, http.get(path).status());
    }
  }

  // ---- injected failures ----

  @Test
  void injectedRevertsCarryTheirCustomErrorsAndLeaveNoState() {
    FrostClient.Keys<E> keys = newKey();
    String acc = account(keys);
    byte[] p = payload();
    byte[] s = signRelay(keys, p);
    ObjectNode b = body(keys.keyid(), p, s);
    assertRevert(
        with(signer.http(), FaultHeaders.FAULT, "insufficient-funds").post(v1Path, b),
        v1Path,
        "insufficient-funds",
        "Insufficient funds",
        keys,
        "AddressInsufficientBalance(" + acc + ")",
        revertData("AddressInsufficientBalance(address)", addressWord(acc)),
        "insufficient-funds");
    assertRevert(
        with(signer.http(), FaultHeaders.FAULT, "account-not-deployed").post(prefixPath, b),
        prefixPath,
        "account-not-deployed",
        "Account not deployed",
        keys,
        "AddressEmptyCode(" + acc + ")",
        revertData("AddressEmptyCode(address)", addressWord(acc)),
        "account-not-deployed");
    String dflt = "transaction reverted (injected fault)";
    assertRevert(
        with(signer.http(), FaultHeaders.FAULT, "relay-reverted").post(v1Path, b),
        v1Path,
        "relay-reverted",
        "Relay reverted",
        keys,
        dflt,
        revertData("Error(string)", stringArg(dflt)),
        "relay-reverted");
    String reason = "Pausable: paused, and a reason longer than one ABI word";
    assertRevert(
        with(
                signer.http(),
                FaultHeaders.FAULT,
                "relay-reverted",
                FaultHeaders.REVERT_REASON,
                reason)
            .post(v1Path, b),
        v1Path,
        "relay-reverted",
        "Relay reverted",
        keys,
        reason,
        revertData("Error(string)", stringArg(reason)),
        "relay-reverted");
    // the real reverts can be forced too, with a valid signature and a fresh payload
    assertSignatureRevert(
        with(signer.http(), FaultHeaders.FAULT, "invalid-relay-signature").post(v1Path, b),
        v1Path,
        keys,
        "invalid-relay-signature");
    assertNonceRevert(
        with(signer.http(), FaultHeaders.FAULT, "invalid-account-nonce").post(v1Path, b),
        v1Path,
        keys,
        0,
        "invalid-account-nonce");
    assertStillFirst(keys, p, s);
  }

  @Test
  void injectedRelayFailuresAnswer502503And504AfterTheRelayTimeout() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    byte[] s = signRelay(keys, p);
    ObjectNode b = body(keys.keyid(), p, s);
    HttpAnswer rpc = with(signer.http(), FaultHeaders.FAULT, "relay-rpc-error").post(v1Path, b);
    assertRelayFailure(
        rpc,
        502,
        "relay-rpc-error",
        "Relay RPC error",
        keys,
        "The relay's RPC node failed to submit the transaction");
    assertNull(rpc.header("Retry-After"));
    HttpAnswer pool =
        with(signer.http(), FaultHeaders.FAULT, "relay-pool-exhausted").post(v1Path, b);
    assertRelayFailure(
        pool,
        503,
        "relay-pool-exhausted",
        "Relay pool exhausted",
        keys,
        "No relay operator is available to submit the transaction");
    assertEquals("1", pool.header("Retry-After"));
    long start = System.nanoTime();
    HttpAnswer timeout = with(signer.http(), FaultHeaders.FAULT, "relay-timeout").post(v1Path, b);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertRelayFailure(
        timeout,
        504,
        "relay-timeout",
        "Relay timeout",
        keys,
        "The relayed transaction was not confirmed within "
            + RELAY_TIMEOUT_MS
            + " ms (SIGNER_RELAY_TIMEOUT_MS)");
    assertTrue(
        elapsedMs >= RELAY_TIMEOUT_MS,
        "answered after SIGNER_RELAY_TIMEOUT_MS, not at once: " + elapsedMs + " ms");
    // a client retries once after a timeout: the retry succeeds, the payload was not relayed
    assertStillFirst(keys, p, s);
  }

  /**
   * Paths the router normalizes to the relay's ("//", a percent-encoded unreserved character, a dot
   * segment) reach the relay, and so do its faults: the relay's answer, not a direct one.
   */
  @Test
  void relayFaultsApplyOnEveryPathThatReachesTheRelay() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    byte[] s = signRelay(keys, p);
    ObjectNode b = body(keys.keyid(), p, s);
    String v1 = "/v1" + definition().prefix();
    List<String> paths =
        List.of(
            v1 + "//relay", v1 + "/%72elay", v1 + "/x/../relay", definition().prefix() + "//relay");
    for (String path : paths) {
      HttpAnswer pool =
          with(signer.http(), FaultHeaders.FAULT, "relay-pool-exhausted").post(path, b);
      assertRelayFailure(
          pool,
          path,
          503,
          "relay-pool-exhausted",
          "Relay pool exhausted",
          keys,
          "No relay operator is available to submit the transaction");
      assertEquals("1", pool.header("Retry-After"), path);
    }
    long start = System.nanoTime();
    HttpAnswer timeout =
        with(signer.http(), FaultHeaders.FAULT, "relay-timeout").post(paths.get(1), b);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertRelayFailure(
        timeout,
        paths.get(1),
        504,
        "relay-timeout",
        "Relay timeout",
        keys,
        "The relayed transaction was not confirmed within "
            + RELAY_TIMEOUT_MS
            + " ms (SIGNER_RELAY_TIMEOUT_MS)");
    assertTrue(
        elapsedMs >= RELAY_TIMEOUT_MS,
        "answered after SIGNER_RELAY_TIMEOUT_MS, not at once: " + elapsedMs + " ms");
    assertStillFirst(keys, p, s);
  }

  private void assertRelayFailure(
      HttpAnswer a,
      int status,
      String slug,
      String title,
      FrostClient.Keys<E> keys,
      String detail) {
    assertRelayFailure(a, v1Path, status, slug, title, keys, detail);
  }

  private void assertRelayFailure(
      HttpAnswer a,
      String path,
      int status,
      String slug,
      String title,
      FrostClient.Keys<E> keys,
      String detail) {
    JsonNode p =
        ProblemAssert.problem(a, status, slug, title, path, secrets(keys), "keyid", "account");
    assertEquals(keys.keyid(), p.get("keyid").asText());
    assertEquals(account(keys), p.get("account").asText());
    assertEquals(detail, p.get("detail").asText());
    assertEquals(slug, a.header(FaultHeaders.INJECTED));
  }

  @Test
  void aRealFailureBeforeTheSubmissionWinsOverAnInjectedOne() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    byte[] s = signRelay(keys, p);
    SignerHttp faulty = with(signer.http(), FaultHeaders.FAULT, "relay-rpc-error");
    assertSignatureRevert(
        faulty.post(v1Path, body(keys.keyid(), p, signRelay(keys, payload()))), v1Path, keys, null);
    assertRelayed(http.post(v1Path, body(keys.keyid(), p, s)), keys, p, s, 1);
    assertNonceRevert(faulty.post(v1Path, body(keys.keyid(), p, s)), v1Path, keys, 1, null);
    HttpAnswer invalid = faulty.post(v1Path, "{}", "application/json");
    assertEquals(400, invalid.status());
    assertNull(invalid.header(FaultHeaders.INJECTED));
  }

  @Test
  void storeAndKeyFaultsFailAtTheirRealPlace() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    byte[] s = signRelay(keys, p);
    ObjectNode b = body(keys.keyid(), p, s);
    HttpAnswer missing = with(signer.http(), FaultHeaders.FAULT, "no-key-found").post(v1Path, b);
    ProblemAssert.problem(
        missing, 404, "no-key-found", "No key found", v1Path, secrets(keys), "keyid");
    assertEquals(keys.keyid(), missing.json().get("keyid").asText());
    assertEquals("no-key-found", missing.header(FaultHeaders.INJECTED));
    HttpAnswer redis = with(signer.http(), FaultHeaders.FAULT, "redis-error").post(v1Path, b);
    ProblemAssert.problem(redis, 500, "redis-error", "Redis error", v1Path, secrets(keys));
    assertEquals("redis-error", redis.header(FaultHeaders.INJECTED));
    HttpAnswer unreadable =
        with(signer.http(), FaultHeaders.FAULT, "serialize-error").post(prefixPath, b);
    ProblemAssert.problem(
        unreadable, 500, "serialize-error", "Serialize error", prefixPath, secrets(keys));
    assertEquals("serialize-error", unreadable.header(FaultHeaders.INJECTED));
    assertStillFirst(keys, p, s);
  }

  @Test
  void adminRulesInjectRelayFaults() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    byte[] s = signRelay(keys, p);
    ObjectNode rule =
        FrostJson.MAPPER
            .createObjectNode()
            .put("method", "POST")
            .put("path", v1Path)
            .put("fault", "relay-reverted")
            .put("revert_reason", "rule says no")
            .put("times", 1);
    HttpAnswer added = http.post("/admin/faults", rule).expect(201);
    assertEquals("rule says no", added.json().path("revert_reason").asText());
    // rules live in the store: with Redis, the other instance applies a rule added here
    SignerHttp other = second != null ? second.http() : http;
    assertRevert(
        other.post(v1Path, body(keys.keyid(), p, s)),
        v1Path,
        "relay-reverted",
        "Relay reverted",
        keys,
        "rule says no",
        revertData("Error(string)", stringArg("rule says no")),
        "relay-reverted");
    assertStillFirst(keys, p, s); // the rule applied once (times 1), and the revert left no state
    ObjectNode pool =
        FrostJson.MAPPER
            .createObjectNode()
            .put("path", definition().prefix() + "/rel?y")
            .put("fault", "relay-pool-exhausted");
    http.post("/admin/faults", pool).expect(201);
    byte[] p2 = payload();
    HttpAnswer a = http.post(prefixPath, body(keys.keyid(), p2, signRelay(keys, p2)));
    ProblemAssert.problem(
        a,
        503,
        "relay-pool-exhausted",
        "Relay pool exhausted",
        prefixPath,
        secrets(keys),
        "keyid",
        "account");

    ObjectNode wrong =
        FrostJson.MAPPER
            .createObjectNode()
            .put("fault", "insufficient-funds")
            .put("revert_reason", "no");
    HttpAnswer rejected = http.post("/admin/faults", wrong);
    JsonNode problem =
        ProblemAssert.problem(
            rejected, 400, null, "Bad Request", "/admin/faults", List.of(), "errors");
    assertEquals(
        List.of(
            ProblemAssert.error(
                "/revert_reason", "needs fault relay-reverted, the fault it gives a reason to")),
        ProblemAssert.errors(problem));
  }

  @Test
  void theRevertReasonHeaderNeedsRelayReverted() {
    FrostClient.Keys<E> keys = newKey();
    byte[] p = payload();
    ObjectNode b = body(keys.keyid(), p, signRelay(keys, p));
    String[][] cases = {
      {FaultHeaders.REVERT_REASON, "paused"},
      {FaultHeaders.FAULT, "insufficient-funds", FaultHeaders.REVERT_REASON, "paused"},
      {FaultHeaders.FAULT, "relay-reverted", FaultHeaders.REVERT_REASON, "x".repeat(257)},
    };
    for (String[] c : cases) {
      HttpAnswer a = with(signer.http(), c).post(v1Path, b);
      JsonNode problem =
          ProblemAssert.problem(a, 400, null, "Bad Request", v1Path, List.of(), "header");
      assertEquals(FaultHeaders.REVERT_REASON, problem.get("header").asText());
      assertTrue(
          problem.get("detail").asText().startsWith(FaultHeaders.REVERT_REASON + ": "), a.body());
    }
  }
}
