package dev.frostsandbox.frost;

import java.util.Optional;

/**
 * The kinds of element encoding that RFC 9591 DeserializeElement must reject, as a group supplies
 * them in {@link Group#invalidElementEncodings()}. {@link #slug()} is the name a client asks for
 * ({@code X-Fault-Variant} of the {@code invalid-element} fault).
 */
public enum InvalidElementKind {
  /** The identity element's encoding (RFC 9591 §4.1: the identity cannot be serialized). */
  IDENTITY("identity"),
  /** A well-formed coordinate for which no point is on the curve. */
  OFF_CURVE("off-curve"),
  /** A coordinate not reduced modulo the field prime (an alias of a point, or of the identity). */
  NON_CANONICAL("non-canonical"),
  /** A point of small order, outside the prime-order subgroup (only groups with a cofactor). */
  SMALL_ORDER("small-order");

  private final String slug;

  InvalidElementKind(String slug) {
    this.slug = slug;
  }

  public String slug() {
    return slug;
  }

  public static Optional<InvalidElementKind> ofSlug(String slug) {
    for (InvalidElementKind k : values()) {
      if (k.slug.equals(slug)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
