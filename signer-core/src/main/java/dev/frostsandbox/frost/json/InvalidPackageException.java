package dev.frostsandbox.frost.json;

import java.util.List;

/** A JSON document that is not a valid frost-core package; lists every invalid field. */
public final class InvalidPackageException extends Exception {
  private final List<InvalidField> errors;

  public InvalidPackageException(List<InvalidField> errors) {
    super(summary(errors), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<InvalidField> errors() {
    return errors;
  }

  private static String summary(List<InvalidField> errors) {
    if (errors.isEmpty()) {
      return "invalid package";
    }
    InvalidField f = errors.get(0);
    String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
    return (f.pointer().isEmpty() ? "body" : f.pointer()) + ": " + f.detail() + more;
  }
}
