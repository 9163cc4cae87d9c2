package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.QuotaContract;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-eddsa, embedded store and Redis: the per-tenant quotas, for every suite in {@link
 * EddsaSuites#ALL}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.eddsa.EddsaSuites#onEveryStore")
class EddsaQuotaTest extends QuotaContract<Ed25519Point> {}
