package dev.frostsandbox.frost;

/** An element or scalar encoding rejected by RFC 9591 §6 rules; {@link #reason()} says which. */
public final class InvalidEncodingException extends Exception {

  /** Why a byte string is not a valid encoding. */
  public enum Reason {
    WRONG_LENGTH("has the wrong length"),
    NOT_HEX("is not lowercase hexadecimal"),
    IDENTITY("is the identity element"),
    NOT_ON_CURVE("is not a point on the curve"),
    NON_CANONICAL("is not a canonical encoding"),
    NOT_IN_SUBGROUP("is not in the prime-order subgroup"),
    SCALAR_OUT_OF_RANGE("is not a scalar below the group order"),
    ZERO_IDENTIFIER("is zero, which is not an identifier");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final Reason reason;

  public InvalidEncodingException(Reason reason) {
    super(reason.text(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
