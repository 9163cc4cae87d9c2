package dev.frostsandbox.signer.route;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * The API endpoints of one service as they were registered on the root router, each with its mount
 * (the service prefix, or the relay's documented {@code /v1<prefix>}). Features register through
 * {@link #add}, which both declares the endpoint and returns the Vert.x route for its handlers:
 * there is no second route table to keep in step.
 */
public final class ApiRoutes {

  /** An endpoint under one mount. */
  public record Mounted(ApiRoute<?> route, String mount) {
    /** The full path without keyid, e.g. {@code /signers/eddsa/dkg/round1}. */
    public String url() {
      return mount + route.route();
    }
  }

  /**
   * Where a request goes: its endpoint (null when none) and its keyid (null when its path has
   * none).
   */
  public record Target(ApiRoute<?> route, String keyid) {}

  private final String prefix;
  private final Router root;
  private final List<Mounted> all = new ArrayList<>();

  public ApiRoutes(String prefix, Router root) {
    this.prefix = prefix;
    this.root = root;
  }

  /** Declares {@code route} under {@code mount} and returns its Vert.x route, for its handlers. */
  public Route add(String mount, ApiRoute<?> route) {
    all.add(new Mounted(route, mount));
    return root.route(route.method(), mount + route.template());
  }

  public List<Mounted> all() {
    return List.copyOf(all);
  }

  /**
   * The endpoint of a request by its method and normalized path (the one the router matches). A
   * keyid is the last segment of a path whose rest names a keyed endpoint under the prefix, even
   * when the method is another one (a 405 still names its key).
   */
  public Target classify(HttpMethod method, String path) {
    String p =
        path != null && path.length() > 1 && path.endsWith("/")
            ? path.substring(0, path.length() - 1)
            : path;
    for (Mounted m : all) {
      if (!m.route().keyed() && p != null && p.equals(m.url())) {
        return new Target(m.route().method().equals(method) ? m.route() : null, null);
      }
    }
    if (path == null || !path.startsWith(prefix + "/")) {
      return new Target(null, null);
    }
    String rest = path.substring(prefix.length());
    // routes that go on after their keyid (/keys/:keyid/refresh/round1)
    ApiRoute<?> suffixed = null;
    String suffixedKey = null;
    for (Mounted m : all) {
      ApiRoute<?> r = m.route();
      if (!m.mount().equals(prefix)
          || r.suffix().isEmpty()
          || !rest.startsWith(r.route() + "/")
          || !rest.endsWith(r.suffix())) {
        continue;
      }
      int start = r.route().length() + 1;
      int end = rest.length() - r.suffix().length();
      // "/keys/refresh/round1" (an empty keyid, its double slash normalized away): route and
      // suffix overlap, there is no keyid
      if (end <= start) {
        continue;
      }
      String keyid = rest.substring(start, end);
      if (keyid.contains("/")) {
        continue;
      }
      suffixedKey = keyid;
      if (r.method().equals(method)) {
        suffixed = r;
      }
    }
    if (suffixedKey != null) {
      return new Target(suffixed, suffixedKey);
    }
    int slash = rest.lastIndexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return new Target(null, null);
    }
    String route = rest.substring(0, slash);
    ApiRoute<?> matched = null;
    boolean known = false;
    for (Mounted m : all) {
      if (m.mount().equals(prefix) && route.equals(m.route().route())) {
        known = true;
        if (m.route().method().equals(method)) {
          matched = m.route();
        }
      }
    }
    return new Target(matched, known ? rest.substring(slash + 1) : null);
  }

  /** Whether any endpoint declares {@code point} (e.g. whether the service has a relay). */
  public boolean anyOffers(FaultPoint point) {
    return all.stream().anyMatch(m -> m.route().offers(point));
  }
}
