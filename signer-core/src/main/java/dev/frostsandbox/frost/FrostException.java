package dev.frostsandbox.frost;

/**
 * A protocol failure (frost-core's {@code Error}): an invalid share, proof or signature, or
 * packages that do not fit together. {@link #culprit()} names the misbehaving participant when
 * one is known. Messages never contain secret values.
 */
public final class FrostException extends RuntimeException {

  /** What went wrong, after frost-core's error variants. */
  public enum Kind {
    INVALID_MIN_SIGNERS,
    INVALID_MAX_SIGNERS,
    INCORRECT_NUMBER_OF_PACKAGES,
    INCORRECT_NUMBER_OF_COMMITMENTS,
    INCORRECT_NUMBER_OF_SHARES,
    INCORRECT_PACKAGE,
    UNKNOWN_IDENTIFIER,
    DUPLICATED_IDENTIFIER,
    MISSING_COMMITMENT,
    INCORRECT_COMMITMENT,
    IDENTITY_COMMITMENT,
    INVALID_PROOF_OF_KNOWLEDGE,
    INVALID_SECRET_SHARE,
    INVALID_SIGNATURE_SHARE,
    INVALID_SIGNATURE,
    INVALID_ENCODING,
    /**
     * A participant's public key package (or group verifying key) differs from the one this
     * participant's own part3 derived. frost-core has no variant: it leaves the comparison to the
     * application; the project's client makes it and names the other participant.
     */
    PUBLIC_KEY_PACKAGE_MISMATCH
  }

  private final Kind kind;
  private final Identifier culprit;

  public FrostException(Kind kind, String message) {
    this(kind, null, message);
  }

  public FrostException(Kind kind, Identifier culprit, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.culprit = culprit;
  }

  public Kind kind() {
    return kind;
  }

  /** The participant at fault, or null. */
  public Identifier culprit() {
    return culprit;
  }
}
