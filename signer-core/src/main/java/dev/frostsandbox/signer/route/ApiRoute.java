package dev.frostsandbox.signer.route;

import io.vertx.core.http.HttpMethod;
import java.util.Set;

/**
 * One endpoint of the API as it is registered, with its metadata: the method, the path below the
 * service prefix without the keyid ({@code /dkg/round1}), whether a keyid path parameter follows,
 * the places where a fault can take over its real path, and the artefacts its answer carries.
 * The router, the fault injector and the metrics labels all read the same declaration.
 *
 * @param <R> the typed result the endpoint's service returns, before it is rendered
 */
@SuppressWarnings("UnusedTypeParameter") // phantom type: ties a route to the result its handler renders (Decoration.result, Answers)
public record ApiRoute<R>(
    HttpMethod method, String route, boolean keyed, Set<FaultPoint> faultPoints, Set<Artefact> artefacts) {

  public ApiRoute {
    faultPoints = Set.copyOf(faultPoints);
    artefacts = Set.copyOf(artefacts);
  }

  public static <R> ApiRoute<R> keyed(HttpMethod method, String route, Set<FaultPoint> points, Set<Artefact> artefacts) {
    return new ApiRoute<>(method, route, true, points, artefacts);
  }

  /** The path template below a mount: {@code /dkg/round1/:keyid}, or the route itself without keyid. */
  public String template() {
    return keyed ? route + "/:keyid" : route;
  }

  public boolean offers(FaultPoint point) {
    return faultPoints.contains(point);
  }

  @Override
  public String toString() {
    return method.name() + " " + template();
  }
}
