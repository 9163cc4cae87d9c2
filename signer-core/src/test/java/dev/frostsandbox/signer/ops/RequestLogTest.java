package dev.frostsandbox.signer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostsandbox.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request observer on a real Vert.x router: the access line is one JSON object with the request
 * id, route template, status, latency and injected fault, without body or credentials; the fault
 * reaches the log line and the journal (the fault injector counts it in metrics).
 */
class RequestLogTest {

  private Vertx vertx;
  private HttpServer server;
  private final RequestJournal journal = new RequestJournal(10);
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final List<RequestJournal.Entry> journaledBeforeTheBreak = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> broken = new CompletableFuture<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Router root = Router.router(vertx);
    root.route()
        .order(-1)
        .handler(new RequestLog(journal, new Metrics("test"), () -> RouteTemplates.of(root), true));
    root.post("/svc/sign/:keyid")
        .handler(BodyHandler.create())
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(RequestLog.FAULT_HEADER, "redis-error")
                    .setStatusCode(503)
                    .end("{}"));
    // the keyid in the body, as the relay has it
    root.post("/svc/relay")
        .handler(
            ctx -> {
              ctx.put(RequestLog.KEYID_KEY, "from-body");
              ctx.response().setStatusCode(200).end("{}");
            });
    // an abort: journaled now, then the connection breaks without an answer
    root.post("/svc/abort/:keyid")
        .handler(
            ctx -> {
              RequestLog.endNow(ctx);
              journaledBeforeTheBreak.addAll(journal.recent("default", 10));
              // end handlers run newest first: complete after all of them, RequestLog's included
              ctx.addEndHandler(v -> vertx.runOnContext(x -> broken.complete(null)));
              ctx.request().connection().close();
            });
    server =
        vertx
            .createHttpServer()
            .requestHandler(root)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    RequestLog.ACCESS.addHandler(capture);
  }

  @AfterEach
  void stop() throws Exception {
    RequestLog.ACCESS.removeHandler(capture);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> post(String path, String requestId) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
            .header("Authorization", "Bearer very-secret-api-key")
            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"c2VjcmV0LWJvZHk=\"}"));
    if (requestId != null) {
      b.header("X-Request-Id", requestId);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private LogRecord awaitRecord() throws InterruptedException {
    // the access line is written after the answer: wait for it, with a deadline
    Eventually.eventually(Duration.ofSeconds(10), () -> assertFalse(records.isEmpty()));
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  void logsOneJsonLineCountsTheFaultAndJournalsTheRequest() throws Exception {
    HttpResponse<String> r = post("/svc/sign/key-1", "req-42");
    assertEquals(503, r.statusCode());
    assertEquals("req-42", r.headers().firstValue("X-Request-Id").orElseThrow());

    String line = new JsonLogFormatter().format(awaitRecord());
    assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line");
    JsonNode json = new ObjectMapper().readTree(line);
    assertEquals("req-42", json.path("request_id").asText());
    assertEquals("POST", json.path("method").asText());
    assertEquals("/svc/sign/{keyid}", json.path("route").asText());
    assertEquals(503, json.path("status").asInt());
    assertEquals("redis-error", json.path("fault").asText());
    assertTrue(json.path("latency_ms").isNumber());
    assertFalse(line.contains("very-secret-api-key") || line.contains("c2VjcmV0LWJvZHk="), line);

    RequestJournal.Entry e = journal.recent("default", 10).get(0);
    assertEquals("redis-error", e.fault());
    assertEquals("key-1", e.keyid());
    assertEquals(503, e.status());
  }

  @Test
  void anAbortIsJournaledBeforeItsConnectionBreaksAndLoggedOnce() throws Exception {
    assertThrows(IOException.class, () -> post("/svc/abort/key-2", "req-abort"));
    broken.get(10, TimeUnit.SECONDS); // Vert.x has seen the close and run every end handler
    assertEquals(1, journaledBeforeTheBreak.size());
    RequestJournal.Entry e = journaledBeforeTheBreak.get(0);
    assertEquals("req-abort", e.requestId());
    assertEquals("key-2", e.keyid());
    assertEquals(0, e.status());
    assertEquals(1, journal.recent("default", 10).size());
    assertEquals(
        0,
        new ObjectMapper()
            .readTree(new JsonLogFormatter().format(awaitRecord()))
            .path("status")
            .asInt());
  }

  @Test
  void aKeyidFromTheBodyIsJournaled() throws Exception {
    assertEquals(200, post("/svc/relay", "req-relay").statusCode());
    awaitRecord();
    RequestJournal.Entry e = journal.recent("default", 10).get(0);
    assertEquals("req-relay", e.requestId());
    assertEquals("from-body", e.keyid());
  }

  @Test
  void generatesAnIdWhenTheCallersIsMissingOrUnsafe() throws Exception {
    String missing = post("/svc/sign/k", null).headers().firstValue("X-Request-Id").orElseThrow();
    String unsafe =
        post("/svc/sign/k", "a\"b} {").headers().firstValue("X-Request-Id").orElseThrow();
    String v4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    assertTrue(missing.matches(v4), missing);
    assertTrue(unsafe.matches(v4), unsafe);
    assertNotEquals(missing, unsafe);
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(RequestLog.newId());
    }
    assertEquals(10_000, ids.size());
  }

  @Test
  void theJournalKeepsTheLastNOfEachTenantAndNoTenantEvictsAnother() {
    RequestJournal j = new RequestJournal(2);
    for (int i = 0; i < 3; i++) {
      j.add(
          new RequestJournal.Entry(
              "r" + i,
              java.time.Instant.now(),
              "GET",
              "/p",
              null,
              200,
              1,
              null,
              i == 1 ? "bob" : "alice"));
    }
    for (int i = 0; i < 10; i++) {
      j.add(
          new RequestJournal.Entry(
              "b" + i, java.time.Instant.now(), "GET", "/p", null, 200, 1, null, "bob"));
    }
    assertEquals(
        List.of("r2", "r0"),
        j.recent("alice", 10).stream().map(RequestJournal.Entry::requestId).toList());
    assertEquals(
        List.of("b9", "b8"),
        j.recent("bob", 10).stream().map(RequestJournal.Entry::requestId).toList());
    assertEquals(List.of(), j.recent("carol", 10));
    assertEquals(0, new RequestJournal(0).recent("alice", 10).size());
  }

  @Test
  void unauthenticatedRequestsAreJournaledForNoTenant() throws Exception {
    RequestJournal keyed = new RequestJournal(10);
    Router root = Router.router(vertx);
    root.route()
        .order(-1)
        .handler(new RequestLog(keyed, new Metrics("test"), () -> RouteTemplates.of(root), false));
    root.get("/svc/keys/:keyid")
        .handler(
            ctx -> {
              if (ctx.request().getHeader("x-api-key") != null) {
                ctx.put(dev.frostsandbox.signer.auth.Tenants.CONTEXT_KEY, "alice");
              }
              ctx.response()
                  .setStatusCode(
                      ctx.get(dev.frostsandbox.signer.auth.Tenants.CONTEXT_KEY) == null ? 401 : 404)
                  .end();
            });
    HttpServer s =
        vertx
            .createHttpServer()
            .requestHandler(root)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    HttpClient client = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + s.actualPort() + "/svc/keys/";
    assertEquals(
        404,
        client
            .send(
                HttpRequest.newBuilder(URI.create(base + "mine")).header("x-api-key", "a").build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode());
    for (int i = 0; i < 20; i++) {
      assertEquals(
          401,
          client
              .send(
                  HttpRequest.newBuilder(URI.create(base + "theirs-" + i)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode());
    }
    // end handlers run after the answer is written: wait for the 21 access lines
    Eventually.eventually(
        Duration.ofSeconds(10), () -> assertTrue(records.size() >= 21, records.size() + " lines"));
    assertEquals(21, records.size());
    assertEquals(
        List.of("mine"),
        keyed.recent("alice", 10).stream().map(RequestJournal.Entry::keyid).toList());
    assertEquals(List.of(), keyed.recent(null, 10));
  }
}
