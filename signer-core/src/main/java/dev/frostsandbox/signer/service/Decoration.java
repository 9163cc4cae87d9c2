package dev.frostsandbox.signer.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.relay.RelaySubmission;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.state.RequestState;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * What wraps one request's path below its route: its state, its engine, the relay's submission, its
 * typed result, and the moment after its service committed. Identity by default; the fault injector
 * puts a decorating one on a request that has a fault armed ({@link #CONTEXT_KEY}), so nothing on
 * the real path asks whether a fault is on.
 */
public interface Decoration {

  /** RoutingContext key of a request's decoration. */
  String CONTEXT_KEY = "decoration";

  default RequestState state(RequestState real) {
    return real;
  }

  default Engine engine(Engine real) {
    return real;
  }

  default RelaySubmission relay(RelaySubmission real) {
    return real;
  }

  /**
   * The service's typed result, before it is rendered: a misbehaving cosigner replaces an artefact
   * the route declares ({@link ApiRoute#artefacts()}), keeping status and shape. Runs after the
   * state was committed, so stored state is what a correct answer leaves.
   */
  default <R> Future<R> result(ApiRoute<R> route, Call call, R result) {
    return Future.succeededFuture(result);
  }

  /**
   * The rendered answer, before it is sent: for faults below the typed result (an element encoding
   * a conforming deserializer must reject).
   */
  default ObjectNode rendered(ApiRoute<?> route, Call call, ObjectNode answer) {
    return answer;
  }

  /**
   * Called once the service's future succeeded (its state committed) and before the answer is
   * written, on routes that declare {@code FaultPoint.AFTER_COMMIT}: true when the decoration took
   * the connection over (e.g. reset it), and no answer is to be written.
   */
  default boolean afterCommit(ApiRoute<?> route, RoutingContext ctx) {
    return false;
  }

  /**
   * Round 2 found no nonces under the server's commitments in {@code pkg}: the package to look them
   * up under and sign instead, or null (the request then answers no-signing-round-found). A
   * misbehaving cosigner that corrupted its round-1 commitments still signs with its real nonces.
   */
  default <E> SigningPackage<E> unknownCommitments(
      Group<E> group, SigningPackage<E> pkg, Identifier server) {
    return null;
  }

  Decoration NONE = new Decoration() {};
}
