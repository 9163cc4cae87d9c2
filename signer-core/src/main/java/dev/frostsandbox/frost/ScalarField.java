package dev.frostsandbox.frost;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arithmetic modulo an odd modulus m < 2^256 (a group order: secp256k1's n, Ed25519's L) in
 * constant time, for the engine's arithmetic on secrets (nonces, signing shares, polynomial
 * coefficients). Values are eight little-endian 32-bit limbs in Montgomery form (x * R mod m, R =
 * 2^256), always fully reduced below m. Every loop has a fixed length, there are no branches or
 * memory indexes that depend on a value, and the final subtraction of Montgomery multiplication and
 * of addition is a mask select; the JIT emits 64-bit multiplies that run in constant time on x86-64
 * and AArch64.
 *
 * <p>The records of the engine hold secrets as {@link BigInteger}s, so values enter and leave
 * through {@link #fromBigInteger} and {@link #toBigInteger}. Those are fixed-width (32 bytes), but
 * a BigInteger itself is not: its magnitude drops leading zero words and its constructor scans
 * leading zero bytes, so the boundary can reveal that a secret is below 2^(256-8k) (probability
 * about 2^-8k for a uniform scalar). That, and the copies a BigInteger leaves on the heap, is what
 * remains (docs/reliability.md).
 */
public final class ScalarField {

  private static final int LIMBS = 8;
  private static final long MASK = 0xffff_ffffL;
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final Map<BigInteger, ScalarField> FIELDS = new ConcurrentHashMap<>();

  private final BigInteger modulus;
  private final int[] m;

  /** -m^-1 mod 2^32. */
  private final int mInv;

  /** R^2 mod m: multiplying by it brings any x < 2^256 into Montgomery form. */
  private final int[] r2;

  /** R^3 mod m: the same for the high half of a 512-bit input. */
  private final int[] r3;

  /** R mod m: 1 in Montgomery form. */
  private final int[] one;

  private ScalarField(BigInteger modulus) {
    if (modulus.signum() <= 0
        || !modulus.testBit(0)
        || modulus.bitLength() > 256
        || modulus.compareTo(BigInteger.valueOf(3)) < 0) {
      throw new IllegalArgumentException("the modulus must be odd, at least 3 and below 2^256");
    }
    this.modulus = modulus;
    this.m = limbs(modulus);
    this.mInv =
        BigInteger.ONE
            .shiftLeft(32)
            .subtract(modulus.modInverse(BigInteger.ONE.shiftLeft(32)))
            .intValue();
    this.r2 = limbs(TWO_256.pow(2).mod(modulus));
    this.r3 = limbs(TWO_256.pow(3).mod(modulus));
    this.one = limbs(TWO_256.mod(modulus));
  }

  /**
   * The field of a modulus, built once per modulus (the tables above cost a few modular powers).
   */
  public static ScalarField of(BigInteger modulus) {
    return FIELDS.computeIfAbsent(modulus, ScalarField::new);
  }

  public BigInteger modulus() {
    return modulus;
  }

  /** Limbs of a public value (constants only: goes through BigInteger arithmetic). */
  private static int[] limbs(BigInteger v) {
    int[] out = new int[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      out[i] = v.shiftRight(32 * i).intValue();
    }
    return out;
  }

  // ---- conversions ----

  /** {@code x mod m} in Montgomery form, for 0 <= x < 2^256. */
  public int[] fromBigInteger(BigInteger x) {
    if (x.signum() < 0 || x.bitLength() > 256) {
      throw new IllegalArgumentException("not in [0, 2^256)");
    }
    // as Bytes.unsigned32: x + 2^256 encodes in 33 bytes whatever x's length
    byte[] be = TWO_256.add(x).toByteArray();
    int[] a = limbsOf(be, 1);
    Arrays.fill(be, (byte) 0);
    int[] out = mul(a, r2);
    clear(a);
    return out;
  }

  /**
   * A big-endian unsigned integer of up to 64 bytes reduced mod m, in Montgomery form (a wide hash
   * output, or 48 random bytes for an unbiased scalar).
   */
  public int[] reduce(byte[] bigEndian) {
    if (bigEndian.length > 64) {
      throw new IllegalArgumentException("at most 64 bytes");
    }
    byte[] wide = new byte[64];
    System.arraycopy(bigEndian, 0, wide, 64 - bigEndian.length, bigEndian.length);
    int[] hi = limbsOf(wide, 0);
    int[] lo = limbsOf(wide, 32);
    Arrays.fill(wide, (byte) 0);
    // hi * 2^256 + lo: (hi * R^3 + lo * R^2) / R = (hi * R + lo) * R, its Montgomery form
    int[] h = mul(hi, r3);
    int[] l = mul(lo, r2);
    int[] out = add(h, l);
    clear(hi, lo, h, l);
    return out;
  }

  /** The value as a BigInteger in [0, m). */
  public BigInteger toBigInteger(int[] a) {
    byte[] be = toBytes(a);
    BigInteger v = new BigInteger(1, be);
    Arrays.fill(be, (byte) 0);
    return v;
  }

  /** The value's 32-byte big-endian encoding, below m. */
  public byte[] toBytes(int[] a) {
    int[] v = fromMontgomery(a);
    byte[] out = new byte[32];
    for (int i = 0; i < LIMBS; i++) {
      int w = v[i];
      int o = 31 - 4 * i;
      out[o] = (byte) w;
      out[o - 1] = (byte) (w >>> 8);
      out[o - 2] = (byte) (w >>> 16);
      out[o - 3] = (byte) (w >>> 24);
    }
    clear(v);
    return out;
  }

  /** a / R mod m: Montgomery reduction of a single-width value, which leaves Montgomery form. */
  private int[] fromMontgomery(int[] a) {
    long[] t = new long[LIMBS + 1];
    for (int i = 0; i < LIMBS; i++) {
      t[i] = a[i] & MASK;
    }
    for (int i = 0; i < LIMBS; i++) {
      long q = (t[0] * mInv) & MASK;
      long s = t[0] + q * (m[0] & MASK);
      long c = s >>> 32;
      for (int j = 1; j < LIMBS; j++) {
        s = t[j] + q * (m[j] & MASK) + c;
        t[j - 1] = s & MASK;
        c = s >>> 32;
      }
      s = t[LIMBS] + c;
      t[LIMBS - 1] = s & MASK;
      t[LIMBS] = s >>> 32;
    }
    // (a + q m) / R < (m + R m) / R < m + 1, and the select below handles the equal case
    int[] out = new int[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      out[i] = (int) t[i];
    }
    long top = t[LIMBS];
    Arrays.fill(t, 0L);
    return subtractModulusIfNotBelow(out, top);
  }

  /** Eight little-endian limbs of the 32 big-endian bytes at {@code off}. */
  private static int[] limbsOf(byte[] be, int off) {
    int[] out = new int[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      int o = off + 31 - 4 * i;
      out[i] =
          (be[o] & 0xff)
              | (be[o - 1] & 0xff) << 8
              | (be[o - 2] & 0xff) << 16
              | (be[o - 3] & 0xff) << 24;
    }
    return out;
  }

  // ---- arithmetic ----

  public int[] zero() {
    return new int[LIMBS];
  }

  public int[] one() {
    return one.clone();
  }

  /** a + b mod m. */
  public int[] add(int[] a, int[] b) {
    int[] sum = new int[LIMBS];
    long carry = 0;
    for (int i = 0; i < LIMBS; i++) {
      long s = (a[i] & MASK) + (b[i] & MASK) + carry;
      sum[i] = (int) s;
      carry = s >>> 32;
    }
    // a + b < 2m: subtract m unless that borrows past the carry
    return subtractModulusIfNotBelow(sum, carry);
  }

  /** a * b mod m (Montgomery multiplication, CIOS: a * b / R, so Montgomery forms multiply). */
  public int[] mul(int[] a, int[] b) {
    long[] t = new long[LIMBS + 2];
    for (int i = 0; i < LIMBS; i++) {
      long ai = a[i] & MASK;
      long c = 0;
      for (int j = 0; j < LIMBS; j++) {
        // at most (2^32 - 1)^2 + 2 (2^32 - 1) = 2^64 - 1: exact as an unsigned long
        long s = t[j] + ai * (b[j] & MASK) + c;
        t[j] = s & MASK;
        c = s >>> 32;
      }
      long s = t[LIMBS] + c;
      t[LIMBS] = s & MASK;
      t[LIMBS + 1] = s >>> 32;
      long q = (t[0] * mInv) & MASK;
      s = t[0] + q * (m[0] & MASK);
      c = s >>> 32;
      for (int j = 1; j < LIMBS; j++) {
        s = t[j] + q * (m[j] & MASK) + c;
        t[j - 1] = s & MASK;
        c = s >>> 32;
      }
      s = t[LIMBS] + c;
      t[LIMBS - 1] = s & MASK;
      t[LIMBS] = t[LIMBS + 1] + (s >>> 32);
    }
    // t < 2m
    int[] out = new int[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      out[i] = (int) t[i];
    }
    long top = t[LIMBS];
    Arrays.fill(t, 0L);
    return subtractModulusIfNotBelow(out, top);
  }

  /** {@code v + top * 2^256 - m} if that is not negative, else the value unchanged; v < 2m. */
  private int[] subtractModulusIfNotBelow(int[] v, long top) {
    int[] d = new int[LIMBS];
    long borrow = 0;
    for (int i = 0; i < LIMBS; i++) {
      long s = (v[i] & MASK) - (m[i] & MASK) - borrow;
      d[i] = (int) s;
      borrow = s >>> 63;
    }
    // all ones when the subtraction went below zero: keep v
    int keep = (int) ((top - borrow) >> 63);
    for (int i = 0; i < LIMBS; i++) {
      v[i] = (v[i] & keep) | (d[i] & ~keep);
    }
    clear(d);
    return v;
  }

  /** Overwrites values that held secrets. */
  public static void clear(int[]... values) {
    for (int[] v : values) {
      Arrays.fill(v, 0);
    }
  }
}
