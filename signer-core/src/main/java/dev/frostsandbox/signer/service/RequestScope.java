package dev.frostsandbox.signer.service;

import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.state.RequestState;

/**
 * One request as the feature services see it: who and which key ({@link Call}), the state and
 * engine to use (decorated when a fault is armed on the request), and where its CPU work runs:
 * {@code work} inline for a small body and on a worker for a large one, {@code worker} always on a
 * worker (DKG steps).
 */
public record RequestScope(
    Call call, RequestState state, Engine engine, Work work, Work worker, Decoration decoration) {

  /** A scope without fault decoration whose work runs on the calling thread (tests, tools). */
  public static RequestScope inline(Call call, RequestState state) {
    return new RequestScope(call, state, Engine.FROST, Work.INLINE, Work.INLINE, Decoration.NONE);
  }
}
