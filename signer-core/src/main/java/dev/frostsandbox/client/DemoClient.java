package dev.frostsandbox.client;

import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs DKG and signatures against a running sandbox and verifies them, printing each step:
 *
 * <pre>
 * java -cp signer-ecdsa-schnorr.jar dev.frostsandbox.client.DemoClient \
 *     --url http://localhost:8081 --suite FROST-secp256k1-POSEIDON-v1
 * </pre>
 *
 * The suites it knows are those of the service jar it runs from. With {@code --relay} it then signs
 * one payload and relays it ({@code POST /v1<prefix>/relay}). Exit status 0 when every signature
 * verified (and the relay succeeded), 1 on failure, 2 on a usage error.
 */
public final class DemoClient {

  private final PrintStream out;

  DemoClient(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new DemoClient(System.out).run(args));
  }

  static final String USAGE =
      """
      usage: DemoClient [--url URL] [--suite CIPHERSUITE] [--keyid KEYID] [--api-key KEY]
                        [--message TEXT] [--min-signers T --max-signers N] [--relay [--payload HEX]]
                        [--taproot-merkle-root HEX] [--refresh] [--repair]
        --url          the service (default http://localhost:8081)
        --suite        a ciphersuite of this jar (default: its first); one of %s
        --keyid        the key to create (default demo-<random>)
        --api-key      sent as x-api-key when the service requires API keys
        --min-signers / --max-signers  t-of-n instead of 2-of-2 (the client plays n-1 participants)
        --relay        then sign one payload with the new key and relay it (suites with a relay only)
        --payload      the payload to relay, hex (default: the hex of a demo transaction's bytes)
        --refresh      then refresh the shares (refresh/round1 + round2): same group key, new shares; sign again
        --repair       then repair client participant 1's share with the server helping (repair/part1 + part2),
                       and the server's own share (sandbox admin drop-share, then repair/part3); sign again.
                       Needs t-of-n with n > t (e.g. --min-signers 2 --max-signers 3)
        --taproot-merkle-root  sign for the output key committing to this script tree (32 bytes hex;
                       FROST-secp256k1-SHA256-TR-v1 only; default: the key path)
             DemoClient --replay FILE [--url URL] [--api-key KEY]
        --replay       send a saved transcript's requests (GET /admin/transcripts/{keyid}) to the
                       service and report the first answer that differs
      """;

  /** Options without a value. */
  private static final List<String> FLAGS = List.of("relay", "refresh", "repair");

  private static final List<String> OPTIONS =
      List.of(
          "url",
          "suite",
          "keyid",
          "api-key",
          "message",
          "min-signers",
          "max-signers",
          "relay",
          "payload",
          "taproot-merkle-root",
          "replay",
          "refresh",
          "repair");

  int run(String[] args) {
    List<ServiceDefinition> services = ServiceDefinition.available();
    List<String> known = services.stream().flatMap(s -> s.ciphersuites().stream()).toList();
    Map<String, String> opts;
    try {
      opts = parse(args);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      out.printf(USAGE, known);
      return 2;
    }
    if (opts.containsKey("replay")) {
      SignerHttp http = new SignerHttp(opts.getOrDefault("url", "http://localhost:8081"));
      if (opts.containsKey("api-key")) {
        http.header("x-api-key", opts.get("api-key"));
      }
      return TranscriptReplay.main(out, java.nio.file.Path.of(opts.get("replay")), http);
    }
    if (known.isEmpty()) {
      out.println("No service definition on the class path: run from a service jar");
      return 2;
    }
    String suiteName = opts.getOrDefault("suite", known.get(0));
    ServiceDefinition service =
        services.stream().filter(s -> s.suite(suiteName).isPresent()).findFirst().orElse(null);
    if (service == null) {
      out.println("Unknown ciphersuite " + suiteName + " for this jar; it has " + known);
      return 2;
    }
    int min;
    int max;
    try {
      min = Integer.parseInt(opts.getOrDefault("min-signers", "2"));
      max = Integer.parseInt(opts.getOrDefault("max-signers", Integer.toString(Math.max(2, min))));
    } catch (NumberFormatException e) {
      out.println("--min-signers and --max-signers take numbers");
      return 2;
    }
    if (min < 2 || max < min) {
      out.println("need 2 <= min-signers <= max-signers");
      return 2;
    }
    if (opts.containsKey("repair") && max == min) {
      out.println(
          "--repair needs t-of-n with n > t (e.g. --min-signers 2 --max-signers 3): the helpers are t participants"
              + " other than the one repaired");
      return 2;
    }
    SuiteBinding<?> suite = service.suite(suiteName).orElseThrow();
    byte[] payload = null;
    if (opts.containsKey("relay")) {
      if (suite.relay() == null) {
        out.println(
            "Keys of " + suiteName + " cannot be relayed: --relay needs a suite with a relay");
        return 2;
      }
      String p = opts.getOrDefault("payload", DEFAULT_PAYLOAD);
      payload = Bytes.fromHex(p.startsWith("0x") ? p.substring(2) : p);
      if (payload == null || payload.length == 0) {
        out.println("--payload takes a non-empty hex string");
        return 2;
      }
    } else if (opts.containsKey("payload")) {
      out.println("--payload goes with --relay");
      return 2;
    }
    byte[] merkleRoot = null;
    if (opts.containsKey("taproot-merkle-root")) {
      if (!suite.frost().suite().tweaks()) {
        out.println(
            "--taproot-merkle-root goes with a Taproot suite (FROST-secp256k1-SHA256-TR-v1)");
        return 2;
      }
      String m = opts.get("taproot-merkle-root");
      merkleRoot = Bytes.fromHex(m.startsWith("0x") ? m.substring(2) : m);
      if (merkleRoot == null || merkleRoot.length != 32) {
        out.println("--taproot-merkle-root takes 32 bytes of hex");
        return 2;
      }
    }
    SignerHttp http =
        new SignerHttp(opts.getOrDefault("url", "http://localhost:" + service.defaultPort()));
    if (opts.containsKey("api-key")) {
      http.header("x-api-key", opts.get("api-key"));
    }
    String keyid =
        opts.getOrDefault("keyid", "demo-" + UUID.randomUUID().toString().substring(0, 8));
    byte[] message =
        opts.getOrDefault("message", "hello from the FROST sandbox")
            .getBytes(StandardCharsets.UTF_8);
    try {
      return demo(
          http,
          service,
          suite,
          keyid,
          message,
          min,
          max,
          payload,
          merkleRoot,
          opts.containsKey("refresh"),
          opts.containsKey("repair"));
    } catch (RuntimeException e) {
      out.println("FAILED: " + e.getMessage());
      return 1;
    }
  }

  /**
   * What --relay sends without --payload: some bytes shaped like a transaction (any bytes will do).
   */
  static final String DEFAULT_PAYLOAD =
      "02f86c0180843b9aca0085174876e80082520894d8da6bf26964af9d7eed9e03e53415d37aa960458"
          + "7038d7ea4c6800080c0";

  private <E> int demo(
      SignerHttp http,
      ServiceDefinition service,
      SuiteBinding<E> suite,
      String keyid,
      byte[] message,
      int min,
      int max,
      byte[] payload,
      byte[] merkleRoot,
      boolean refresh,
      boolean repair) {
    HexFormat hex = HexFormat.of();
    out.println("service   " + service.name() + " at " + http.baseUrl() + service.prefix());
    out.println("suite     " + suite.ciphersuite());
    HttpAnswer ready = http.get("/health/ready");
    out.println("ready     GET /health/ready -> " + ready.status());
    ready.expect(200);

    FrostClient<E> client = new FrostClient<>(suite.frost(), service.prefix(), new SecureRandom());
    FrostClient.Keys<E> keys =
        min == 2 && max == 2 ? client.dkg(http, keyid) : client.dkg(http, keyid, min, max);
    String vk = suite.frost().json().element(keys.publicKeyPackage().verifyingKey());
    out.printf(
        "dkg       %d-of-%d, keyid %s, server identifier %s%n",
        min, max, keyid, suite.frost().json().identifier(keys.serverId()));
    out.println("          verifying key " + vk);

    // a public key package other than the DKG's is a FrostException naming the server
    HttpAnswer stored = http.get(client.keyPath(keys)).expect(200);
    client.keyAnswer(keys, stored.json());
    out.println("key       GET " + service.prefix() + "/keys/" + keyid + " -> same verifying key");
    if (suite.frost().suite().tweaks()) {
      String output =
          Bytes.toHex(suite.frost().suite().outputKey(keys.publicKeyPackage().verifyingKey()));
      if (!output.equals(stored.json().path("taproot_output_key").asText())) {
        throw new IllegalStateException(
            "GET keys/" + keyid + " answers another taproot output key");
      }
      out.println(
          "          taproot output key "
              + output
              + " (key path; witness program of the P2TR output)");
      if (merkleRoot != null) {
        client = client.withTaprootMerkleRoot(merkleRoot);
        out.println(
            "          script-tree output key "
                + Bytes.toHex(
                    suite
                        .frost()
                        .suite()
                        .outputKey(client.signingKeys(keys).publicKeyPackage().verifyingKey()))
                + " (signing with taproot_merkle_root)");
      }
    }

    List<dev.frostsandbox.frost.Identifier> signers = client.defaultSigners(keys);
    Signature<E> one = client.signOneRound(http, keys, message, signers);
    check(client, keys, message, one, "one round (POST sign)");
    Signature<E> two = client.signTwoRounds(http, http, keys, message, signers);
    check(client, keys, message, two, "two rounds (sign/round1 + sign/round2)");
    out.println(
        "          signature " + hex.formatHex(suite.frost().suite().serializeSignature(two)));
    if (refresh) {
      keys = refresh(http, client, keys, message);
    }
    if (repair) {
      repair(http, client, keys, message);
    }
    if (payload != null) {
      relay(http, client, suite, keys, signers, payload);
      out.println(
          "OK        every signature verified against the group's verifying key; the payload was relayed");
      return 0;
    }
    out.println("OK        every signature verified against the group's verifying key");
    return 0;
  }

  /**
   * Refreshes every client participant's share with the server's (refresh by DKG), then signs with
   * the new shares.
   */
  private <E> FrostClient.Keys<E> refresh(
      SignerHttp http, FrostClient<E> client, FrostClient.Keys<E> keys, byte[] message) {
    FrostClient.Keys<E> refreshed = client.refresh(http, keys, keys.clientKeys().keySet());
    String before = client.frost().json().element(keys.publicKeyPackage().verifyingKey());
    String after = client.frost().json().element(refreshed.publicKeyPackage().verifyingKey());
    if (!before.equals(after)) {
      throw new IllegalStateException("the refresh changed the group verifying key");
    }
    out.println(
        "refresh   POST "
            + client.refreshPath(keys, 1)
            + " -> 201, "
            + client.refreshPath(keys, 2)
            + " -> 200: new shares, same verifying key");
    Signature<E> sig =
        client.signTwoRounds(http, http, refreshed, message, client.defaultSigners(refreshed));
    check(client, refreshed, message, sig, "two rounds with the refreshed shares");
    return refreshed;
  }

  /**
   * Repairs client participant 1's share with the server and other client participants helping,
   * signs with it; then drops the server's share (sandbox admin) and repairs it from the client
   * participants' sigmas, and signs again.
   */
  private <E> void repair(
      SignerHttp http, FrostClient<E> client, FrostClient.Keys<E> keys, byte[] message) {
    int min = keys.publicKeyPackage().minSigners();
    dev.frostsandbox.frost.Identifier lost = keys.clientKeys().firstKey();
    List<dev.frostsandbox.frost.Identifier> helpers =
        new java.util.ArrayList<>(
            keys.clientKeys().keySet().stream()
                .filter(id -> !id.equals(lost))
                .limit(min - 1L)
                .toList());
    helpers.add(keys.serverId());
    java.util.SortedMap<
            dev.frostsandbox.frost.Identifier, dev.frostsandbox.frost.keys.KeyPackage<E>>
        others = new java.util.TreeMap<>(keys.clientKeys());
    others.remove(lost);
    FrostClient.Keys<E> repaired =
        client.repairClientShare(
            http,
            new FrostClient.Keys<>(keys.keyid(), keys.serverId(), others, keys.publicKeyPackage()),
            lost,
            helpers);
    if (!repaired
        .clientKeys()
        .get(lost)
        .signingShare()
        .equals(keys.clientKeys().get(lost).signingShare())) {
      throw new IllegalStateException("the repaired share is not the lost one");
    }
    out.println(
        "repair    participant "
            + client.frost().json().identifier(lost)
            + " with the server helping: POST "
            + client.repairPath(keys, 1)
            + " -> 201, "
            + client.repairPath(keys, 2)
            + " -> 200: the share is back");
    Signature<E> sig =
        client.signOneRound(http, repaired, message, client.defaultSigners(repaired));
    check(client, repaired, message, sig, "one round with the repaired share");

    HttpAnswer dropped =
        http.post(client.dropSharePath(keys), (com.fasterxml.jackson.databind.JsonNode) null);
    if (dropped.status() == 404) {
      out.println(
          "repair    the server's own share: skipped (POST /admin/keys/{keyid}/drop-share needs SIGNER_FAULTS_ENABLED=true)");
      return;
    }
    dropped.expect(200);
    out.println(
        "repair    POST "
            + client.dropSharePath(keys)
            + " -> 200: the server's share is lost (sign answers "
            + http.post(client.signRound1Path(keys), (com.fasterxml.jackson.databind.JsonNode) null)
                .status()
            + ")");
    client.repairServerShare(
        http, repaired, keys.clientKeys().keySet().stream().limit(min).toList());
    out.println(
        "          POST "
            + client.repairPath(keys, 3)
            + " -> 200: the server rebuilt and checked its share");
    Signature<E> again =
        client.signTwoRounds(http, http, repaired, message, client.defaultSigners(repaired));
    check(client, repaired, message, again, "two rounds with the server's repaired share");
  }

  /** Signs the relay message of {@code payload} with the server (one round) and relays it. */
  private <E> void relay(
      SignerHttp http,
      FrostClient<E> client,
      SuiteBinding<E> suite,
      FrostClient.Keys<E> keys,
      List<dev.frostsandbox.frost.Identifier> signers,
      byte[] payload) {
    byte[] message = suite.relay().message(keys.keyid(), payload);
    Signature<E> sig = client.signOneRound(http, keys, message, signers);
    check(client, keys, message, sig, "the relay message (POST sign)");
    HttpAnswer a = client.relay(http, keys.keyid(), payload, sig).expect(200);
    out.println("relay     POST " + client.relayPath() + " -> 200");
    out.println("          payload   0x" + Bytes.toHex(payload));
    out.println(
        "          signature 0x" + Bytes.toHex(suite.frost().suite().serializeSignature(sig)));
    out.println(
        "          tx_hash "
            + a.json().path("tx_hash").asText()
            + ", account "
            + a.json().path("account").asText()
            + ", relay nonce "
            + a.json().path("relay_nonce").asText());
  }

  private <E> void check(
      FrostClient<E> client,
      FrostClient.Keys<E> keys,
      byte[] message,
      Signature<E> sig,
      String how) {
    if (!client.verify(keys, message, sig)) {
      throw new IllegalStateException("the signature made in " + how + " does not verify");
    }
    out.println("sign      " + how + ": signature verified");
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || a.length() < 3) {
        throw new IllegalArgumentException("unexpected argument: " + a);
      }
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (FLAGS.contains(name)) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("missing value for --" + name);
      }
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      opts.put(name, value);
    }
    return opts;
  }
}
