package dev.frostsandbox.service.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.testing.TestSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Request metrics are labelled by route template and standard method only: requests with paths and
 * methods the service never declared (405 on a key path, 401 before routing, unknown paths,
 * invented methods, invalid keyids) add no series, and no keyid reaches /metrics.
 */
class MetricsCardinalityTest {

  private static final String P = EddsaService.DEFINITION.prefix();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void tenThousandDistinctUnknownPathsAndMethodsLeaveTheSeriesUnchanged() throws Exception {
    try (TestSigner signer =
        TestSigner.start(EddsaService.DEFINITION, Map.of("SIGNER_API_KEYS", "alice=key-a"))) {
      String base = signer.baseUrl();
      // one request of each kind first: each kind's (template or unmatched, method, status) series
      // exists after it
      for (int i = 0; i < 3; i++) {
        sendAll(base, "warm" + i);
      }
      requestSeries(base); // the scrape's own series
      Set<String> before = requestSeries(base);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
          String unique = "k" + i;
          sent.add(
              pool.submit(
                  () -> {
                    sendAll(base, unique);
                    return null;
                  }));
        }
        for (Future<?> f : sent) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      Set<String> after = requestSeries(base);
      assertEquals(
          before, after, "no series were added by 10,000 requests with distinct paths and methods");
      assertTrue(
          after.stream()
              .anyMatch(
                  s ->
                      s.contains("route=\"" + P + "/keys/{keyid}\"")
                          && s.contains("status=\"405\"")),
          "a 405 on a key path is labelled with its template: " + after);
      assertTrue(
          after.stream()
              .anyMatch(
                  s ->
                      s.contains("route=\"" + P + "/keys/{keyid}\"")
                          && s.contains("method=\"OTHER\"")),
          "an invented method is labelled OTHER: " + after);
      assertTrue(
          after.stream()
              .anyMatch(s -> s.contains("route=\"unmatched\"") && s.contains("status=\"404\"")),
          after.toString());
      String scrape = get(base + "/metrics");
      assertFalse(
          scrape.contains("k1999") || scrape.contains("warm0"),
          "no keyid or path reaches /metrics");
    }
  }

  /** Five requests, each with a path (and one with a method) never seen before. */
  private void sendAll(String base, String unique) throws Exception {
    assertEquals(401, send(base + P + "/keys/" + unique, "PUT", null)); // 401 before routing
    assertEquals(405, send(base + P + "/keys/" + unique, "PUT", "key-a")); // 405 on a key path
    assertEquals(404, send(base + "/nowhere/" + unique, "GET", "key-a"));
    assertEquals(404, send(base + P + "/keys/" + unique + "/extra", "GET", "key-a"));
    int invented =
        send(base + P + "/keys/" + unique, "X" + unique.toUpperCase(Locale.ROOT), "key-a");
    assertTrue(
        invented >= 400 && invented < 500, "an invented method is a client error: " + invented);
  }

  private int send(String url, String method, String apiKey) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (apiKey != null) {
      b.header("x-api-key", apiKey);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The label sets of http_server_requests (one per series). */
  private Set<String> requestSeries(String base) throws Exception {
    Set<String> series = new TreeSet<>();
    for (String line : get(base + "/metrics").split("\n", -1)) {
      if (line.startsWith("http_server_requests_seconds_count{")) {
        series.add(line.substring(0, line.lastIndexOf('}') + 1));
      }
    }
    return series;
  }
}
