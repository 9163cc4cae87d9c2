package dev.frostsandbox.signer.state;

import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.signer.SuiteBinding;

/** A stored key: the server's key package and the group's public key package. */
public record KeyRecord<E>(
    SuiteBinding<E> suite, KeyPackage<E> keyPackage, PublicKeyPackage<E> publicKeyPackage, long createdAtMillis) {}
