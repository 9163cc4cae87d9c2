package dev.frostsandbox.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP: a vert.x server on a random port, called with java.net.http. */
class ProblemRendererHttpTest {

  static final String SECRET = "sk_live_4f8bDEADBEEF share=0x1234abcd";
  static final String CUSTOM_BASE = "https://sandbox.example/errors";

  static Vertx vertx;
  static int port;
  static int customPort;
  static HttpClient client;

  /** Per client port a test watches: completed when the first server sees that connection close. */
  static final Map<Integer, CompletableFuture<Void>> closes = new ConcurrentHashMap<>();

  static final ObjectMapper JSON = new ObjectMapper();

  final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logs.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    ProblemRenderer.create().install(router);
    router
        .post("/echo")
        .handler(BodyHandler.create().setBodyLimit(64))
        .handler(ctx -> ctx.end(ctx.body().buffer()));
    router.post("/json").consumes("application/json").handler(ctx -> ctx.end("ok"));
    router
        .get("/signers/ecdsa-schnorr/dkg/round1/:keyid")
        .handler(
            ctx -> {
              throw Catalogue.NO_DKG_ROUND_FOUND
                  .problem("round 1 not started")
                  .withKeyId(ctx.pathParam("keyid"))
                  .withErrors(List.of(new FieldError("/round", "unknown")))
                  .withRetryAfter(Duration.ofSeconds(30))
                  .toException();
            });
    router
        .get("/quota")
        .handler(
            ctx ->
                ctx.fail(
                    new ProblemException(
                        Problem.of(Catalogue.QUOTA_DPP_LIMIT_EXCEEDED)
                            .withHeader("Retry-After", "120")
                            .withInstance("/explicit/instance"))));
    router
        .get("/boom")
        .handler(
            ctx -> {
              throw new IllegalStateException(SECRET);
            });
    router.get("/conflict").handler(ctx -> ctx.fail(409));
    router.get("/bad-gateway").handler(ctx -> ctx.fail(502));
    router
        .get("/http-exception")
        .handler(
            ctx -> {
              throw new HttpException(400, "query parameter 'n' must be a number");
            });
    router
        .get("/http-exception-500")
        .handler(
            ctx -> {
              throw new HttpException(500, SECRET);
            });
    router
        .get("/send")
        .handler(ctx -> ProblemRenderer.send(ctx, Problem.of(Catalogue.REDIS_ERROR)));
    port =
        vertx
            .createHttpServer()
            .connectionHandler(
                c -> {
                  int clientPort = c.remoteAddress().port();
                  c.closeHandler(
                      v -> {
                        CompletableFuture<Void> watched = closes.get(clientPort);
                        if (watched != null) {
                          watched.complete(null);
                        }
                      });
                })
            .requestHandler(router)
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .actualPort();

    Router custom = Router.router(vertx);
    ProblemRenderer.create(
            CUSTOM_BASE, t -> Problem.of(Catalogue.SERVICE_UNAVAILABLE, "custom fallback"))
        .install(custom);
    custom
        .get("/redis")
        .handler(
            ctx -> {
              throw Catalogue.REDIS_ERROR.exception(null);
            });
    custom
        .get("/send")
        .handler(ctx -> ProblemRenderer.send(ctx, Problem.of(Catalogue.SERIALIZE_ERROR)));
    custom
        .get("/boom")
        .handler(
            ctx -> {
              throw new IllegalStateException(SECRET);
            });
    HttpServer s2 =
        vertx
            .createHttpServer()
            .requestHandler(custom)
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    customPort = s2.actualPort();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void captureLogs() {
    Logger.getLogger(ProblemRenderer.class.getName()).addHandler(capture);
  }

  @AfterEach
  void releaseLogs() {
    Logger.getLogger(ProblemRenderer.class.getName()).removeHandler(capture);
  }

  static HttpResponse<String> call(
      int port, String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return call(port, "GET", path, null, null);
  }

  static JsonNode assertProblem(HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode n = JSON.readTree(r.body());
    assertEquals(status, n.get("status").asInt());
    return n;
  }

