package dev.frostsandbox.service.reliability;

import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.Eventually;
import dev.frostsandbox.testing.TestSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenants by API key see only their own keyids; each tenant has its own request budget. Run for
 * every suite of every service.
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("dev.frostsandbox.service.Services#suites")
class TenantsAndRateLimitTest {

  @Parameter(0)
  private ServiceDefinition service;

  @Parameter(1)
  private String ciphersuite;

  /** The suite's element type does not matter here: keys and packages only travel. */
  private SuiteBinding<Object> suite;

  private String prefix;
  private FrostClient<Object> client;
  private FrostJson<Object> json;

  @SuppressWarnings("unchecked")
  @BeforeEach
  void bindSuite() {
    suite = (SuiteBinding<Object>) service.suite(ciphersuite).orElseThrow();
    prefix = service.prefix();
    client = new FrostClient<>(suite.frost(), prefix, new SecureRandom());
    json = suite.frost().json();
  }

  @Test
  void anotherTenantsKeyidIsNotFoundInEveryEndpoint() {
    try (TestSigner signer =
        TestSigner.start(service, Map.of("SIGNER_API_KEYS", "alice=key-a,bob=key-b"))) {
      SignerHttp alice = signer.http().header("x-api-key", "key-a");
      SignerHttp bob = signer.http().header("Authorization", "Bearer key-b");
      String keyid = "tenant-key-1";

      // DKG in progress for alice: bob cannot finish it
      FrostClient.DkgSession<Object> session = client.dkgRound1(alice, keyid, 2, 2, true);
      ObjectNode round2 = JsonNodeFactory.instance.objectNode();
      round2.set(
          "round2_package",
          json.round2Package(
              suite
                  .frost()
                  .dkg()
                  .part2(
                      session.part1().get(Identifier.of(1)).secretPackage(),
                      new java.util.TreeMap<>(
                          Map.of(session.serverId(), session.allRound1().get(session.serverId()))))
                  .packages()
                  .get(session.serverId())));
      assertProblem(
          bob.post(prefix + "/dkg/round2/" + keyid, round2), Catalogue.NO_DKG_ROUND_FOUND);
      FrostClient.Keys<Object> keys = client.dkgRound2(alice, session);

      byte[] message = "tenant".getBytes(StandardCharsets.UTF_8);
      SortedMap<Identifier, SigningNonces<Object>> nonces =
          client.newNonces(keys, client.defaultSigners(keys));
      ObjectNode sign = JsonNodeFactory.instance.objectNode();
      sign.put("message", Base64.getEncoder().encodeToString(message));
      ObjectNode commitments = sign.putObject("signing_commitments");
      nonces.forEach(
          (id, n) ->
              commitments.set(json.identifier(id), json.signingCommitments(n.commitments())));
      SigningPackage<Object> pkg = client.signRound1(alice, keys, message, nonces);

      assertProblem(bob.get(prefix + "/keys/" + keyid), Catalogue.NO_KEY_FOUND);
      assertProblem(bob.delete(prefix + "/keys/" + keyid), Catalogue.NO_KEY_FOUND);
      assertProblem(bob.post(prefix + "/sign/" + keyid, sign), Catalogue.NO_KEY_FOUND);
      assertProblem(
          bob.post(prefix + "/sign/round1/" + keyid, (ObjectNode) null), Catalogue.NO_KEY_FOUND);
      assertProblem(
          bob.post(prefix + "/sign/round2/" + keyid, client.signRound2Request(pkg)),
          Catalogue.NO_KEY_FOUND);

      // bob's attempts consumed nothing of alice's: her round 2 and aggregate still work
      SignatureShare serverShare = client.signRound2(alice, keys, pkg);
      SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
      shares.put(keys.serverId(), serverShare);
      ObjectNode aggregate = JsonNodeFactory.instance.objectNode();
      aggregate.set("signing_package", json.signingPackage(pkg));
      aggregate.set("signature_shares", json.identifierMap(shares, json::signatureShare));
      assertProblem(bob.post(prefix + "/aggregate/" + keyid, aggregate), Catalogue.NO_KEY_FOUND);
      assertEquals(200, alice.post(prefix + "/aggregate/" + keyid, aggregate).status());

      // the same keyid is free for bob (no 409): tenants are separate namespaces
      FrostClient.Keys<Object> bobKeys = client.dkg(bob, keyid);
      assertNotEquals(
          json.element(keys.publicKeyPackage().verifyingKey()),
          json.element(bobKeys.publicKeyPackage().verifyingKey()));
      assertEquals(
          json.element(keys.publicKeyPackage().verifyingKey()),
          alice.get(prefix + "/keys/" + keyid).expect(200).json().get("verifying_key").asText());

      // no or a wrong credential is 401 everywhere under the prefix
      assertProblem(signer.http().get(prefix + "/keys/" + keyid), Catalogue.UNAUTHORIZED);
      assertProblem(
          signer.http().header("x-api-key", "key-c").get(prefix + "/keys/" + keyid),
          Catalogue.UNAUTHORIZED);
    }
  }

