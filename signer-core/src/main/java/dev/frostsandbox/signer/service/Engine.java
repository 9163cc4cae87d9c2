package dev.frostsandbox.signer.service;

import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.SignerProblems;
import java.util.function.Supplier;

/**
 * The FROST engine as a request's service calls it. Engine code is CPU work and runs inside a
 * {@link Work} (inline or on a worker), which turns whatever it throws into a failed future.
 */
public interface Engine {

  /**
   * Runs protocol code of {@code suite}: a protocol failure becomes the suite's internal-error
   * problem naming the culprit (thrown, for the enclosing {@link Work} to fail its future).
   */
  <E, T> T run(Call call, SuiteBinding<E> suite, Supplier<T> work);

  /** The real engine. */
  Engine FROST =
      new Engine() {
        @Override
        public <E, T> T run(Call call, SuiteBinding<E> suite, Supplier<T> work) {
          try {
            return work.get();
          } catch (FrostException e) {
            throw SignerProblems.protocol(
                call, suite, e, id -> suite.frost().json().identifier((Identifier) id));
          }
        }
      };
}
