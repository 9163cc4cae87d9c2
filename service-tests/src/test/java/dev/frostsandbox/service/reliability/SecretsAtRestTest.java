package dev.frostsandbox.service.reliability;

import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.Ed25519Point;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.SignerServer;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.state.DkgRound;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.signer.state.NonceRecord;
import dev.frostsandbox.signer.state.StateRepository;
import dev.frostsandbox.store.StoreKeys;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.RedisProbe;
import dev.frostsandbox.testing.TestSigner;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With SIGNER_STORAGE_KEY, nothing secret reaches Redis in the clear (values, DUMP, RDB, AOF);
 * tampered or swapped ciphertext is answered serialize-error and never used; without a key the
 * sandbox warns, and SIGNER_REQUIRE_STORAGE_KEY refuses to start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsAtRestTest {

  private static final String P = EddsaService.DEFINITION.prefix();
  private static final String SCOPE = EddsaService.DEFINITION.name() + "." + "default";

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<Ed25519Point> SUITE =
      (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suites().get(0);

  private static final Group<Ed25519Point> G = SUITE.frost().group();

  private final FrostClient<Ed25519Point> client =
      new FrostClient<>(SUITE.frost(), P, new SecureRandom());
  private RedisHarness redis;
  private RedisProbe probe;

  @BeforeAll
  void start() {
    redis = RedisHarness.owned();
    probe = new RedisProbe(redis.url());
  }

  @AfterAll
  void stop() {
    probe.close();
    redis.close();
  }

  private static String storageKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  private static Call call(String keyid) {
    return new Call("default", keyid, P);
  }

  /**
   * The secrets a service holds for one key: DKG secret share, signing share, one pair of nonces.
   */
  private record Secrets(List<byte[]> values) {}

  /** DKG (secret round state captured before round 2), then sign/round1; returns the secrets. */
  private Secrets runProtocol(TestSigner signer, String keyid) throws Exception {
    SignerHttp http = signer.http();
    StateRepository state = signer.server().context().state();
    List<byte[]> secrets = new ArrayList<>();
    FrostClient.DkgSession<Ed25519Point> session = client.dkgRound1(http, keyid, 2, 2, true);
    DkgRound<?> round = state.findDkgRound(call(keyid)).await(5, TimeUnit.SECONDS);
    secrets.add(G.serializeScalar(round.secretPackage().secretShare()));
    FrostClient.Keys<Ed25519Point> keys = client.dkgRound2(http, session);
    KeyRecord<?> key = state.findKey(call(keyid)).await(5, TimeUnit.SECONDS);
    secrets.add(G.serializeScalar(key.keyPackage().signingShare()));
    // a second DKG left at round 1, so DKG secret state is in the dump too
    client.dkgRound1(http, keyid + "-pending", 2, 2, true);
    secrets.add(
        G.serializeScalar(
            state
                .findDkgRound(call(keyid + "-pending"))
                .await(5, TimeUnit.SECONDS)
                .secretPackage()
                .secretShare()));
    SortedMap<Identifier, SigningNonces<Ed25519Point>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    client.signRound1(http, keys, "at rest".getBytes(StandardCharsets.UTF_8), nonces);
    String nonceKey = probe.keys(StoreKeys.nonces(SCOPE, keyid, "*").replace("\\", "")).get(0);
    String nonceId = nonceKey.substring(nonceKey.lastIndexOf(':') + 1);
    // what the scan must not find, read through the service's own repository (this consumes them)
    byte[] snapshot = dump(keyid);
    NonceRecord<?> n = state.takeNonces(call(keyid), nonceId).await(5, TimeUnit.SECONDS);
    secrets.add(G.serializeScalar(n.nonces().hidingNonce()));
    secrets.add(G.serializeScalar(n.nonces().bindingNonce()));
    lastDump = snapshot;
    return new Secrets(secrets);
  }

  private byte[] lastDump;

  /**
   * Everything Redis holds about keys matching the keyid: values, DUMP payloads, an RDB, the AOF
   * files.
   */
  private byte[] dump(String keyid) throws IOException, InterruptedException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String k : probe.keys("frost:*")) {
      if (!k.contains(keyid)) {
        continue;
      }
      Response type = probe.send(Command.TYPE, k);
      if ("string".equals(type.toString())) {
        all.writeBytes(probe.get(k));
      }
      all.writeBytes(probe.send(Command.DUMP, k).toBytes());
    }
    Path rdb = Files.createTempFile("signer-dump", ".rdb");
    try {
      java.net.URI u = java.net.URI.create(redis.url());
      Process p =
          new ProcessBuilder(
                  "redis-cli",
                  "-h",
                  u.getHost(),
                  "-p",
                  Integer.toString(u.getPort()),
                  "--rdb",
                  rdb.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
      all.writeBytes(Files.readAllBytes(rdb));
    } finally {
      Files.deleteIfExists(rdb);
    }
    String dir = configDir();
    int aofFiles = 0;
    try (Stream<Path> files = Files.walk(Path.of(dir))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f) && f.toString().contains("appendonly")) {
          all.writeBytes(Files.readAllBytes(f));
          aofFiles++;
        }
      }
    }
    assertTrue(aofFiles > 0, "the owned Redis writes an AOF in " + dir);
    return all.toByteArray();
  }

  private String configDir() {
    Response r = probe.send(Command.CONFIG, "GET", "dir");
    // RESP3 answers a map, RESP2 a flat list
    return r.type() == io.vertx.redis.client.ResponseType.MULTI && r.containsKey("dir")
        ? r.get("dir").toString()
        : r.get(1).toString();
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The secret as raw bytes, reversed bytes (other endianness), or lower/upper hex. */
  private static boolean leaks(byte[] dump, byte[] secret) {
    byte[] reversed = new byte[secret.length];
    for (int i = 0; i < secret.length; i++) {
      reversed[i] = secret[secret.length - 1 - i];
    }
    for (byte[] form : List.of(secret, reversed)) {
      String hex = HexFormat.of().formatHex(form);
      if (contains(dump, form)
          || contains(dump, hex.getBytes(StandardCharsets.US_ASCII))
          || contains(dump, hex.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))
          || contains(
              dump, new BigInteger(1, form).toString().getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void withAStorageKeyNoSecretIsInRedisValuesDumpRdbOrAof() throws Exception {
    try (TestSigner signer =
        TestSigner.start(
            EddsaService.DEFINITION,
            Map.of("SIGNER_REDIS_URL", redis.url(), "SIGNER_STORAGE_KEY", storageKey()))) {
      Secrets s = runProtocol(signer, "sealed-key");
      assertEquals(5, s.values().size());
      for (int i = 0; i < s.values().size(); i++) {
        assertFalse(leaks(lastDump, s.values().get(i)), "secret #" + i + " found in Redis");
      }
    }
  }

  @Test
  void controlWithoutAStorageKeyTheSameScanFindsTheSecrets() throws Exception {
    try (TestSigner signer =
        TestSigner.start(EddsaService.DEFINITION, Map.of("SIGNER_REDIS_URL", redis.url()))) {
      Secrets s = runProtocol(signer, "clear-key");
      for (int i = 0; i < s.values().size(); i++) {
        assertTrue(leaks(lastDump, s.values().get(i)), "the scan would have seen secret #" + i);
      }
    }
  }

  @Test
  void tamperedOrSwappedCiphertextIsSerializeErrorAndNeverUsed() {
    try (TestSigner signer =
        TestSigner.start(
            EddsaService.DEFINITION,
            Map.of("SIGNER_REDIS_URL", redis.url(), "SIGNER_STORAGE_KEY", storageKey()))) {
      SignerHttp http = signer.http();
      FrostClient.Keys<Ed25519Point> a = client.dkg(http, "swap-a");
      FrostClient.Keys<Ed25519Point> b = client.dkg(http, "swap-b");

      // key A's ciphertext under key B's name: bound to A's keyid, so it does not open as B
      probe.set(StoreKeys.key(SCOPE, "swap-b"), probe.get(StoreKeys.key(SCOPE, "swap-a")));
      assertProblem(http.get(P + "/keys/swap-b"), Catalogue.SERIALIZE_ERROR);
      assertProblem(
          http.post(P + "/sign/round1/swap-b", (ObjectNode) null), Catalogue.SERIALIZE_ERROR);

      // one flipped bit anywhere is detected
      byte[] original = probe.get(StoreKeys.key(SCOPE, "swap-a"));
      for (int pos : new int[] {1, 13, original.length / 2, original.length - 1}) {
        byte[] flipped = original.clone();
        flipped[pos] ^= 0x01;
        probe.set(StoreKeys.key(SCOPE, "swap-a"), flipped);
        assertProblem(http.get(P + "/keys/swap-a"), Catalogue.SERIALIZE_ERROR);
      }
      probe.set(StoreKeys.key(SCOPE, "swap-a"), original);
      assertEquals(200, http.get(P + "/keys/swap-a").status());

      // nonces swapped between two signing rounds of one key: bound to their nonce id
      byte[] msg = "swap".getBytes(StandardCharsets.UTF_8);
      SigningPackage<Ed25519Point> p1 =
          client.signRound1(http, a, msg, client.newNonces(a, client.defaultSigners(a)));
      List<String> first = probe.keys("frost:{" + SCOPE + ":swap-a}:nonces:*");
      client.signRound1(http, a, msg, client.newNonces(a, client.defaultSigners(a)));
      List<String> both = probe.keys("frost:{" + SCOPE + ":swap-a}:nonces:*");
      String n1 = first.get(0);
      String n2 = both.stream().filter(k -> !k.equals(n1)).findFirst().orElseThrow();
      probe.set(n1, probe.get(n2));
      assertProblem(
          http.post(P + "/sign/round2/swap-a", client.signRound2Request(p1)),
          Catalogue.SERIALIZE_ERROR);
      assertNotNull(b);
    }
  }

  @Test
  void withoutAStorageKeyTheSandboxWarnsAndRequireStorageKeyRefusesToStart() {
    Logger log = Logger.getLogger(SignerServer.class.getName());
    List<String> lines = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            lines.add(r.getLevel() + " " + r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(capture);
    try {
      try (TestSigner signer = TestSigner.memory(EddsaService.DEFINITION)) {
        assertTrue(
            lines.stream()
                .anyMatch(
                    l -> l.startsWith("WARNING") && l.contains("SIGNER_STORAGE_KEY is not set")),
            lines.toString());
      }
      lines.clear();
      try (TestSigner signer =
          TestSigner.start(EddsaService.DEFINITION, Map.of("SIGNER_STORAGE_KEY", storageKey()))) {
        assertFalse(
            lines.stream().anyMatch(l -> l.contains("SIGNER_STORAGE_KEY is not set")),
            lines.toString());
      }
    } finally {
      log.removeHandler(capture);
    }
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                TestSigner.start(
                    EddsaService.DEFINITION, Map.of("SIGNER_REQUIRE_STORAGE_KEY", "true")));
    assertTrue(
        String.valueOf(refused.getCause().getMessage()).contains("SIGNER_REQUIRE_STORAGE_KEY"),
        refused.toString());
  }
}
