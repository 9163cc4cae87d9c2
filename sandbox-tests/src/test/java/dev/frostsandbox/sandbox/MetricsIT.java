package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.signer.SuiteBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * /metrics of the ecdsa-schnorr jar on Redis: requests by route template and status with latency
 * histogram buckets, DKG and signature counts per ciphersuite, and store errors once Redis is gone.
 */
class MetricsIT {

  @Test
  void metricsCountRequestsProtocolRunsAndStoreErrors() {
    try (RedisProcess redis =
        new RedisProcess(List.of("--appendonly", "yes", "--save", "")).start()) {
      int port = Sandbox.freePort();
      Map<String, String> env =
          Map.of(
              "SIGNER_HTTP_HOST", "127.0.0.1",
              "SIGNER_HTTP_PORT", Integer.toString(port),
              "SIGNER_EVENT_LOOPS", "2",
              "SIGNER_REDIS_URL", redis.url(),
              "SIGNER_REDIS_TIMEOUT_MS", "500");
      try (ServiceProcess svc = ServiceProcess.start(Sandbox.ecdsaJar(), env, port)) {
        svc.awaitReady(Duration.ofSeconds(60));
        SignerHttp http = new SignerHttp(svc.baseUrl());
        for (SuiteBinding<?> suite : EcdsaSchnorrService.DEFINITION.suites()) {
          Flows.dkgAndSign(http, EcdsaSchnorrService.DEFINITION, suite, Flows.newKeyId());
        }
        http.get("/signers/ecdsa-schnorr/keys/absent-key").expect(404);

        PrometheusText before = scrape(http);
        String p = "/signers/ecdsa-schnorr";
        for (SuiteBinding<?> suite : EcdsaSchnorrService.DEFINITION.suites()) {
          Map<String, String> cs = Map.of("ciphersuite", suite.ciphersuite());
          assertEquals(1.0, before.sum("frost_dkg_completed_total", cs), suite.ciphersuite());
          assertEquals(
              1.0,
              before.sum(
                  "frost_signature_shares_total",
                  Map.of("ciphersuite", suite.ciphersuite(), "mode", "one-round")));
          assertEquals(
              1.0,
              before.sum(
                  "frost_signature_shares_total",
                  Map.of("ciphersuite", suite.ciphersuite(), "mode", "two-round")));
        }
        Map<String, String> round1 =
            Map.of("route", p + "/dkg/round1/{keyid}", "method", "POST", "status", "201");
        double suites = EcdsaSchnorrService.DEFINITION.suites().size(); // one DKG each
        assertEquals(suites, before.sum("http_server_requests_seconds_count", round1));
        assertTrue(
            before.count("http_server_requests_seconds_bucket", round1) > 5, "a latency histogram");
        assertEquals(
            suites,
            before.sum(
                "http_server_requests_seconds_bucket",
                Map.of("route", p + "/dkg/round1/{keyid}", "status", "201", "le", "+Inf")));
        assertEquals(
            1.0,
            before.sum(
                "http_server_requests_seconds_count",
                Map.of("route", p + "/keys/{keyid}", "method", "GET", "status", "404")));
        assertEquals(0.0, before.sum("signer_store_errors_total", Map.of()));

        redis.stop();
        HttpAnswer down = http.get(p + "/keys/any-key");
        assertTrue(down.status() >= 500, "a store failure answers 5xx: " + down.status());
        PrometheusText after = scrape(http);
        assertTrue(
            after.sum("signer_store_errors_total", Map.of()) >= 1.0, "store errors are counted");
        assertEquals(
            1.0,
            after.sum(
                "http_server_requests_seconds_count",
                Map.of("route", p + "/keys/{keyid}", "status", Integer.toString(down.status()))));
      }
    }
  }

  private static PrometheusText scrape(SignerHttp http) {
    HttpAnswer a = http.get("/metrics").expect(200);
    assertTrue(a.header("Content-Type").startsWith("text/plain"), a.header("Content-Type"));
    return PrometheusText.parse(a.body());
  }
}
