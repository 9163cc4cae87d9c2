package dev.frostsandbox.signer.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.ops.RequestJournal;
import dev.frostsandbox.signer.ops.TenantReset;
import dev.frostsandbox.signer.state.KeyRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox console: a static page (loaded from the jar once, so serving never touches the disk
 * on an event loop) and the admin reads it shows, both scoped to the caller's tenant: {@code GET
 * /admin/requests} (the request journal) and {@code GET /admin/keys}; in sandbox mode also {@code
 * POST /admin/reset} ({@link TenantReset}).
 */
public final class ConsoleRoutes {

  private static final int MAX_LIMIT = 100_000;

  // read once per process, when the first verticle starts
  private static final Buffer page = resource("/console/index.html");
  private static final Buffer script = resource("/console/console.js");

  private final SignerContext sc;

  public ConsoleRoutes(SignerContext sc) {
    this.sc = sc;
  }

  private static Buffer resource(String name) {
    try (InputStream in = ConsoleRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mounted at the root; the caller puts the tenant check on /admin/*. */
  public Router router(Vertx vertx) {
    return addTo(Router.router(vertx));
  }

  /** Registers the console and its admin reads on {@code r} (the root router). */
  public Router addTo(Router r) {
    // "/console" also matches "/console/"; the page links its script by absolute path
    r.get("/console")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(page));
    r.get("/console/console.js")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/javascript; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(script));
    r.get("/admin/requests").handler(this::requests);
    r.get("/admin/requests/:request_id").handler(this::request);
    r.get("/admin/transcripts/:keyid").handler(this::transcript);
    r.get("/admin/keys").handler(this::keys);
    if (sc.config().faultsEnabled()) {
      // sandbox mode only, like /admin/faults: a production deployment has no delete-everything
      // call
      TenantReset reset = new TenantReset(sc);
      r.post("/admin/reset")
          .handler(
              ctx ->
                  reset
                      .reset(tenant(ctx))
                      .compose(n -> Json.send(ctx, 200, Json.object().put("deleted", n)))
                      .onFailure(ctx::fail));
    }
    return r;
  }

  private static String tenant(RoutingContext ctx) {
    String t = ctx.get(Tenants.CONTEXT_KEY);
    return t == null ? Tenants.OPEN_TENANT : t;
  }

  private void requests(RoutingContext ctx) {
    RequestJournal journal = sc.journal();
    int limit = journal.capacity();
    String l = ctx.request().getParam("limit");
    if (l != null) {
      try {
        limit = Math.max(0, Math.min(MAX_LIMIT, Integer.parseInt(l)));
      } catch (NumberFormatException e) {
        limit = journal.capacity();
      }
    }
    ObjectNode out = Json.object();
    out.put("capacity", journal.capacity());
    out.put("bodies", journal.bodies());
    ArrayNode list = out.putArray("requests");
    for (RequestJournal.Entry e : journal.recent(tenant(ctx), limit)) {
      list.add(describe(e));
    }
    Json.send(ctx, 200, out).onFailure(ctx::fail);
  }

  private static ObjectNode describe(RequestJournal.Entry e) {
    ObjectNode o = Json.object();
    o.put("request_id", e.requestId());
    o.put("time", e.time().toString());
    o.put("method", e.method());
    o.put("path", e.path());
    o.put("keyid", e.keyid());
    o.put("status", e.status());
    o.put("latency_ms", Math.round(e.latencyMs() * 1000) / 1000.0);
    o.put("fault", e.fault());
    return o;
  }

  /**
   * One entry with its bodies (SIGNER_JOURNAL_BODIES): JSON as JSON, anything else (a cut body) as
   * text.
   */
  private static ObjectNode withBodies(
      RequestJournal.Entry e, String requestName, String responseName) {
    ObjectNode o = describe(e);
    o.set(requestName, body(e.requestBody()));
    o.set(responseName, body(e.responseBody()));
    return o;
  }

