package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.fault.ProtocolFaultsContract;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-ecdsa-schnorr, embedded store and Redis: the FROST-level faults (misbehaving cosigner,
 * answers lost after commit), for every suite in {@link EcdsaSchnorrSuites#ALL}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrSuites#onEveryStore")
class EcdsaSchnorrProtocolFaultsTest extends ProtocolFaultsContract<ECPoint> {}
