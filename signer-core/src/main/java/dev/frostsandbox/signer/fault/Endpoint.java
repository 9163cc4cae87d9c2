package dev.frostsandbox.signer.fault;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.relay.RelayRoutes;
import io.vertx.core.http.HttpMethod;
import java.util.Set;

/**
 * The API route a request goes to, and which faults have a real failure point on it (the place
 * that fails for real: a store call, a state decode, a lookup, the engine). Other faults are
 * answered directly with their catalogue entry.
 */
enum Endpoint {
  DKG_ROUND1("POST", "/dkg/round1",
      Set.of(Catalogue.REDIS_ERROR, Catalogue.FROST_INTERNAL_ERROR, Catalogue.FROST_POSEIDON_INTERNAL_ERROR)),
  DKG_ROUND2("POST", "/dkg/round2",
      Set.of(Catalogue.REDIS_ERROR, Catalogue.SERIALIZE_ERROR, Catalogue.NO_DKG_ROUND_FOUND,
          Catalogue.FROST_INTERNAL_ERROR, Catalogue.FROST_POSEIDON_INTERNAL_ERROR)),
  SIGN("POST", "/sign",
      Set.of(Catalogue.REDIS_ERROR, Catalogue.SERIALIZE_ERROR, Catalogue.NO_KEY_FOUND,
          Catalogue.FROST_INTERNAL_ERROR, Catalogue.FROST_POSEIDON_INTERNAL_ERROR)),
  // round 1 commits outside the engine: no engine failure point
  SIGN_ROUND1("POST", "/sign/round1",
      Set.of(Catalogue.REDIS_ERROR, Catalogue.SERIALIZE_ERROR, Catalogue.NO_KEY_FOUND)),
  SIGN_ROUND2("POST", "/sign/round2",
      Set.of(Catalogue.REDIS_ERROR, Catalogue.SERIALIZE_ERROR, Catalogue.NO_KEY_FOUND,
          Catalogue.NO_SIGNING_ROUND_FOUND, Catalogue.FROST_INTERNAL_ERROR, Catalogue.FROST_POSEIDON_INTERNAL_ERROR)),
  AGGREGATE("POST", "/aggregate",
      Set.of(Catalogue.REDIS_ERROR, Catalogue.SERIALIZE_ERROR, Catalogue.NO_KEY_FOUND,
          Catalogue.FROST_INTERNAL_ERROR, Catalogue.FROST_POSEIDON_INTERNAL_ERROR)),
  KEYS_GET("GET", "/keys",
      Set.of(Catalogue.REDIS_ERROR, Catalogue.SERIALIZE_ERROR, Catalogue.NO_KEY_FOUND)),
  // deleting never decodes the stored key: no serialize-error point
  KEYS_DELETE("DELETE", "/keys",
      Set.of(Catalogue.REDIS_ERROR, Catalogue.NO_KEY_FOUND)),
  // the keyid is in the body; every relay entry fails at the submission (FaultPoints.relayFailure)
  RELAY("POST", RelayRoutes.ROUTE,
      with(FaultPoints.RELAY_FAILURES, Catalogue.REDIS_ERROR, Catalogue.SERIALIZE_ERROR, Catalogue.NO_KEY_FOUND)),
  /** Anything else under the prefix (unknown path or method). */
  OTHER(null, null, Set.of());

  private final String method;
  private final String route;
  private final Set<ProblemType> realFaults;

  Endpoint(String method, String route, Set<ProblemType> realFaults) {
    this.method = method;
    this.route = route;
    this.realFaults = realFaults;
  }

  private static Set<ProblemType> with(Set<ProblemType> some, ProblemType... more) {
    Set<ProblemType> all = new java.util.HashSet<>(some);
    all.addAll(Set.of(more));
    return Set.copyOf(all);
  }

  /** The route path without keyid, e.g. /dkg/round1 (null for OTHER). */
  String route() {
    return route;
  }

  boolean hasRealPath(ProblemType fault) {
    return realFaults.contains(fault);
  }

  /**
   * Whether a fault can be injected here: the relay's own entries only on the relay, where the
   * submission fails ({@link FaultPoints#RELAY_FAILURES}); elsewhere they would mean nothing.
   */
  boolean offers(ProblemType fault) {
    return fault == null || this == RELAY || !FaultPoints.RELAY_FAILURES.contains(fault);
  }

  /** A request's endpoint and keyid (null when its path has none). */
  record Target(Endpoint endpoint, String keyid) {}

  /**
   * As {@link #of(String, HttpMethod, String)}, for a service that may offer the relay: its two
   * paths ({@code <prefix>/relay} and the documented {@code /v1<prefix>/relay}) carry no keyid.
   * {@code path} must be the normalized path, the one the router matches.
   */
  static Target of(String prefix, boolean relays, HttpMethod method, String path) {
    String p = path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (relays && p != null && (p.equals(prefix + RELAY.route) || p.equals(RelayRoutes.documentedPath(prefix)))) {
      return new Target(RELAY.method.equals(method.name()) ? RELAY : OTHER, null);
    }
    return of(prefix, method, path);
  }

  /** {@code path} is the request path, {@code prefix} the service's. */
  static Target of(String prefix, HttpMethod method, String path) {
    if (path == null || !path.startsWith(prefix + "/")) {
      return new Target(OTHER, null);
    }
    String rest = path.substring(prefix.length());
    int slash = rest.lastIndexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return new Target(OTHER, null);
    }
    String route = rest.substring(0, slash);
    String keyid = rest.substring(slash + 1);
    Endpoint matched = OTHER;
    boolean routeKnown = false;
    for (Endpoint e : values()) {
      if (route.equals(e.route)) {
        routeKnown = true;
        if (e.method.equals(method.name())) {
          matched = e;
        }
      }
    }
    return new Target(matched, routeKnown ? keyid : null);
  }
}
