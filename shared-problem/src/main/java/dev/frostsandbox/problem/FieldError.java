package dev.frostsandbox.problem;

import java.util.Objects;

/**
 * One validation failure, rendered in the {@code errors} extension member.
 *
 * @param pointer JSON Pointer (RFC 6901) to the offending field, e.g. {@code /commitments/0}
 * @param detail what is wrong with it
 */
public record FieldError(String pointer, String detail) {
  public FieldError {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(detail, "detail");
  }
}
