package dev.frostsandbox.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.store.RedisStore;
import dev.frostsandbox.store.RedisStoreConfig;
import dev.frostsandbox.store.Store;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The floor under the service's HTTP figures: what the same stack costs per one-round sign request
 * with no FROST in it. Same Vert.x HTTP server and router, one event loop per core, the same {@link
 * BodyHandler}, the body parsed with the same Jackson mapper, one Redis GET of a 337-byte value
 * through the service's own {@link RedisStore} (the stored key of a 2-of-2), and an answer of the
 * service's shape and size serialized per request. Nothing else: no logging, metrics, tenants, rate
 * limiting, faults or crypto.
 *
 * <pre>
 *   java -cp load-tool/target/load-tool.jar dev.frostsandbox.load.BaselineServer [port] [redis-url]
 *   java -jar load-tool/target/load-tool.jar --url http://127.0.0.1:8081 --sign-url http://127.0.0.1:18090 \
 *     --op sign --verify-every 0 ...
 * </pre>
 *
 * Keys are made by DKG at the real service ({@code --url}); the signing requests go here.
 */
public final class BaselineServer {

  static final String STORED_KEY = "frost-baseline:{key}";

  /** The sealed value of a stored 2-of-2 key is 337 bytes (docs/benchmarks.md). */
  static final int STORED_BYTES = 337;

  private BaselineServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
    String redisUrl = args.length > 1 ? args[1] : "redis://127.0.0.1:6379";
    Vertx vertx = Vertx.vertx();
    int loops = start(vertx, port, redisUrl).await(30, TimeUnit.SECONDS);
    System.out.printf(
        "baseline server on port %d, %d event loops, Redis %s%n", port, loops, redisUrl);
  }

  /** Starts one verticle per core on {@code port}; the future holds the number of event loops. */
  public static Future<Integer> start(Vertx vertx, int port, String redisUrl) {
    int loops = Runtime.getRuntime().availableProcessors();
    return RedisStore.connect(vertx, RedisStoreConfig.standalone(redisUrl))
        .compose(store -> store.put(STORED_KEY, new byte[STORED_BYTES], null).map((Store) store))
        .compose(
            store ->
                vertx.deployVerticle(
                    () -> new Http(store, port), new DeploymentOptions().setInstances(loops)))
        .map(id -> loops);
  }

  private static final class Http extends AbstractVerticle {
    private final Store store;
    private final int port;

    Http(Store store, int port) {
      this.store = store;
      this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
      Router router = Router.router(vertx);
      router
          .post("/signers/:service/sign/:keyid")
          .consumes("application/json")
          .handler(BodyHandler.create().setBodyLimit(64 * 1024))
          .handler(this::sign);
      vertx
          .createHttpServer(
              new HttpServerOptions().setPort(port).setHost("127.0.0.1").setTcpNoDelay(true))
          .requestHandler(router)
          .listen()
          .<Void>mapEmpty()
          .onComplete(started);
    }

    private void sign(RoutingContext ctx) {
      JsonNode body;
      try {
        body = FrostJson.MAPPER.readTree(ctx.body().buffer().getBytes());
      } catch (IOException e) {
        ctx.response().setStatusCode(400).end();
        return;
      }
      if (!body.path("signing_commitments").isObject()) {
        ctx.response().setStatusCode(400).end();
        return;
      }
      store
          .get(STORED_KEY)
          .onComplete(
              ar -> {
                if (ar.failed() || ar.result() == null) {
                  ctx.response().setStatusCode(503).end();
                  return;
                }
                try {
                  byte[] out = FrostJson.MAPPER.writeValueAsBytes(answer());
                  ctx.response()
                      .putHeader("content-type", "application/json")
                      .end(Buffer.buffer(out));
                } catch (IOException e) {
                  ctx.fail(e);
                }
              });
    }

    // the service's answer fields at their lengths (33-byte points, 32-byte share), in hex
    private static final String IDENTIFIER = "00".repeat(31) + "02";
    private static final String POINT = "ab".repeat(33);
    private static final String SCALAR = "ab".repeat(32);

    /** The service's one-round answer, built as the service builds its own: a tree per request. */
    private static ObjectNode answer() {
      ObjectNode out = FrostJson.MAPPER.createObjectNode();
      out.put("identifier", IDENTIFIER);
      ObjectNode commitments = out.putObject("signing_commitments");
      commitments.put("hiding", POINT);
      commitments.put("binding", POINT);
      out.putObject("signature_share").put("share", SCALAR);
      return out;
    }
  }
}
