package dev.frostsandbox.signer.service;

import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.state.RequestState;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One request as the feature services see it: who and which key ({@link Call}), the state and
 * engine to use (decorated when a fault is armed on the request), and where its CPU work runs:
 * {@code work} inline for a small body and on a worker for a large one, {@code worker} always on a
 * worker (DKG steps).
 */
public record RequestScope(
    Call call, RequestState state, Engine engine, Work work, Work worker, Decoration decoration) {

  /**
   * Engine work for {@code suite} where this request's CPU work runs ({@code work}): a throw is a
   * failed future, an engine failure the suite's problem (through the decorated {@code engine}).
   */
  public <E, T> Future<T> runEngine(SuiteBinding<E> suite, Supplier<T> task) {
    return work.run(() -> engine.run(call, suite, task));
  }

  /** {@link #runEngine} always on a worker thread (DKG, refresh and repair steps). */
  public <E, T> Future<T> runEngineOnWorker(SuiteBinding<E> suite, Supplier<T> task) {
    return worker.run(() -> engine.run(call, suite, task));
  }

  /** A scope without fault decoration whose work runs on the calling thread (tests, tools). */
  public static RequestScope inline(Call call, RequestState state) {
    return new RequestScope(call, state, Engine.FROST, Work.INLINE, Work.INLINE, Decoration.NONE);
  }
}
