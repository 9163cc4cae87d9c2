package dev.frostsandbox.signer.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.FieldError;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.http.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code /admin/faults}: fault rules for clients that cannot set headers. POST adds a rule (201,
 * the rule with its id), GET lists them with how often each fired, DELETE removes one or all. Rules
 * belong to the caller's tenant. {@code GET /faults/catalogue} lists what a rule can inject on each
 * endpoint ({@link FaultCatalogue}).
 */
final class FaultAdminRoutes {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final FaultRules rules;
  private final FaultCatalogue catalogue;

  FaultAdminRoutes(FaultRules rules, FaultCatalogue catalogue) {
    this.rules = rules;
    this.catalogue = catalogue;
  }

  /** Registers the rules API under {@code mount} (/admin) on the root router. */
  void addTo(Router r, String mount) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
    r.post(mount + "/faults").consumes("application/json").handler(body).handler(this::add);
    r.get(mount + "/faults").handler(this::list);
    // ahead of /faults/:id, which would take "catalogue" for a rule id
    r.get(mount + "/faults/catalogue")
        .handler(ctx -> Json.send(ctx, 200, catalogue.describe()).onFailure(ctx::fail));
    r.get(mount + "/faults/:id").handler(this::get);
    r.delete(mount + "/faults").handler(this::deleteAll);
    r.delete(mount + "/faults/:id").handler(this::delete);
  }

  private static String tenant(RoutingContext ctx) {
    String t = ctx.get(Tenants.CONTEXT_KEY);
    return t == null ? Tenants.OPEN_TENANT : t;
  }

  private void add(RoutingContext ctx) {
    Buffer b = ctx.body() == null ? null : ctx.body().buffer();
    JsonNode node;
    try {
      node = b == null || b.length() == 0 ? null : Json.STRICT.readTree(b.getBytes());
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw invalid(List.of(new InvalidField("", "the body must be a JSON object")));
    }
    List<InvalidField> errors = new ArrayList<>();
    String id = "f" + HexFormat.of().formatHex(randomBytes());
    FaultRule rule = FaultRule.parse(node, id, System.currentTimeMillis(), false, errors);
    if (rule == null) {
      throw invalid(errors);
    }
    rules
        .add(tenant(ctx), rule)
        .compose(
            r -> {
              ObjectNode out = r.toJson();
              out.put("fired", 0);
              ctx.response().putHeader("Location", "/admin/faults/" + r.id());
              return Json.send(ctx, 201, out);
            })
        .onFailure(ctx::fail);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  private static RuntimeException invalid(List<InvalidField> errors) {
    InvalidField first = errors.get(0);
    String where = first.pointer().isEmpty() ? "body" : first.pointer();
    return Problem.of(
            Catalogue.BAD_REQUEST,
            where
                + ": "
                + first.detail()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""))
        .withErrors(errors.stream().map(e -> new FieldError(e.pointer(), e.detail())).toList())
        .toException();
  }

  private void list(RoutingContext ctx) {
    rules
        .list(tenant(ctx))
        .compose(
            views -> {
              ObjectNode out = Json.object();
              ArrayNode arr = out.putArray("rules");
              views.forEach(arr::add);
              return Json.send(ctx, 200, out);
            })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    rules
        .list(tenant(ctx))
        .compose(
            views -> {
              for (ObjectNode v : views) {
                if (v.path("id").asText().equals(id)) {
                  return Json.send(ctx, 200, v);
                }
              }
              throw notFound();
            })
        .onFailure(ctx::fail);
  }

  private void deleteAll(RoutingContext ctx) {
    rules
        .deleteAll(tenant(ctx))
        .compose(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches("[A-Za-z0-9]{1,64}")) {
      throw notFound();
    }
    rules
        .delete(tenant(ctx), id)
        .compose(
            deleted -> {
              if (!deleted) {
                throw notFound();
              }
              return ctx.response().setStatusCode(204).end();
            })
        .onFailure(ctx::fail);
  }

  private static RuntimeException notFound() {
    return Problem.of(Catalogue.NOT_FOUND, "No fault rule with this id").toException();
  }
}
