package dev.frostsandbox.signer.http;

import dev.frostsandbox.signer.ops.RequestLog;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The root router's 405: the {@code Allow} header (RFC 9110 section 15.5.6) lists the methods of
 * the routes whose path matches the request's, then the problem renderer answers. Vert.x only sets
 * it when no error handler is installed, and never on HEAD.
 */
public final class MethodNotAllowed implements Handler<RoutingContext> {

  private final Router root;
  private final Handler<RoutingContext> render;

  public MethodNotAllowed(Router root, Handler<RoutingContext> render) {
    this.root = root;
    this.render = render;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Set<String> allowed = allowed(root, RequestLog.normalizedPath(ctx));
    if (!allowed.isEmpty()) {
      ctx.response().putHeader("Allow", String.join(", ", allowed));
    }
    render.handle(ctx);
  }

  /**
   * The methods of {@code router}'s routes whose path template matches {@code path}, in route
   * order.
   */
  static Set<String> allowed(Router router, String path) {
    Set<String> methods = new LinkedHashSet<>();
    if (path == null) {
      return methods;
    }
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (Route route : router.getRoutes()) {
      Set<HttpMethod> m = route.methods();
      if (route.getPath() != null && m != null && !m.isEmpty() && matches(route.getPath(), p)) {
        methods.addAll(m.stream().map(HttpMethod::name).sorted().collect(Collectors.toList()));
      }
    }
    return methods;
  }

  /**
   * A Vert.x path template ({@code /keys/:keyid}) against a path: same segments, a parameter any
   * non-empty one.
   */
  private static boolean matches(String template, String path) {
    if (template.endsWith("*")) {
      return false;
    }
    String[] t = template.split("/", -1);
    String[] s = path.split("/", -1);
    if (t.length != s.length) {
      return false;
    }
    for (int i = 0; i < t.length; i++) {
      boolean ok = t[i].startsWith(":") ? !s[i].isEmpty() : t[i].equals(s[i]);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
