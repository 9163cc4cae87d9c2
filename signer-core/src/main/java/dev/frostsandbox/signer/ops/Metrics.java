package dev.frostsandbox.signer.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Prometheus metrics of one service: requests by route and status with latency histograms, DKG, key
 * lifecycle (refresh, repair) and signature counts by ciphersuite, store errors and injected
 * faults.
 */
public final class Metrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter storeErrors;
  private final ConcurrentMap<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();

  private record RequestKey(String route, String method, int status) {}

  public Metrics(String service) {
    registry.config().commonTags("service", service);
    new JvmMemoryMetrics().bindTo(registry);
    storeErrors =
        Counter.builder("signer_store_errors")
            .description("Failed store operations")
            .register(registry);
  }

  public void request(String route, String method, int status, Duration latency) {
    // one lookup in a small map instead of a builder, tags and a registry lookup per request
    requestTimers
        .computeIfAbsent(
            new RequestKey(route, method, status),
            k ->
                Timer.builder("http_server_requests")
                    .description("HTTP requests by route, method and status")
                    .tags(
                        "route",
                        k.route(),
                        "method",
                        k.method(),
                        "status",
                        Integer.toString(k.status()))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry))
        .record(latency);
  }

  public void dkgCompleted(String ciphersuite) {
    registry.counter("frost_dkg_completed", "ciphersuite", ciphersuite).increment();
  }

  /** Key lifecycle operations: {@code refresh}, {@code repair-help}, {@code repair-share}. */
  public static final String REFRESH = "refresh";

  public static final String REPAIR_HELP = "repair-help";
  public static final String REPAIR_SHARE = "repair-share";

  /**
   * A key lifecycle operation that made key material: a refresh that replaced the server's share, a
   * repair part 2 that answered the server's sigma, a repair part 3 that rebuilt the server's
   * share.
   */
  public void keyLifecycleCompleted(String ciphersuite, String operation) {
    registry
        .counter(
            "frost_key_lifecycle_completed", "ciphersuite", ciphersuite, "operation", operation)
        .increment();
  }

  public void signatureShare(String ciphersuite, String mode) {
    registry
        .counter("frost_signature_shares", "ciphersuite", ciphersuite, "mode", mode)
        .increment();
  }

  public void aggregated(String ciphersuite) {
    registry.counter("frost_signatures_aggregated", "ciphersuite", ciphersuite).increment();
  }

  public void storeError() {
    storeErrors.increment();
  }

  public void faultInjected(String fault) {
    registry.counter("signer_faults_injected", "fault", fault).increment();
  }

  public String scrape() {
    return registry.scrape();
  }
}