  private static com.fasterxml.jackson.databind.JsonNode body(String text) {
    if (text == null) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    try {
      return Json.STRICT.readTree(text);
    } catch (IOException e) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
    }
  }

  private void request(RoutingContext ctx) {
    String tenant = tenant(ctx);
    String id = ctx.pathParam("request_id");
    // bodies are parsed back to JSON on a worker: up to 32 KB of JSON is no event-loop task
    ctx.vertx()
        .<ObjectNode>executeBlocking(
            () -> {
              RequestJournal.Entry e = sc.journal().find(tenant, id);
              if (e == null) {
                throw Problem.of(Catalogue.NOT_FOUND, "No journaled request with this id")
                    .toException();
              }
              return withBodies(e, "request_body", "response_body");
            },
            false)
        .compose(out -> Json.send(ctx, 200, out))
        .onFailure(ctx::fail);
  }

  /**
   * A key's exchange, oldest first, as kept by this instance's journal: the client's side of it
   * (method, path, body) is what {@code DemoClient --replay} sends again.
   */
  private void transcript(RoutingContext ctx) {
    String tenant = tenant(ctx);
    String keyid = ctx.pathParam("keyid");
    // a transcript parses up to a ring of bodies: on a worker, never on the event loop
    ctx.vertx()
        .<ObjectNode>executeBlocking(
            () -> {
              List<RequestJournal.Entry> entries = sc.journal().ofKey(tenant, keyid);
              if (entries.isEmpty()) {
                throw Problem.of(Catalogue.NOT_FOUND, "No journaled request for this keyid")
                    .toException();
              }
              ObjectNode out = Json.object();
              out.put("keyid", keyid);
              out.put("service", sc.definition().name());
              out.put("bodies", sc.journal().bodies());
              out.put("deterministic", sc.config().deterministicSeed() != null);
              ArrayNode exchanges = out.putArray("exchanges");
              entries.forEach(e -> exchanges.add(withBodies(e, "request", "response")));
              return out;
            },
            false)
        .compose(out -> Json.send(ctx, 200, out))
        .onFailure(ctx::fail);
  }

  /**
   * The most keys one {@code GET /admin/keys} answer lists (and its default page size): each is
   * read and decoded, so a page bounds the work of one request (docs/operations.md "Admin reads").
   */
  public static final int KEYS_PAGE_MAX = 100;

  private void keys(RoutingContext ctx) {
    String tenant = tenant(ctx);
    int limit = KEYS_PAGE_MAX;
    String l = ctx.request().getParam("limit");
    if (l != null) {
      try {
        limit = Math.max(1, Math.min(KEYS_PAGE_MAX, Integer.parseInt(l)));
      } catch (NumberFormatException e) {
        limit = KEYS_PAGE_MAX;
      }
    }
    int pageSize = limit;
    // the cursor is the last keyid of the previous page: keyids sort, so a page is the next ones
    // after it
    String cursor = ctx.request().getParam("cursor");
    Call listing = new Call(tenant, "", "/admin/keys");
    sc.state()
        .keyIds(listing)
        .compose(
            ids -> {
              List<String> after =
                  ids.stream()
                      .filter(id -> cursor == null || id.compareTo(cursor) > 0)
                      .sorted()
                      .toList();
              List<String> page = after.subList(0, Math.min(pageSize, after.size()));
              String next = after.size() > page.size() ? page.get(page.size() - 1) : null;
              List<Future<KeyRecord<?>>> found = new ArrayList<>();
              for (String id : page) {
                // decoded on a worker thread: a page of keys would otherwise be one long event-loop
                // task
                found.add(sc.state().findKeyOffEventLoop(new Call(tenant, id, "/admin/keys")));
              }
              return Future.all(found)
                  .map(
                      all -> {
                        ObjectNode out = Json.object();
                        out.put("service", sc.definition().name());
                        out.put("prefix", sc.definition().prefix());
                        ArrayNode keys = out.putArray("keys");
                        for (int i = 0; i < page.size(); i++) {
                          KeyRecord<?> key = all.resultAt(i);
                          if (key != null) { // deleted between the listing and the read
                            keys.add(describe(page.get(i), key));
                          }
                        }
                        out.put("next", next);
                        return out;
                      });
            })
        .compose(out -> Json.send(ctx, 200, out))
        .onFailure(ctx::fail);
  }

  private static <E> ObjectNode describe(String keyid, KeyRecord<E> key) {
    ObjectNode o = Json.object();
    o.put("keyid", keyid);
    o.put("ciphersuite", key.suite().ciphersuite());
    o.put(
        "verifying_key", key.suite().frost().json().element(key.publicKeyPackage().verifyingKey()));
    o.put("min_signers", key.publicKeyPackage().minSigners());
    o.put("created_at", java.time.Instant.ofEpochMilli(key.createdAtMillis()).toString());
    return o;
  }
}
