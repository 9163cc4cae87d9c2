package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.RelayContract;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-ecdsa-schnorr, embedded store and Redis: the relay end to end over HTTP, for every suite
 * in {@link EcdsaSchnorrSuites#RELAYING}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrSuites#relayingOnEveryStore")
class EcdsaSchnorrRelayTest extends RelayContract<ECPoint> {
  EcdsaSchnorrRelayTest() {
    super(EcdsaSchnorrSuites::ethereumAddress);
  }
}
