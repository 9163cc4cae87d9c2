package dev.frostsandbox.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.TrustedDealer;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
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
import java.util.Base64;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The floor under the service's HTTP figures: what the same stack costs per one-round sign request
 * with no FROST in it. Same Vert.x HTTP server and router, one event loop per core, the same {@link
 * BodyHandler}, the body parsed with the same Jackson mapper, one Redis GET of a 337-byte value
 * through the service's own {@link RedisStore} (the stored key of a 2-of-2), and an answer of the
 * service's shape and size serialized per request. Nothing else: no logging, metrics, tenants, rate
 * limiting, faults or (without {@code engine}, below) crypto.
 *
 * <pre>
 *   java -cp load-tool/target/load-tool.jar dev.frostsandbox.load.BaselineServer [port] [redis-url] [suite] [engine]
 *   java -jar load-tool/target/load-tool.jar --url http://127.0.0.1:8081 --sign-url http://127.0.0.1:18090 \
 *     --op sign --verify-every 0 ...
 * </pre>
 *
 * Keys are made by DKG at the real service ({@code --url}); the signing requests go here. The
 * answer has the shape of the given suite's (default FROST-secp256k1-SHA256-v1): its identifier
 * encoding and the lengths of its elements and scalars, rendered by the suite's own {@link
 * FrostJson} once at start.
 *
 * <p>With a fourth argument {@code engine} it is the floor plus the engine (the "engine floor"):
 * after the GET it reads the client's commitments with the suite's {@link PackageReader} (decoding
 * and checking each element), commits, signs and renders the answer with the suite's {@link
 * FrostJson}, as the service's one-round sign does, with a 2-of-2 key of its own dealt at start.
 * What any server that signs on its event loops spends at the least, to tell the service's own
 * share of a latency from the engine's.
 */
public final class BaselineServer {

  static final String STORED_KEY = "frost-baseline:{key}";

  /** The sealed value of a stored 2-of-2 key is 337 bytes (docs/benchmarks.md). */
  static final int STORED_BYTES = 337;

