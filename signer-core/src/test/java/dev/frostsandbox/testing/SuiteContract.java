package dev.frostsandbox.testing;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.util.Map;

/** What every HTTP contract is run against: one suite of one service, and (for some) a store. */
public abstract class SuiteContract<E> {

  private final SuiteUnderTest<E> target;
  private final StoreMode store;

  protected SuiteContract(SuiteUnderTest<E> target) {
    this(target, null);
  }

  protected SuiteContract(SuiteUnderTest<E> target, StoreMode store) {
    this.target = target;
    this.store = store;
  }

  protected final SuiteUnderTest<E> target() {
    return target;
  }

  protected final ServiceDefinition definition() {
    return target.definition();
  }

  protected final SuiteBinding<E> suite() {
    return target.suite();
  }

  /** Store environment: empty for the embedded store, SIGNER_REDIS_URL for Redis. */
  protected final Map<String, String> storeEnv() {
    if (store == null) {
      throw new IllegalStateException(getClass().getSimpleName() + " chooses its stores itself");
    }
    return store.env();
  }
}
