package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.SignerInstancesContract;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-eddsa, two instances on one Redis: single use under concurrency, restart, outage, for
 * every suite in {@link EddsaSuites#ALL}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.eddsa.EddsaSuites#onRedis")
class EddsaInstancesTest extends SignerInstancesContract<Ed25519Point> {}
