package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.SignerErrorsContract;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-eddsa, embedded store and Redis: every documented error through the real request path, for
 * every suite in {@link EddsaSuites#ALL}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.eddsa.EddsaSuites#onEveryStore")
class EddsaErrorsTest extends SignerErrorsContract<Ed25519Point> {}
