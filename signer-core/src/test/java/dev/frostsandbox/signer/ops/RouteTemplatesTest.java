package dev.frostsandbox.signer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request labels are route templates or "unmatched", never a raw path; methods are standard or
 * OTHER.
 */
class RouteTemplatesTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  private RouteTemplates templates() {
    Router root = Router.router(vertx);
    root.route().handler(ctx -> ctx.next());
    root.get("/health/live").handler(ctx -> ctx.end());
    Router sub = Router.router(vertx);
    sub.post("/sign/:keyid").handler(ctx -> ctx.end());
    sub.post("/sign/round1/:keyid").handler(ctx -> ctx.end());
    sub.get("/keys/:keyid").handler(ctx -> ctx.end());
    sub.delete("/keys/:keyid").handler(ctx -> ctx.end());
    root.route("/svc/*").subRouter(sub);
    root.routeWithRegex("/re.*").handler(ctx -> ctx.end());
    return RouteTemplates.of(root);
  }

  @Test
  void labelsAreTheDeclaredTemplates() {
    RouteTemplates t = templates();
    assertEquals(
        List.of(
            "/health/live", "/svc/keys/{keyid}", "/svc/sign/round1/{keyid}", "/svc/sign/{keyid}"),
        t.all());
    assertEquals("/svc/sign/{keyid}", t.label("/svc/sign/k1"));
    assertEquals("/svc/sign/round1/{keyid}", t.label("/svc/sign/round1/k1"));
    assertEquals("/svc/keys/{keyid}", t.label("/svc/keys/anything-at-all"));
    assertEquals("/health/live", t.label("/health/live"));
    assertEquals(
        "/svc/keys/{keyid}", t.label("/svc/keys/k1/"), "one trailing slash, as Vert.x routes it");
    assertEquals("/health/live", t.label("/health/live/"));
  }

  @Test
  void everyOtherPathIsUnmatched() {
    RouteTemplates t = templates();
    for (String path :
        new String[] {
          "/",
          "/x",
          "/svc/keys/",
          "/svc/keys//",
          "/svc/keys/a/b",
          "/svc/sign",
          "/health/live/x",
          "/regex",
          "",
          null
        }) {
      assertEquals(RouteTemplates.UNMATCHED, t.label(path), String.valueOf(path));
    }
  }

  @Test
  void nonStandardMethodsFoldIntoOther() {
    assertEquals("PUT", RouteTemplates.method(HttpMethod.PUT));
    assertEquals("GET", RouteTemplates.method(HttpMethod.valueOf("GET")));
    assertEquals(RouteTemplates.OTHER_METHOD, RouteTemplates.method(HttpMethod.valueOf("BREW")));
  }
}
