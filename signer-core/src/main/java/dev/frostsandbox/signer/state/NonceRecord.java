package dev.frostsandbox.signer.state;

import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.signer.SuiteBinding;

/** Server nonces of a two-round signature, kept until round 2 consumes them. */
public record NonceRecord<E>(SuiteBinding<E> suite, SigningNonces<E> nonces) {}
