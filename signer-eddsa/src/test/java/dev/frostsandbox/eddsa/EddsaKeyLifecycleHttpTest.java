package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.KeyLifecycleHttpContract;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-eddsa, embedded store and Redis: refresh, repair and every culprit over HTTP, for every
 * suite in {@link EddsaSuites#ALL}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.eddsa.EddsaSuites#onEveryStore")
class EddsaKeyLifecycleHttpTest extends KeyLifecycleHttpContract<Ed25519Point> {}