  private BaselineServer() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
    String redisUrl = args.length > 1 ? args[1] : "redis://127.0.0.1:6379";
    String suite = args.length > 2 ? args[2] : "FROST-secp256k1-SHA256-v1";
    if (args.length > 3 && !args[3].equals("engine")) {
      throw new IllegalArgumentException("the fourth argument is engine or nothing: " + args[3]);
    }
    boolean engine = args.length > 3;
    Vertx vertx = Vertx.vertx();
    try {
      int loops = start(vertx, port, redisUrl, suite, engine).await(30, TimeUnit.SECONDS);
      System.out.printf(
          "baseline server on port %d, %d event loops, Redis %s, answers of %s: %s%n",
          port, loops, redisUrl, suite, engine ? "signed by the engine" : answerOf(suite));
    } catch (Exception e) {
      // Vert.x's threads would keep a JVM that failed to start alive, and a script waiting for it
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** Starts one verticle per core on {@code port}; the future holds the number of event loops. */
  public static Future<Integer> start(Vertx vertx, int port, String redisUrl) {
    return start(vertx, port, redisUrl, "FROST-secp256k1-SHA256-v1");
  }

  /** As above, answering with the shape of {@code suite}'s one-round answer. */
  public static Future<Integer> start(Vertx vertx, int port, String redisUrl, String suite) {
    return start(vertx, port, redisUrl, suite, false);
  }

  /** As above; with {@code engine}, each answer is signed by the engine (see the class comment). */
  public static Future<Integer> start(
      Vertx vertx, int port, String redisUrl, String suite, boolean engine) {
    Frost<?> frost = frostOf(suite);
    Function<JsonNode, ObjectNode> answer;
    if (engine) {
      answer = new EngineSign<>(frost, new SecureRandom())::answer;
    } else {
      ObjectNode canned = answerOf(frost);
      answer = b -> canned.deepCopy(); // a tree per request, as the service builds its own
    }
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
    private final Function<JsonNode, ObjectNode> answer;

    Http(Store store, int port, Function<JsonNode, ObjectNode> answer) {
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
                ObjectNode tree;
                try {
                  tree = answer.apply(body);
                } catch (IllegalArgumentException | FrostException e) {
                  ctx.response().setStatusCode(400).end();
                  return;
                } catch (RuntimeException e) {
                  ctx.response().setStatusCode(500).end(); // answered: the client's pool moves on
                  return;
                }
                try {
                  byte[] out = FrostJson.MAPPER.writeValueAsBytes(tree);
                  ctx.response()
                      .putHeader("content-type", "application/json")
                      .end(Buffer.buffer(out));
                } catch (IOException e) {
                  ctx.fail(e);
                }
              });
    }
  }

  /**
   * The crypto of the service's one-round sign and nothing around it: the server (identifier 2) of
   * a 2-of-2 dealt at start signs with fresh nonces. No tenants, key records, limits or faults (the
   * service's); a body with other than one client's commitments, one the suite's reader refuses, or
   * one that names the server's identifier throws IllegalArgumentException (FrostException for a
   * signing package the engine refuses).
   */
  static final class EngineSign<E> {
    private final Frost<E> frost;
    private final SecureRandom random;
    final TrustedDealer.DealerOutput<E> deal;
    private final KeyPackage<E> server;

    EngineSign(Frost<E> frost, SecureRandom random) {
      this.frost = frost;
      this.random = random;
      this.deal = frost.dealer().generate(2, 2, random);
      this.server = frost.dealer().keyPackage(deal.shares().get(Identifier.of(2)));
    }

    ObjectNode answer(JsonNode body) {
      // the client's one entry of the 2-of-2, checked before any decoding: the work per request
      // stays one sign's, whatever the body holds
      if (body.path("signing_commitments").size() != 1 || !body.path("message").isTextual()) {
        throw new IllegalArgumentException("not a 2-of-2 one-round sign request");
      }
      FrostJson<E> json = frost.json();
      PackageReader<E> r = json.reader();
      SortedMap<Identifier, SigningCommitments<E>> all =
          r.identifierMap(
              body.get("signing_commitments"), "/signing_commitments", r::signingCommitments);
      if (all == null || r.hasErrors() || all.containsKey(server.identifier())) {
        throw new IllegalArgumentException("not a one-round sign request");
      }
      byte[] message = Base64.getDecoder().decode(body.get("message").asText());
      SigningNonces<E> nonces = frost.signing().commit(server.signingShare(), random);
      all.put(server.identifier(), nonces.commitments());
      SignatureShare share =
          frost.signing().sign(new SigningPackage<>(all, message), nonces, server);
      return render(json, server.identifier(), nonces.commitments(), share);
    }
  }

  /**
   * The one-round answer of {@code suite} as SigningRoutes renders it: the server's identifier (2),
   * the commitments of fresh nonces and a share, encoded by the suite's FrostJson.
   */
  static ObjectNode answerOf(String suite) {
    return answerOf(frostOf(suite));
  }

  static Frost<?> frostOf(String suite) {
    for (ServiceDefinition d : LoadTool.SERVICES) {
      SuiteBinding<?> s = d.suitesByName().get(suite);
      if (s != null) {
        return s.frost();
      }
    }
    throw new IllegalArgumentException("unknown suite " + suite);
  }

  private static <E> ObjectNode answerOf(Frost<E> frost) {
    SecureRandom random = new SecureRandom();
    SigningNonces<E> nonces = frost.signing().commit(new BigInteger(128, random), random);
    return render(
        frost.json(),
        Identifier.of(2),
        nonces.commitments(),
        new SignatureShare(new BigInteger(200, random)));
  }

  /** The one-round answer as SigningRoutes renders it. */
  private static <E> ObjectNode render(
      FrostJson<E> json, Identifier id, SigningCommitments<E> commitments, SignatureShare share) {
    ObjectNode out = FrostJson.MAPPER.createObjectNode();
    out.put("identifier", json.identifier(id));
    out.set("signing_commitments", json.signingCommitments(commitments));
    out.set("signature_share", json.signatureShare(share));
    return out;
  }
}
