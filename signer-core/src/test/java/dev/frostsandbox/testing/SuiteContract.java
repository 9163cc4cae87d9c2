package dev.frostsandbox.testing;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What every HTTP contract is run against: one suite of one service, and (for some) a store.
 *
 * <p>Two ways in. A contract run once per module passes them to its constructor. A contract run
 * over a module's suites and stores (SignerServiceContract, SignerErrorsContract, RelayContract,
 * SignerInstancesContract, QuotaContract) is extended by one {@code @ParameterizedClass} per module
 * whose {@code @MethodSource} is {@link #suitesTimesStores}; JUnit injects each invocation's
 * (suite, store) into the two fields below.
 */
public abstract class SuiteContract<E> {

  @Parameter(0)
  private SuiteUnderTest<E> target;

  @Parameter(1)
  private StoreMode store;

  /**
   * For {@code @ParameterizedClass} subclasses: JUnit sets the suite and the store per invocation.
   */
  protected SuiteContract() {}

  protected SuiteContract(SuiteUnderTest<E> target) {
    this(target, null);
  }

  protected SuiteContract(SuiteUnderTest<E> target, StoreMode store) {
    this.target = target;
    this.store = store;
  }

  /** Every (suite, store) pair: the arguments of a parameterised contract class. */
  public static Stream<Arguments> suitesTimesStores(
      List<? extends SuiteUnderTest<?>> suites, StoreMode... stores) {
    return suites.stream().flatMap(s -> Stream.of(stores).map(m -> Arguments.of(s, m)));
  }

  protected final SuiteUnderTest<E> target() {
    return target;
  }

  protected final StoreMode store() {
    return store;
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