  @Test
  void eachApiKeyHasItsOwnTokenBucketAnd429CarriesRetryAfter() throws InterruptedException {
    try (TestSigner signer =
        TestSigner.start(
            service,
            Map.of(
                "SIGNER_API_KEYS", "alice=key-a,bob=key-b",
                "SIGNER_RATE_LIMIT_PER_SECOND", "1",
                "SIGNER_RATE_LIMIT_BURST", "3"))) {
      SignerHttp alice = signer.http().header("x-api-key", "key-a");
      SignerHttp bob = signer.http().header("x-api-key", "key-b");
      for (int i = 0; i < 3; i++) {
        assertProblem(alice.get(prefix + "/keys/k"), Catalogue.NO_KEY_FOUND);
      }
      HttpAnswer limited = alice.get(prefix + "/keys/k");
      assertProblem(limited, Catalogue.RATE_LIMITED);
      int retryAfter = Integer.parseInt(limited.header("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= 1, "Retry-After " + retryAfter);
      assertProblem(
          alice.post(prefix + "/sign/round1/k", (ObjectNode) null), Catalogue.RATE_LIMITED);

      // bob is not limited by alice's traffic; operational endpoints are never limited
      assertProblem(bob.get(prefix + "/keys/k"), Catalogue.NO_KEY_FOUND);
      for (int i = 0; i < 10; i++) {
        assertEquals(200, alice.get("/health/live").status());
      }
      // the bucket refills with time (RateLimiterTest pins that Retry-After is enough, on a moved
      // clock)
      Eventually.eventually(
          Duration.ofSeconds(30),
          () -> assertProblem(alice.get(prefix + "/keys/k"), Catalogue.NO_KEY_FOUND));
    }
  }

  @Test
  void adminReadsCountAgainstTheTenantsRateButOperationalEndpointsDoNot() {
    try (TestSigner signer =
        TestSigner.start(
            service,
            Map.of(
                "SIGNER_API_KEYS", "alice=key-a,bob=key-b",
                "SIGNER_RATE_LIMIT_PER_SECOND", "1",
                "SIGNER_RATE_LIMIT_BURST", "2"))) {
      SignerHttp alice = signer.http().header("x-api-key", "key-a");
      SignerHttp bob = signer.http().header("x-api-key", "key-b");
      assertEquals(200, alice.get("/admin/keys").status());
      assertEquals(200, alice.get("/admin/requests").status());
      HttpAnswer limited = alice.get("/admin/keys");
      assertProblem(limited, Catalogue.RATE_LIMITED);
      assertEquals(1, Integer.parseInt(limited.header("Retry-After")));
      assertProblem(alice.get("/admin/faults"), Catalogue.RATE_LIMITED);
      // the same budget as the API: alice's signing routes are limited too, bob is not
      assertProblem(alice.get(prefix + "/keys/k"), Catalogue.RATE_LIMITED);
      assertEquals(200, bob.get("/admin/keys").status());
      for (int i = 0; i < 5; i++) {
        assertEquals(200, alice.get("/health/live").status());
        assertEquals(200, alice.get("/metrics").status());
        assertEquals(200, alice.get("/openapi.yaml").status());
      }
    }
  }

  /**
   * Writes a request head and the start of its body, then reads until the server closes or 20 s
   * pass.
   */
  private static String rawExchange(int port, String head, byte[] bodyStart) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bodyStart);
      out.flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n; (n = in.read(buf)) != -1; ) {
          got.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError(
            "the server kept the connection open, waiting for the body; got: "
                + got.toString(StandardCharsets.ISO_8859_1),
            e);
      } catch (SocketException e) {
        // a reset after the answer: the connection is closed all the same
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aRateLimitedRequestIsAnswered429BeforeItsBodyIsReadOrParsed() throws IOException {
    try (TestSigner signer =
        TestSigner.start(
            service,
            Map.of(
                "SIGNER_API_KEYS", "alice=key-a",
                "SIGNER_RATE_LIMIT_PER_SECOND", "0.001",
                "SIGNER_RATE_LIMIT_BURST", "1",
                "SIGNER_REQUEST_TIMEOUT_MS", "60000"))) {
      SignerHttp alice = signer.http().header("x-api-key", "key-a");
      assertProblem(alice.get(prefix + "/keys/k"), Catalogue.NO_KEY_FOUND); // the only token
      // a malformed body, complete: 429, not 400
      HttpAnswer malformed = alice.post(prefix + "/dkg/round1/k", "{not json", "application/json");
      assertProblem(malformed, Catalogue.RATE_LIMITED);
      // a body announced far over SIGNER_MAX_BODY_BYTES and still arriving: 429 (not 413) at once,
      // and the connection is closed instead of reading the rest
      String head =
          "POST "
              + prefix
              + "/dkg/round1/k HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: key-a\r\n"
              + "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n";
      String answer =
          rawExchange(
              signer.port(), head, "{\"round1_package\": [[[".getBytes(StandardCharsets.US_ASCII));
      assertTrue(answer.startsWith("HTTP/1.1 429 "), answer);
      assertTrue(answer.contains("\"title\":\"Too Many Requests\""), answer);
      assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
    }
  }

  @Test
  void rateLimitIsOffByDefault() {
    try (TestSigner signer = TestSigner.memory(service)) {
      SignerHttp http = signer.http();
      for (int i = 0; i < 200; i++) {
        assertProblem(http.get(prefix + "/keys/k"), Catalogue.NO_KEY_FOUND);
      }
    }
  }
}
