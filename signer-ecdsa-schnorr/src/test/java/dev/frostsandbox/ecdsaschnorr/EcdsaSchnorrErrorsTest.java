package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerErrorsContract;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-ecdsa-schnorr, embedded store and Redis: every documented error through the real request
 * path, for every suite in {@link EcdsaSchnorrSuites#ALL}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrSuites#onEveryStore")
class EcdsaSchnorrErrorsTest extends SignerErrorsContract<ECPoint> {}
