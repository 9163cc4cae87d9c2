package dev.frostsandbox.signer.ops;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.relay.RelayRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Liveness, readiness (with a store round trip), Prometheus metrics and the OpenAPI document. */
public final class OpsRoutes {

  private final SignerContext sc;
  private final Buffer openApi;

  public OpsRoutes(SignerContext sc) {
    this.sc = sc;
    this.openApi = Buffer.buffer(openApiDocument(sc));
  }

  /**
   * The OpenAPI document with this service's prefix and ciphersuites filled in (and its relay, if
   * any).
   */
  public static String openApiDocument(SignerContext sc) {
    String relay = "";
    if (sc.definition().relays()) {
      // the relay's two paths: the documented one, and the same operation under the service prefix
      String op = resource("/openapi/relay.yaml");
      relay =
          op.replace("${RELAY_PATH}", RelayRoutes.documentedPath(sc.definition()))
                  .replace("${RELAY_OPERATION_ID}", "relay")
                  .replace("${RELAY_ALSO}", "")
              + op.replace("${RELAY_PATH}", sc.definition().prefix() + RelayRoutes.ROUTE)
                  .replace("${RELAY_OPERATION_ID}", "relayUnderServicePrefix")
                  .replace("${RELAY_ALSO}", " (same as /v1${PREFIX}/relay)");
    }
    return resource("/openapi/signer.yaml")
        .replace("${RELAY_PATHS}\n", relay)
        .replace("${SERVICE}", sc.definition().name())
        .replace("${PREFIX}", sc.definition().prefix())
        .replace("${KEY_KIND}", sc.definition().keyKind())
        .replace("${CIPHERSUITES}", String.join(", ", sc.definition().ciphersuites()))
        .replace(
            "${CIPHERSUITE_ENUM}", "[" + String.join(", ", sc.definition().ciphersuites()) + "]");
  }

  private static String resource(String name) {
    try (InputStream in = OpsRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Router router(Vertx vertx) {
    return addTo(Router.router(vertx));
  }

  /** Registers the ops endpoints on {@code r} (the root router). */
  public Router addTo(Router r) {
    r.get("/health/live").handler(ctx -> ok(ctx, "{\"status\":\"UP\"}"));
    r.get("/health/ready").handler(this::ready);
    // a scrape renders every meter (70 KB, 7 to 24 ms on the 2-core bench machine under load): on
    // a worker thread, so a Prometheus poll never stalls the requests queued on this event loop
    r.get("/metrics")
        .handler(
            ctx ->
                ctx.vertx()
                    .executeBlocking(() -> sc.metrics().scrape(), false)
                    .onSuccess(
                        text ->
                            ctx.response()
                                .putHeader(
                                    "Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                                .end(text))
                    .onFailure(ctx::fail));
    r.get("/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));
    return r;
  }

  private static void ok(RoutingContext ctx, String json) {
    ctx.response().putHeader("Content-Type", "application/json").end(json);
  }

  /**
   * "deterministic" when SIGNER_DETERMINISTIC_SEED derives the protocol's randomness, else
   * "random".
   */
  private String mode() {
    return sc.config().deterministicSeed() != null ? "deterministic" : "random";
  }

  private void ready(RoutingContext ctx) {
    long timeout = Math.max(100, sc.config().requestTimeout().toMillis() / 2);
    sc.state()
        .ping()
        .timeout(timeout, TimeUnit.MILLISECONDS)
        .onSuccess(v -> ok(ctx, "{\"status\":\"UP\",\"store\":\"UP\",\"mode\":\"" + mode() + "\"}"))
        .onFailure(
            e ->
                ProblemRenderer.send(
                    ctx,
                    Problem.of(Catalogue.SERVICE_UNAVAILABLE, "The store does not answer")
                        .withExtension("store", "DOWN")));
  }
}
