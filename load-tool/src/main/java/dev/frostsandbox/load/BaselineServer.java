package dev.frostsandbox.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
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
import java.math.BigInteger;
import java.security.SecureRandom;
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
 *   java -cp load-tool/target/load-tool.jar dev.frostsandbox.load.BaselineServer [port] [redis-url] [suite]
 *   java -jar load-tool/target/load-tool.jar --url http://127.0.0.1:8081 --sign-url http://127.0.0.1:18090 \
 *     --op sign --verify-every 0 ...
 * </pre>
 *
 * Keys are made by DKG at the real service ({@code --url}); the signing requests go here. The
 * answer has the shape of the given suite's (default FROST-secp256k1-SHA256-v1): its identifier
 * encoding and the lengths of its elements and scalars, rendered by the suite's own {@link
 * FrostJson} once at start.
 */
public final class BaselineServer {

  static final String STORED_KEY = "frost-baseline:{key}";

  /** The sealed value of a stored 2-of-2 key is 337 bytes (docs/benchmarks.md). */
  static final int STORED_BYTES = 337;

  private BaselineServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
    String redisUrl = args.length > 1 ? args[1] : "redis://127.0.0.1:6379";
    String suite = args.length > 2 ? args[2] : "FROST-secp256k1-SHA256-v1";
    Vertx vertx = Vertx.vertx();
    int loops = start(vertx, port, redisUrl, suite).await(30, TimeUnit.SECONDS);
    System.out.printf(
        "baseline server on port %d, %d event loops, Redis %s, answers of %s: %s%n",
        port, loops, redisUrl, suite, answerOf(suite));
  }

  /** Starts one verticle per core on {@code port}; the future holds the number of event loops. */
  public static Future<Integer> start(Vertx vertx, int port, String redisUrl) {
    return start(vertx, port, redisUrl, "FROST-secp256k1-SHA256-v1");
  }

  /** As above, answering with the shape of {@code suite}'s one-round answer. */
  public static Future<Integer> start(Vertx vertx, int port, String redisUrl, String suite) {
    ObjectNode answer = answerOf(suite);
    int loops = Runtime.getRuntime().availableProcessors();
    return RedisStore.connect(vertx, RedisStoreConfig.standalone(redisUrl))
        .compose(store -> store.put(STORED_KEY, new byte[STORED_BYTES], null).map((Store) store))
        .compose(
            store ->
                vertx.deployVerticle(
                    () -> new Http(store, port, answer),
                    new DeploymentOptions().setInstances(loops)))
        .map(id -> loops);
  }

  private static final class Http extends AbstractVerticle {
    private final Store store;
    private final int port;
    private final ObjectNode answer;

    Http(Store store, int port, ObjectNode answer) {
      this.store = store;
      this.port = port;
      this.answer = answer;
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

    /** The service's one-round answer, a tree per request as the service builds its own. */
    private ObjectNode answer() {
      return answer.deepCopy();
    }
  }

  /**
   * The one-round answer of {@code suite} as SigningRoutes renders it: the server's identifier (2),
   * the commitments of fresh nonces and a share, encoded by the suite's FrostJson.
   */
  static ObjectNode answerOf(String suite) {
    for (ServiceDefinition d : LoadTool.SERVICES) {
      SuiteBinding<?> s = d.suitesByName().get(suite);
      if (s != null) {
        return answerOf(s.frost());
      }
    }
    throw new IllegalArgumentException("unknown suite " + suite);
  }

  private static <E> ObjectNode answerOf(Frost<E> frost) {
    SecureRandom random = new SecureRandom();
    FrostJson<E> json = frost.json();
    SigningNonces<E> nonces = frost.signing().commit(new BigInteger(128, random), random);
    ObjectNode out = FrostJson.MAPPER.createObjectNode();
    out.put("identifier", json.identifier(Identifier.of(2)));
    out.set("signing_commitments", json.signingCommitments(nonces.commitments()));
    out.set(
        "signature_share", json.signatureShare(new SignatureShare(new BigInteger(200, random))));
    return out;
  }
}
