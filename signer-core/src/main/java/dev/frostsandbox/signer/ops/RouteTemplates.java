package dev.frostsandbox.signer.ops;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route templates of a router ({@code /signers/eddsa/keys/{keyid}}), and the label of a request
 * for metrics and logs: its template, or {@link #UNMATCHED}. A label is never the raw path, and its
 * method is one of {@link #METHODS} or {@code OTHER}: whatever paths and methods clients send, the
 * number of metric series stays bounded by the routes the service declares.
 */
public final class RouteTemplates {

  public static final String UNMATCHED = "unmatched";
  public static final String OTHER_METHOD = "OTHER";
  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

  /** A template's segments ({@code null} for a parameter) and its name. */
  @SuppressWarnings(
      "ArrayRecordComponent") // private, built once and only read; null marks a parameter, which
  // List.of refuses
  private record Template(String[] segments, String name) {}

  /** Templates by number of path segments. */
  private final Map<Integer, List<Template>> bySegments = new HashMap<>();

  /** The templates of every route with a path and no wildcard, sub-routers included. */
  public static RouteTemplates of(Router router) {
    RouteTemplates t = new RouteTemplates();
    t.collect(router, "");
    return t;
  }

  private void collect(Router router, String mount) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null) { // a regex route has no template
        continue;
      }
      if (route.getSubRouter() != null) {
        String sub = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        collect(route.getSubRouter(), mount + sub);
      } else if (!path.endsWith("*")) {
        add(mount + path);
      }
    }
  }

  private void add(String template) {
    String[] segments = template.split("/", -1);
    String[] pattern = new String[segments.length];
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      boolean param = segments[i].startsWith(":");
      pattern[i] = param ? null : segments[i];
      if (i > 0) {
        name.append('/');
      }
      name.append(param ? "{" + segments[i].substring(1) + "}" : segments[i]);
    }
    List<Template> same = bySegments.computeIfAbsent(segments.length, n -> new ArrayList<>());
    if (same.stream().noneMatch(t -> t.name().equals(name.toString()))) {
      same.add(new Template(pattern, name.toString()));
    }
  }

  /**
   * The template that {@code path} (normalized) falls under, or {@link #UNMATCHED}. Literal
   * segments win over parameters, so {@code /sign/round1/k} is {@code /sign/round1/{keyid}}, not
   * {@code /sign/{keyid}} with a wrong segment count.
   */
  public String label(String path) {
    if (path == null) {
      return UNMATCHED;
    }
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1); // Vert.x routes "/keys/k1/" as "/keys/:keyid"
    }
    String[] segments = path.split("/", -1);
    List<Template> candidates = bySegments.get(segments.length);
    if (candidates == null) {
      return UNMATCHED;
    }
    Template best = null;
    int bestLiterals = -1;
    for (Template t : candidates) {
      String[] pattern = t.segments();
      int literals = 0;
      boolean match = true;
      for (int i = 0; i < segments.length && match; i++) {
        if (pattern[i] == null) {
          match = !segments[i].isEmpty();
        } else if (pattern[i].equals(segments[i])) {
          literals++;
        } else {
          match = false;
        }
      }
      if (match && literals > bestLiterals) {
        best = t;
        bestLiterals = literals;
      }
    }
    return best == null ? UNMATCHED : best.name();
  }

  /** The method's name when it is a standard one, else {@link #OTHER_METHOD}. */
  public static String method(HttpMethod method) {
    String name = method.name();
    return METHODS.contains(name) ? name : OTHER_METHOD;
  }

  /** Every template (tests, docs). */
  public List<String> all() {
    return bySegments.values().stream().flatMap(List::stream).map(Template::name).sorted().toList();
  }
}