  static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /**
   * The request stream failing under a BodyHandler (the client leaves mid-body, or the decoder
   * cannot read a chunk) is the client's doing: not logged as a server error. The connection's
   * close handler runs after the request's failure handling, so the check waits for it. (The answer
   * itself is the signer's to check: this server lacks its flush before the close.)
   */
  @Test
  void aBodyTheClientBreaksOrAbandonsIsNoServerError() throws Exception {
    String head = "POST /echo HTTP/1.1\r\nHost: x\r\n";
    for (String request :
        List.of(
            head + "Content-Length: 50\r\n\r\n{\"a\":",
            head + "Transfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n",
            head + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n")) {
      CompletableFuture<Void> closed = new CompletableFuture<>();
      int clientPort;
      try (Socket socket = new Socket()) {
        // the port is known before the connection, so the watch is in place before it opens
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        clientPort = socket.getLocalPort();
        closes.put(clientPort, closed);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      }
      // the server saw the connection close
      closed.get(10, TimeUnit.SECONDS);
      closes.remove(clientPort);
      assertEquals(List.of(), logs.stream().map(LogRecord::getMessage).toList(), request);
    }
  }

  @Test
  void problemExceptionRendersEveryMember() throws Exception {
    HttpResponse<String> r = get("/signers/ecdsa-schnorr/dkg/round1/0x4f8b?x=1");
    JsonNode n = assertProblem(r, 404);
    assertEquals(
        List.of("type", "title", "status", "detail", "instance", "keyid", "errors"), names(n));
    assertEquals(
        "https://docs.keyban.io/products/embedded-wallet/exceptions#no-dkg-round-found",
        n.get("type").asText());
    assertEquals("No DKG round found", n.get("title").asText());
    assertEquals("round 1 not started", n.get("detail").asText());
    assertEquals("/signers/ecdsa-schnorr/dkg/round1/0x4f8b", n.get("instance").asText());
    assertEquals("0x4f8b", n.get("keyid").asText());
    assertEquals("/round", n.at("/errors/0/pointer").asText());
    assertEquals("unknown", n.at("/errors/0/detail").asText());
    assertEquals("30", r.headers().firstValue("Retry-After").orElse(""));
    assertEquals(
        "{\"type\":\"https://docs.keyban.io/products/embedded-wallet/exceptions#no-dkg-round-found\","
            + "\"title\":\"No DKG round found\",\"status\":404,\"detail\":\"round 1 not started\","
            + "\"instance\":\"/signers/ecdsa-schnorr/dkg/round1/0x4f8b\",\"keyid\":\"0x4f8b\","
            + "\"errors\":[{\"pointer\":\"/round\",\"detail\":\"unknown\"}]}",
        r.body());
  }

  @Test
  void backendErrorIsAboutBlankWithFixedDetailAndExplicitInstance() throws Exception {
    HttpResponse<String> r = get("/quota");
    JsonNode n = assertProblem(r, 429);
    assertEquals("about:blank", n.get("type").asText());
    assertEquals("Quota DPP limit exceeded", n.get("title").asText());
    assertEquals(Catalogue.QUOTA_DPP_LIMIT_EXCEEDED.defaultDetail(), n.get("detail").asText());
    assertEquals("/explicit/instance", n.get("instance").asText());
    assertEquals("120", r.headers().firstValue("Retry-After").orElse(""));
  }

  @Test
  void unknownRouteIsNotFoundProblem() throws Exception {
    JsonNode n = assertProblem(get("/no/such/route"), 404);
    assertEquals("about:blank", n.get("type").asText());
    assertEquals("Not Found", n.get("title").asText());
    assertEquals("/no/such/route", n.get("instance").asText());
  }

  @Test
  void wrongMethodIsMethodNotAllowedProblem() throws Exception {
    JsonNode n = assertProblem(call(port, "DELETE", "/conflict", null, null), 405);
    assertEquals("Method Not Allowed", n.get("title").asText());
    assertEquals("The method DELETE is not allowed on this resource.", n.get("detail").asText());
    assertEquals("/conflict", n.get("instance").asText());
  }

  @Test
  void bodyOverLimitIsContentTooLarge() throws Exception {
    assertEquals(200, call(port, "POST", "/echo", "text/plain", "small").statusCode());
    JsonNode n = assertProblem(call(port, "POST", "/echo", "text/plain", "x".repeat(1000)), 413);
    assertEquals("Content Too Large", n.get("title").asText());
    assertEquals("about:blank", n.get("type").asText());
    assertEquals("/echo", n.get("instance").asText());
  }

  @Test
  void wrongContentTypeIsUnsupportedMediaType() throws Exception {
    JsonNode n = assertProblem(call(port, "POST", "/json", "text/plain", "hello"), 415);
    assertEquals("Unsupported Media Type", n.get("title").asText());
  }

  @Test
  void unexpectedExceptionIsGenericInternalErrorWithoutItsMessage() throws Exception {
    HttpResponse<String> r = get("/boom");
    JsonNode n = assertProblem(r, 500);
    assertEquals("about:blank", n.get("type").asText());
    assertEquals("Internal Server Error", n.get("title").asText());
    assertEquals(Catalogue.INTERNAL_ERROR.defaultDetail(), n.get("detail").asText());
    assertEquals("/boom", n.get("instance").asText());
    assertFalse(r.body().contains("sk_live"), r.body());
    assertFalse(r.body().contains("IllegalStateException"), r.body());
    assertFalse(r.body().contains("0x1234abcd"), r.body());
    // logged as one request-safe line: class and route, never the message
    assertTrue(
        logs.stream()
            .anyMatch(
                l ->
                    l.getMessage().contains("java.lang.IllegalStateException")
                        && l.getMessage().contains("GET /boom")),
        logs.toString());
    assertTrue(
        logs.stream().noneMatch(l -> l.getMessage().contains("sk_live") || l.getThrown() != null));
    assertTrue(logs.stream().noneMatch(l -> l.getMessage().contains("\n")));
  }

  @Test
  void httpException500DoesNotLeakPayload() throws Exception {
    HttpResponse<String> r = get("/http-exception-500");
    JsonNode n = assertProblem(r, 500);
    assertEquals("Internal Server Error", n.get("title").asText());
    assertFalse(r.body().contains("sk_live"), r.body());
  }

  @Test
  void httpException4xxKeepsStatusAndPayload() throws Exception {
    JsonNode n = assertProblem(get("/http-exception"), 400);
    assertEquals("Bad Request", n.get("title").asText());
    assertEquals("query parameter 'n' must be a number", n.get("detail").asText());
  }

  @Test
  void bareFailStatusMapsToGenericEntry() throws Exception {
    JsonNode n = assertProblem(get("/conflict"), 409);
    assertEquals("Conflict", n.get("title").asText());
    assertEquals("about:blank", n.get("type").asText());
    JsonNode g = assertProblem(get("/bad-gateway"), 502);
    assertEquals("Bad Gateway", g.get("title").asText());
  }

  @Test
  void sendWritesProblemDirectly() throws Exception {
    JsonNode n = assertProblem(get("/send"), 500);
    assertEquals(ProblemRenderer.DEFAULT_TYPE_BASE + "#redis-error", n.get("type").asText());
    assertEquals("An error occurred while accessing Redis", n.get("detail").asText());
    assertEquals("/send", n.get("instance").asText());
  }

  @Test
  void typeBaseAndFallbackAreConfigurable() throws Exception {
    JsonNode n = assertProblem(call(customPort, "GET", "/redis", null, null), 500);
    assertEquals(CUSTOM_BASE + "#redis-error", n.get("type").asText());
    assertEquals("Redis error", n.get("title").asText());
    JsonNode s = assertProblem(call(customPort, "GET", "/send", null, null), 500);
    assertEquals(CUSTOM_BASE + "#serialize-error", s.get("type").asText());
    HttpResponse<String> boom = call(customPort, "GET", "/boom", null, null);
    JsonNode b = assertProblem(boom, 503);
    assertEquals("custom fallback", b.get("detail").asText());
    assertFalse(boom.body().contains("sk_live"));
    JsonNode nf = assertProblem(call(customPort, "GET", "/nothing", null, null), 404);
    assertEquals("about:blank", nf.get("type").asText());
  }
}
