package dev.frostsandbox.frost;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A protocol failure (frost-core's {@code Error}): an invalid share, proof or signature, or
 * packages that do not fit together. {@link #culprits()} names every misbehaving participant that
 * was found (frost-core 3.0's {@code Error::culprits}, {@code CheaterDetection::AllCheaters});
 * {@link #culprit()} is the first of them, kept for callers that name one. Messages never contain
 * secret values.
 */
public final class FrostException extends RuntimeException {

  /** What went wrong, after frost-core's error variants. */
  public enum Kind {
    INVALID_MIN_SIGNERS,
    INVALID_MAX_SIGNERS,
    INCORRECT_NUMBER_OF_PACKAGES,
    INCORRECT_NUMBER_OF_COMMITMENTS,
    INCORRECT_NUMBER_OF_SHARES,
    INCORRECT_NUMBER_OF_IDENTIFIERS,
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
  private final List<Identifier> culprits;

  public FrostException(Kind kind, String message) {
    this(kind, List.of(), message);
  }

  public FrostException(Kind kind, Identifier culprit, String message) {
    this(kind, culprit == null ? List.of() : List.of(culprit), message);
  }

  /** A failure with every participant found at fault (in identifier order, without repeats). */
  public FrostException(Kind kind, Collection<Identifier> culprits, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.culprits = List.copyOf(new TreeSet<>(culprits));
  }

  public Kind kind() {
    return kind;
  }

  /** The first participant at fault (lowest identifier), or null. */
  public Identifier culprit() {
    return culprits.isEmpty() ? null : culprits.get(0);
  }

  /** Every participant at fault, in identifier order; empty when none is known. */
  public List<Identifier> culprits() {
    return culprits;
  }

  /**
   * Collects failures of several participants so that one check names them all: the exception
   * thrown has the kind of the first failure recorded, every culprit, and the single failure's
   * message unchanged (several are joined with "; ").
   */
  public static final class Culprits {
    private Kind kind;
    private final List<Identifier> culprits = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    public void add(Kind kind, Identifier culprit, String message) {
      if (this.kind == null) {
        this.kind = kind;
      }
      culprits.add(culprit);
      messages.add(message);
    }

    /**
     * Records a failure thrown by a check, with its culprit (or the given one when it names none).
     */
    public void add(FrostException e, Identifier culprit) {
      if (this.kind == null) {
        this.kind = e.kind();
      }
      culprits.addAll(e.culprits().isEmpty() ? List.of(culprit) : e.culprits());
      messages.add(e.getMessage());
    }

    public boolean isEmpty() {
      return culprits.isEmpty();
    }

    public void throwIfAny() {
      if (!culprits.isEmpty()) {
        throw new FrostException(kind, culprits, String.join("; ", messages));
      }
    }
  }
}
