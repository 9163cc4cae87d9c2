package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.SignerServiceContract;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-eddsa, embedded store and Redis: the end-to-end contract over HTTP, for every suite in
 * {@link EddsaSuites#ALL}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.eddsa.EddsaSuites#onEveryStore")
class EddsaServiceTest extends SignerServiceContract<Ed25519Point> {}
