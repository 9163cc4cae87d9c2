package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.fault.ProtocolFaultsContract;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * signer-eddsa, embedded store and Redis: the FROST-level faults (misbehaving cosigner, answers
 * lost after commit), for every suite in {@link EddsaSuites#ALL}.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("dev.frostsandbox.eddsa.EddsaSuites#onEveryStore")
class EddsaProtocolFaultsTest extends ProtocolFaultsContract<Ed25519Point> {}
