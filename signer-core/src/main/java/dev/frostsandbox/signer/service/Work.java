package dev.frostsandbox.signer.service;

import io.vertx.core.Future;
import java.util.concurrent.Callable;

/**
 * Where a request's CPU work runs (inline or on a worker thread, see EngineWork); whatever the work
 * throws becomes a failed future, so services have one error channel.
 */
@FunctionalInterface
public interface Work {
  <T> Future<T> run(Callable<T> work);

  /** Runs on the calling thread. */
  Work INLINE =
      new Work() {
        @Override
        public <T> Future<T> run(Callable<T> work) {
          try {
            return Future.succeededFuture(work.call());
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
        }
      };
}
