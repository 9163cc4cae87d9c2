package dev.frostsandbox.frost;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A participant identifier: a non-zero scalar (frost-core {@code Identifier}). Ordered by numeric
 * value, which is how frost-core orders its maps and the RFC 9591 commitment list.
 */
public record Identifier(BigInteger value) implements Comparable<Identifier> {

  public Identifier {
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("an identifier is a non-zero scalar");
    }
  }

  /** frost-core {@code Identifier::try_from(u16)}. */
  public static Identifier of(long n) {
    return new Identifier(BigInteger.valueOf(n));
  }

  /** frost-core {@code Identifier::derive}: HID(bytes). */
  public static Identifier derive(Ciphersuite<?> suite, byte[] bytes) {
    BigInteger v = suite.hid(bytes);
    if (v.signum() == 0) {
      throw new IllegalArgumentException("derived identifier is zero");
    }
    return new Identifier(v);
  }

  public static Identifier derive(Ciphersuite<?> suite, String text) {
    return derive(suite, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Checked against the group order when decoded; here for identifiers built from numbers. */
  public Identifier checkedFor(Group<?> group) {
    if (value.compareTo(group.order()) >= 0) {
      throw new IllegalArgumentException("identifier not below the group order");
    }
    return this;
  }

  @Override
  public int compareTo(Identifier o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
