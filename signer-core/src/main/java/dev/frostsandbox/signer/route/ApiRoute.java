package dev.frostsandbox.signer.route;

import io.vertx.core.http.HttpMethod;
import java.util.Set;

/**
 * One endpoint of the API as it is registered, with its metadata: the method, the path below the
 * service prefix without the keyid ({@code /dkg/round1}), whether a keyid path parameter follows,
 * the places where a fault can take over its real path, the artefacts its answer carries, and what
 * follows the keyid ({@code /refresh/round1} in {@code /keys/:keyid/refresh/round1}; empty for most
 * endpoints). The router, the fault injector and the metrics labels all read the same declaration.
 *
 * @param <R> the typed result the endpoint's service returns, before it is rendered
 */
@SuppressWarnings(
    "UnusedTypeParameter") // phantom type: ties a route to the result its handler renders
// (Decoration.result, Answers)
public record ApiRoute<R>(
    HttpMethod method,
    String route,
    boolean keyed,
    Set<FaultPoint> faultPoints,
    Set<Artefact> artefacts,
    String suffix) {

  public ApiRoute {
    faultPoints = Set.copyOf(faultPoints);
    artefacts = Set.copyOf(artefacts);
    suffix = suffix == null ? "" : suffix;
    if (!keyed && !suffix.isEmpty()) {
      throw new IllegalArgumentException("only a keyed route has a suffix after its keyid");
    }
  }

  public ApiRoute(
      HttpMethod method,
      String route,
      boolean keyed,
      Set<FaultPoint> faultPoints,
      Set<Artefact> artefacts) {
    this(method, route, keyed, faultPoints, artefacts, "");
  }

  public static <R> ApiRoute<R> keyed(
      HttpMethod method, String route, Set<FaultPoint> points, Set<Artefact> artefacts) {
    return new ApiRoute<>(method, route, true, points, artefacts);
  }

  /** A keyed route whose path goes on after the keyid: {@code route/:keyid suffix}. */
  public static <R> ApiRoute<R> keyed(
      HttpMethod method,
      String route,
      String suffix,
      Set<FaultPoint> points,
      Set<Artefact> artefacts) {
    return new ApiRoute<>(method, route, true, points, artefacts, suffix);
  }

  /**
   * The path template below a mount: {@code /dkg/round1/:keyid}, {@code
   * /keys/:keyid/refresh/round1}, or the route itself without keyid.
   */
  public String template() {
    return keyed ? route + "/:keyid" + suffix : route;
  }

  /**
   * The path without its keyid ({@code /dkg/round1}, {@code /keys/refresh/round1}): the problems'
   * {@code url}.
   */
  public String path() {
    return route + suffix;
  }

  public boolean offers(FaultPoint point) {
    return faultPoints.contains(point);
  }

  @Override
  public String toString() {
    return method.name() + " " + template();
  }
}
