package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerInstancesContract;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-ecdsa-schnorr, two instances on one Redis: single use under concurrency, restart, outage,
 * for every suite in {@link EcdsaSchnorrSuites#ALL}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrSuites#onRedis")
class EcdsaSchnorrInstancesTest extends SignerInstancesContract<ECPoint> {}
