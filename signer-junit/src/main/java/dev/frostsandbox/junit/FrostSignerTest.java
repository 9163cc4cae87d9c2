package dev.frostsandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the signer services in-process for a test class, on free ports of 127.0.0.1, with the
 * embedded store unless {@link #redisUrl()} names a Redis. Test methods (and lifecycle methods)
 * declare a {@link FrostSandbox} parameter to get the base URLs, ciphersuites, fault rules and
 * journal. Every test starts from empty state: keys, rounds, nonces, fault rules and counters and
 * the journal are reset before each test unless {@link #resetBetweenTests()} is false or the test
 * method carries {@link KeepSignerState}. For a programmatic form see {@link
 * FrostSignerExtension#builder()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FrostSignerExtension.class)
public @interface FrostSignerTest {

  /** Which services to start (default both). */
  SignerService[] services() default {SignerService.EDDSA, SignerService.ECDSA_SCHNORR};

  /** Fault injection ({@code SIGNER_FAULTS_ENABLED}): fault headers and /admin/faults. */
  boolean faults() default true;

  /**
   * {@code SIGNER_API_KEYS} entries, {@code tenant=key} or {@code key}; empty: one open tenant.
   * {@link FrostSandbox} sends the first key.
   */
  String[] apiKeys() default {};

  /**
   * A Redis URL ({@code SIGNER_REDIS_URL}) to run against a real Redis; empty: the embedded store.
   * {@code ${NAME}} takes the environment variable NAME (empty when unset: the embedded store).
   */
  String redisUrl() default "";

  /** Fresh services for each test instead of one start per class. */
  boolean perTest() default false;

  /** Reset all state before each test. */
  boolean resetBetweenTests() default true;

  /**
   * {@code SIGNER_DETERMINISTIC_SEED} (at least 16 characters): the same requests get
   * byte-identical answers on every start (test keys only); empty: random, as in production.
   */
  String deterministicSeed() default "";

  /** Further service variables, {@code NAME=value} (any variable of the README's table). */
  String[] env() default {};
}
