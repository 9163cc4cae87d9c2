package dev.frostsandbox.ecdsaschnorr;

import java.math.BigInteger;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Mod;
import org.bouncycastle.math.raw.Nat256;

/**
 * The secp256k1 base field (p = 2^256 - 0x1000003D1) on five 52-bit limbs in a {@code long[5]}, as
 * libsecp256k1's {@code field_5x52}: {@code a = a[0] + a[1] 2^52 + ... + a[4] 2^208}. Products of
 * limbs are split at bit 52 with {@link Math#multiplyHigh} (an intrinsic on x86-64) on limbs
 * pre-shifted so that the high word is the part above bit 52, so the column sums never need a carry
 * flag; the reduction folds the high half with {@code 2^260 = 0x1000003D10} and {@code 2^256 =
 * 0x1000003D1 (mod p)}.
 *
 * <p>Carries are lazy. The <em>magnitude</em> m of a value bounds its limbs: {@code a[i] <= 2m
 * (2^52 - 1)} for i < 4 and {@code a[4] <= 2m (2^48 - 1)}. {@link #mul} and {@link #sqr} accept
 * magnitudes up to 8 and return magnitude 1; {@link #add} adds magnitudes; {@link #sub} with {@code
 * mb} the magnitude of b returns {@code ma + mb + 1}; {@link #weak} brings any magnitude up to 31
 * back to 1 and {@link #normalize} to the canonical value in [0, p). Nothing here branches on or
 * indexes memory by a secret value ({@link #pow}'s exponent and {@link #invVar}'s input are
 * public); the arithmetic allocates nothing (the exponentiations and the conversions do). Public
 * for the benchmarks only.
 */
public final class Secp256k1Field52 {
  private Secp256k1Field52() {}

  static final long M = 0xFFFFFFFFFFFFFL;
  static final long M48 = 0xFFFFFFFFFFFFL;
  private static final long R = 0x1000003D10L; // 2^260 mod p
  private static final long P_FOLD = 0x1000003D1L; // 2^256 mod p
  private static final long R_SHIFTED = R << 12;
  private static final long P_FOLD_SHIFTED = P_FOLD << 12;
  private static final long P0 = 0xFFFFEFFFFFC2FL;

  /** The field prime. */
  static final BigInteger P =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.valueOf(0x1000003D1L));

  static long[] create() {
    return new long[5];
  }

  /** r = a * b: the first version (products split with a shift per product), the reference. */
  public static void mulRef(long[] a, long[] b, long[] r) {
    long pl;
    long ph;
    long l0;
    long h0;
    long l1;
    long h1;
    long l2;
    long h2;
    long l3;
    long h3;
    long l4;
    long h4;
    long l5;
    long h5;
    long l6;
    long h6;
    long l7;
    long h7;
    long l8;
    long h8;
    final long a0 = a[0];
    final long a1 = a[1];
    final long a2 = a[2];
    final long a3 = a[3];
    final long a4 = a[4];
    final long b0 = b[0];
    final long b1 = b[1];
    final long b2 = b[2];
    final long b3 = b[3];
    final long b4 = b[4];
    pl = a0 * b0;
    ph = Math.multiplyHigh(a0, b0);
    l0 = pl & M;
    h0 = (ph << 12) | (pl >>> 52);
    pl = a0 * b1;
    ph = Math.multiplyHigh(a0, b1);
    l1 = pl & M;
    h1 = (ph << 12) | (pl >>> 52);
    pl = a1 * b0;
    ph = Math.multiplyHigh(a1, b0);
    l1 += pl & M;
    h1 += (ph << 12) | (pl >>> 52);
    pl = a0 * b2;
    ph = Math.multiplyHigh(a0, b2);
    l2 = pl & M;
    h2 = (ph << 12) | (pl >>> 52);
    pl = a1 * b1;
    ph = Math.multiplyHigh(a1, b1);
    l2 += pl & M;
    h2 += (ph << 12) | (pl >>> 52);
    pl = a2 * b0;
    ph = Math.multiplyHigh(a2, b0);
    l2 += pl & M;
    h2 += (ph << 12) | (pl >>> 52);
    pl = a0 * b3;
    ph = Math.multiplyHigh(a0, b3);
    l3 = pl & M;
    h3 = (ph << 12) | (pl >>> 52);
    pl = a1 * b2;
    ph = Math.multiplyHigh(a1, b2);
    l3 += pl & M;
    h3 += (ph << 12) | (pl >>> 52);
    pl = a2 * b1;
    ph = Math.multiplyHigh(a2, b1);
    l3 += pl & M;
    h3 += (ph << 12) | (pl >>> 52);
    pl = a3 * b0;
    ph = Math.multiplyHigh(a3, b0);
    l3 += pl & M;
    h3 += (ph << 12) | (pl >>> 52);
    pl = a0 * b4;
    ph = Math.multiplyHigh(a0, b4);
    l4 = pl & M;
    h4 = (ph << 12) | (pl >>> 52);
    pl = a1 * b3;
    ph = Math.multiplyHigh(a1, b3);
    l4 += pl & M;
    h4 += (ph << 12) | (pl >>> 52);
    pl = a2 * b2;
    ph = Math.multiplyHigh(a2, b2);
    l4 += pl & M;
    h4 += (ph << 12) | (pl >>> 52);
    pl = a3 * b1;
    ph = Math.multiplyHigh(a3, b1);
    l4 += pl & M;
    h4 += (ph << 12) | (pl >>> 52);
    pl = a4 * b0;
    ph = Math.multiplyHigh(a4, b0);
    l4 += pl & M;
    h4 += (ph << 12) | (pl >>> 52);
    pl = a1 * b4;
    ph = Math.multiplyHigh(a1, b4);
    l5 = pl & M;
    h5 = (ph << 12) | (pl >>> 52);
    pl = a2 * b3;
    ph = Math.multiplyHigh(a2, b3);
    l5 += pl & M;
    h5 += (ph << 12) | (pl >>> 52);
    pl = a3 * b2;
    ph = Math.multiplyHigh(a3, b2);
    l5 += pl & M;
    h5 += (ph << 12) | (pl >>> 52);
    pl = a4 * b1;
    ph = Math.multiplyHigh(a4, b1);
    l5 += pl & M;
    h5 += (ph << 12) | (pl >>> 52);
    pl = a2 * b4;
    ph = Math.multiplyHigh(a2, b4);
    l6 = pl & M;
    h6 = (ph << 12) | (pl >>> 52);
    pl = a3 * b3;
    ph = Math.multiplyHigh(a3, b3);
    l6 += pl & M;
    h6 += (ph << 12) | (pl >>> 52);
    pl = a4 * b2;
    ph = Math.multiplyHigh(a4, b2);
    l6 += pl & M;
    h6 += (ph << 12) | (pl >>> 52);
    pl = a3 * b4;
    ph = Math.multiplyHigh(a3, b4);
    l7 = pl & M;
    h7 = (ph << 12) | (pl >>> 52);
    pl = a4 * b3;
    ph = Math.multiplyHigh(a4, b3);
    l7 += pl & M;
    h7 += (ph << 12) | (pl >>> 52);
    pl = a4 * b4;
    ph = Math.multiplyHigh(a4, b4);
    l8 = pl & M;
    h8 = (ph << 12) | (pl >>> 52);
    long c = l0;
    final long t0 = c & M;
    c >>>= 52;
    c += l1 + h0;
    final long t1 = c & M;
    c >>>= 52;
    c += l2 + h1;
    final long t2 = c & M;
    c >>>= 52;
    c += l3 + h2;
    final long t3 = c & M;
    c >>>= 52;
    c += l4 + h3;
    final long t4 = c & M;
    c >>>= 52;
    c += l5 + h4;
    final long t5 = c & M;
    c >>>= 52;
    c += l6 + h5;
    final long t6 = c & M;
    c >>>= 52;
    c += l7 + h6;
    final long t7 = c & M;
    c >>>= 52;
    c += l8 + h7;
    final long t8 = c & M;
    c >>>= 52;
    final long t9 = c + h8;
    // fold t5..t9 (weights 2^260 .. 2^468) down with 2^260 = R mod p
    pl = R * t5;
    ph = Math.multiplyHigh(R, t5);
    c = t0 + (pl & M);
    long hi = (ph << 12) | (pl >>> 52);
    long r0 = c & M;
    c >>>= 52;
    pl = R * t6;
    ph = Math.multiplyHigh(R, t6);
    c += t1 + (pl & M) + hi;
    hi = (ph << 12) | (pl >>> 52);
    long r1 = c & M;
    c >>>= 52;
    pl = R * t7;
    ph = Math.multiplyHigh(R, t7);
    c += t2 + (pl & M) + hi;
    hi = (ph << 12) | (pl >>> 52);
    long r2 = c & M;
    c >>>= 52;
    pl = R * t8;
    ph = Math.multiplyHigh(R, t8);
    c += t3 + (pl & M) + hi;
    hi = (ph << 12) | (pl >>> 52);
    final long r3 = c & M;
    c >>>= 52;
    pl = R * t9;
    ph = Math.multiplyHigh(R, t9);
    c += t4 + (pl & M) + hi;
    hi = (ph << 12) | (pl >>> 52);
    long r4 = c & M;
    c >>>= 52;
    c += hi; // weight 2^260
    // what is left above 2^256, folded with 2^256 = 0x1000003D1 mod p
    final long top = (c << 4) | (r4 >>> 48);
    r4 &= M48;
    pl = top * P_FOLD;
    ph = Math.multiplyHigh(top, P_FOLD);
    c = r0 + (pl & M);
    r0 = c & M;
    c >>>= 52;
    c += r1 + ((ph << 12) | (pl >>> 52));
    r1 = c & M;
    c >>>= 52;
    r2 += c;
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
  }

  /** r = a^2: the first version, the reference. */
  public static void sqrRef(long[] a, long[] r) {
    long pl;
    long ph;
    long l0;
    long h0;
    long l1;
    long h1;
    long l2;
    long h2;
    long l3;
    long h3;
    long l4;
    long h4;
    long l5;
    long h5;
    long l6;
    long h6;
    long l7;
    long h7;
    long l8;
    long h8;
    final long a0 = a[0];
    final long a1 = a[1];
    final long a2 = a[2];
    final long a3 = a[3];
    final long a4 = a[4];
    final long a02 = a0 << 1;
    final long a12 = a1 << 1;
    final long a22 = a2 << 1;
    final long a32 = a3 << 1;
    pl = a0 * a0;
    ph = Math.multiplyHigh(a0, a0);
    l0 = pl & M;
    h0 = (ph << 12) | (pl >>> 52);
    pl = a02 * a1;
    ph = Math.multiplyHigh(a02, a1);
    l1 = pl & M;
    h1 = (ph << 12) | (pl >>> 52);
    pl = a02 * a2;
    ph = Math.multiplyHigh(a02, a2);
    l2 = pl & M;
    h2 = (ph << 12) | (pl >>> 52);
    pl = a1 * a1;
    ph = Math.multiplyHigh(a1, a1);
    l2 += pl & M;
    h2 += (ph << 12) | (pl >>> 52);
    pl = a02 * a3;
    ph = Math.multiplyHigh(a02, a3);
    l3 = pl & M;
    h3 = (ph << 12) | (pl >>> 52);
    pl = a12 * a2;
    ph = Math.multiplyHigh(a12, a2);
    l3 += pl & M;
    h3 += (ph << 12) | (pl >>> 52);
    pl = a02 * a4;
    ph = Math.multiplyHigh(a02, a4);
    l4 = pl & M;
    h4 = (ph << 12) | (pl >>> 52);
    pl = a12 * a3;
    ph = Math.multiplyHigh(a12, a3);
    l4 += pl & M;
    h4 += (ph << 12) | (pl >>> 52);
    pl = a2 * a2;
    ph = Math.multiplyHigh(a2, a2);
    l4 += pl & M;
    h4 += (ph << 12) | (pl >>> 52);
    pl = a12 * a4;
    ph = Math.multiplyHigh(a12, a4);
    l5 = pl & M;
    h5 = (ph << 12) | (pl >>> 52);
    pl = a22 * a3;
    ph = Math.multiplyHigh(a22, a3);
    l5 += pl & M;
    h5 += (ph << 12) | (pl >>> 52);
    pl = a22 * a4;
    ph = Math.multiplyHigh(a22, a4);
    l6 = pl & M;
    h6 = (ph << 12) | (pl >>> 52);
    pl = a3 * a3;
    ph = Math.multiplyHigh(a3, a3);
    l6 += pl & M;
    h6 += (ph << 12) | (pl >>> 52);
    pl = a32 * a4;
    ph = Math.multiplyHigh(a32, a4);
    l7 = pl & M;
    h7 = (ph << 12) | (pl >>> 52);
    pl = a4 * a4;
    ph = Math.multiplyHigh(a4, a4);
    l8 = pl & M;
    h8 = (ph << 12) | (pl >>> 52);
    long c = l0;
    final long t0 = c & M;
    c >>>= 52;
    c += l1 + h0;
    final long t1 = c & M;
    c >>>= 52;
    c += l2 + h1;
    final long t2 = c & M;
    c >>>= 52;
    c += l3 + h2;
    final long t3 = c & M;
    c >>>= 52;
    c += l4 + h3;
    final long t4 = c & M;
    c >>>= 52;
    c += l5 + h4;
    final long t5 = c & M;
    c >>>= 52;
    c += l6 + h5;
    final long t6 = c & M;
    c >>>= 52;
    c += l7 + h6;
    final long t7 = c & M;
    c >>>= 52;
    c += l8 + h7;
    final long t8 = c & M;
    c >>>= 52;
    final long t9 = c + h8;
    // fold t5..t9 (weights 2^260 .. 2^468) down with 2^260 = R mod p
    pl = R * t5;
    ph = Math.multiplyHigh(R, t5);
    c = t0 + (pl & M);
    long hi = (ph << 12) | (pl >>> 52);
    long r0 = c & M;
    c >>>= 52;
    pl = R * t6;
    ph = Math.multiplyHigh(R, t6);
    c += t1 + (pl & M) + hi;
    hi = (ph << 12) | (pl >>> 52);
    long r1 = c & M;
    c >>>= 52;
    pl = R * t7;
    ph = Math.multiplyHigh(R, t7);
    c += t2 + (pl & M) + hi;
    hi = (ph << 12) | (pl >>> 52);
    long r2 = c & M;
    c >>>= 52;
    pl = R * t8;
    ph = Math.multiplyHigh(R, t8);
    c += t3 + (pl & M) + hi;
    hi = (ph << 12) | (pl >>> 52);
    final long r3 = c & M;
    c >>>= 52;
    pl = R * t9;
    ph = Math.multiplyHigh(R, t9);
    c += t4 + (pl & M) + hi;
    hi = (ph << 12) | (pl >>> 52);
    long r4 = c & M;
    c >>>= 52;
    c += hi; // weight 2^260
    // what is left above 2^256, folded with 2^256 = 0x1000003D1 mod p
    final long top = (c << 4) | (r4 >>> 48);
    r4 &= M48;
    pl = top * P_FOLD;
    ph = Math.multiplyHigh(top, P_FOLD);
    c = r0 + (pl & M);
    r0 = c & M;
    c >>>= 52;
    c += r1 + ((ph << 12) | (pl >>> 52));
    r1 = c & M;
    c >>>= 52;
    r2 += c;
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
  }

  /**
   * r = a * b. Limbs below 2^56 (magnitude 8) shifted left by 6 stay below 2^62, and the product of
   * two shifted limbs is {@code a_i b_j 2^12}: {@code multiplyHigh} of the shifted limbs is
   * directly {@code floor(a_i b_j / 2^52)} and the low 64 bits shifted right by 12 are {@code a_i
   * b_j mod 2^52}, two multiplications and a shift per limb product (the first version split each
   * product with three shifts and a mask, {@link #mulRef}). The ten column sums go to {@link
   * #reduce} whole, which takes the carries between columns all at once: a chain through the ten
   * columns and then the five folded ones would make every step wait for the one before.
   */
  public static void mul(long[] a, long[] b, long[] r) {
    final long as0 = a[0] << 6;
    final long as1 = a[1] << 6;
    final long as2 = a[2] << 6;
    final long as3 = a[3] << 6;
    final long as4 = a[4] << 6;
    final long bs0 = b[0] << 6;
    final long bs1 = b[1] << 6;
    final long bs2 = b[2] << 6;
    final long bs3 = b[3] << 6;
    final long bs4 = b[4] << 6;
    reduce(
        (as0 * bs0) >>> 12,
        ((as0 * bs1) >>> 12) + ((as1 * bs0) >>> 12) + Math.multiplyHigh(as0, bs0),
        ((as0 * bs2) >>> 12)
            + ((as1 * bs1) >>> 12)
            + ((as2 * bs0) >>> 12)
            + Math.multiplyHigh(as0, bs1)
            + Math.multiplyHigh(as1, bs0),
        ((as0 * bs3) >>> 12)
            + ((as1 * bs2) >>> 12)
            + ((as2 * bs1) >>> 12)
            + ((as3 * bs0) >>> 12)
            + Math.multiplyHigh(as0, bs2)
            + Math.multiplyHigh(as1, bs1)
            + Math.multiplyHigh(as2, bs0),
        ((as0 * bs4) >>> 12)
            + ((as1 * bs3) >>> 12)
            + ((as2 * bs2) >>> 12)
            + ((as3 * bs1) >>> 12)
            + ((as4 * bs0) >>> 12)
            + Math.multiplyHigh(as0, bs3)
            + Math.multiplyHigh(as1, bs2)
            + Math.multiplyHigh(as2, bs1)
            + Math.multiplyHigh(as3, bs0),
        ((as1 * bs4) >>> 12)
            + ((as2 * bs3) >>> 12)
            + ((as3 * bs2) >>> 12)
            + ((as4 * bs1) >>> 12)
            + Math.multiplyHigh(as0, bs4)
            + Math.multiplyHigh(as1, bs3)
            + Math.multiplyHigh(as2, bs2)
            + Math.multiplyHigh(as3, bs1)
            + Math.multiplyHigh(as4, bs0),
        ((as2 * bs4) >>> 12)
            + ((as3 * bs3) >>> 12)
            + ((as4 * bs2) >>> 12)
            + Math.multiplyHigh(as1, bs4)
            + Math.multiplyHigh(as2, bs3)
            + Math.multiplyHigh(as3, bs2)
            + Math.multiplyHigh(as4, bs1),
        ((as3 * bs4) >>> 12)
            + ((as4 * bs3) >>> 12)
            + Math.multiplyHigh(as2, bs4)
            + Math.multiplyHigh(as3, bs3)
            + Math.multiplyHigh(as4, bs2),
        ((as4 * bs4) >>> 12) + Math.multiplyHigh(as3, bs4) + Math.multiplyHigh(as4, bs3),
        Math.multiplyHigh(as4, bs4),
        r);
  }

  /** r = a^2, as {@link #mul}; the doubled products {@code 2 a_i a_j} use {@code a_i << 7}. */
  public static void sqr(long[] a, long[] r) {
    final long a0 = a[0];
    final long a1 = a[1];
    final long a2 = a[2];
    final long a3 = a[3];
    final long a4 = a[4];
    final long as0 = a0 << 6;
    final long as1 = a1 << 6;
    final long as2 = a2 << 6;
    final long as3 = a3 << 6;
    final long as4 = a4 << 6;
    final long ads0 = a0 << 7;
    final long ads1 = a1 << 7;
    final long ads2 = a2 << 7;
    final long ads3 = a3 << 7;
    reduce(
        (as0 * as0) >>> 12,
        ((ads0 * as1) >>> 12) + Math.multiplyHigh(as0, as0),
        ((ads0 * as2) >>> 12) + ((as1 * as1) >>> 12) + Math.multiplyHigh(ads0, as1),
        ((ads0 * as3) >>> 12)
            + ((ads1 * as2) >>> 12)
            + Math.multiplyHigh(ads0, as2)
            + Math.multiplyHigh(as1, as1),
        ((ads0 * as4) >>> 12)
            + ((ads1 * as3) >>> 12)
            + ((as2 * as2) >>> 12)
            + Math.multiplyHigh(ads0, as3)
            + Math.multiplyHigh(ads1, as2),
        ((ads1 * as4) >>> 12)
            + ((ads2 * as3) >>> 12)
            + Math.multiplyHigh(ads0, as4)
            + Math.multiplyHigh(ads1, as3)
            + Math.multiplyHigh(as2, as2),
        ((ads2 * as4) >>> 12)
            + ((as3 * as3) >>> 12)
            + Math.multiplyHigh(ads1, as4)
            + Math.multiplyHigh(ads2, as3),
        ((ads3 * as4) >>> 12) + Math.multiplyHigh(ads2, as4) + Math.multiplyHigh(as3, as3),
        ((as4 * as4) >>> 12) + Math.multiplyHigh(ads3, as4),
        Math.multiplyHigh(as4, as4),
        r);
  }

  /**
   * r = sum(c_k 2^(52 k)) mod p at magnitude 1, from the column sums of a product (c_0 and c_9
   * below 2^52, the others below 2^63): every carry is taken at once, not one column after the
   * other, so the only serial steps are two rounds of carries and two folds.
   */
  private static void reduce(
      long c0,
      long c1,
      long c2,
      long c3,
      long c4,
      long c5,
      long c6,
      long c7,
      long c8,
      long c9,
      long[] r) {
    // one round of carries: d_k below 2^52 + 2^11
    final long d1 = c1 & M;
    final long d2 = (c2 & M) + (c1 >>> 52);
    final long d3 = (c3 & M) + (c2 >>> 52);
    final long d4 = (c4 & M) + (c3 >>> 52);
    final long d5 = (c5 & M) + (c4 >>> 52);
    final long d6 = (c6 & M) + (c5 >>> 52);
    final long d7 = (c7 & M) + (c6 >>> 52);
    final long d8 = (c8 & M) + (c7 >>> 52);
    final long d9 = c9 + (c8 >>> 52);
    // d_5..d_9 (weights 2^260 .. 2^468) folded with 2^260 = R mod p: R d < 2^89, split at bit 52
    final long e0 = c0 + ((R * d5) & M);
    final long e1 = d1 + ((R * d6) & M) + Math.multiplyHigh(R_SHIFTED, d5);
    final long e2 = d2 + ((R * d7) & M) + Math.multiplyHigh(R_SHIFTED, d6);
    final long e3 = d3 + ((R * d8) & M) + Math.multiplyHigh(R_SHIFTED, d7);
    final long e4 = d4 + ((R * d9) & M) + Math.multiplyHigh(R_SHIFTED, d8);
    final long e5 = Math.multiplyHigh(R_SHIFTED, d9); // weight 2^260, below 2^37
    // e_0..e_4 below 2^54: a second round of carries, and what is left above 2^256 (top, below
    // 2^41) folded with 2^256 = 0x1000003D1 mod p; every limb out below 2^53, the last below 2^48
    final long t4 = (e4 & M) + (e3 >>> 52);
    final long top = (t4 >>> 48) + (((e4 >>> 52) + e5) << 4);
    r[0] = (e0 & M) + ((top * P_FOLD) & M);
    r[1] = (e1 & M) + (e0 >>> 52) + Math.multiplyHigh(top, P_FOLD_SHIFTED);
    r[2] = (e2 & M) + (e1 >>> 52);
    r[3] = (e3 & M) + (e2 >>> 52);
    r[4] = t4 & M48;
  }

  /** r = a + b (magnitudes add). */
  static void add(long[] a, long[] b, long[] r) {
    r[0] = a[0] + b[0];
    r[1] = a[1] + b[1];
    r[2] = a[2] + b[2];
    r[3] = a[3] + b[3];
    r[4] = a[4] + b[4];
  }

  /** r = k a for a small k (the magnitude times k). */
  static void mulInt(long[] a, int k, long[] r) {
    r[0] = a[0] * k;
    r[1] = a[1] * k;
    r[2] = a[2] * k;
    r[3] = a[3] * k;
    r[4] = a[4] * k;
  }

  /** r = a - b, b of magnitude at most mb: a + 2 (mb + 1) p - b, of magnitude ma + mb + 1. */
  static void sub(long[] a, long[] b, int mb, long[] r) {
    long f = 2L * (mb + 1);
    r[0] = a[0] + f * P0 - b[0];
    r[1] = a[1] + f * M - b[1];
    r[2] = a[2] + f * M - b[2];
    r[3] = a[3] + f * M - b[3];
    r[4] = a[4] + f * M48 - b[4];
  }

  /** r = -a, a of magnitude at most m; r has magnitude m + 1. */
  static void negate(long[] a, int m, long[] r) {
    long f = 2L * (m + 1);
    r[0] = f * P0 - a[0];
    r[1] = f * M - a[1];
    r[2] = f * M - a[2];
    r[3] = f * M - a[3];
    r[4] = f * M48 - a[4];
  }

  /** Brings a (magnitude at most 31) to magnitude 1 in place, the value unchanged mod p. */
  static void weak(long[] a) {
    long t0 = a[0];
    long t1 = a[1];
    long t2 = a[2];
    long t3 = a[3];
    long t4 = a[4];
    long x = t4 >>> 48;
    t4 &= M48;
    t0 += x * P_FOLD;
    t1 += t0 >>> 52;
    t0 &= M;
    t2 += t1 >>> 52;
    t1 &= M;
    t3 += t2 >>> 52;
    t2 &= M;
    t4 += t3 >>> 52;
    t3 &= M;
    a[0] = t0;
    a[1] = t1;
    a[2] = t2;
    a[3] = t3;
    a[4] = t4;
  }

  /** r = a reduced to [0, p) (a of magnitude at most 31), in constant time. */
  static void normalize(long[] a, long[] r) {
    long t0 = a[0];
    long t1 = a[1];
    long t2 = a[2];
    long t3 = a[3];
    long t4 = a[4];
    long x = t4 >>> 48;
    t4 &= M48;
    t0 += x * P_FOLD;
    t1 += t0 >>> 52;
    t0 &= M;
    t2 += t1 >>> 52;
    t1 &= M;
    long m = t1;
    t3 += t2 >>> 52;
    t2 &= M;
    m &= t2;
    t4 += t3 >>> 52;
    t3 &= M;
    m &= t3;
    // now below 2p: one more subtraction of p when t >= p (t4 >= 2^48, or all ones above t0 >= P0)
    long top = t4 >>> 48;
    long allOnes = eqMask(t4, M48) & eqMask(m, M) & ~((t0 - P0) >> 63);
    x = top | (allOnes & 1);
    t0 += x * P_FOLD;
    t1 += t0 >>> 52;
    t0 &= M;
    t2 += t1 >>> 52;
    t1 &= M;
    t3 += t2 >>> 52;
    t2 &= M;
    t4 += t3 >>> 52;
    t3 &= M;
    t4 &= M48;
    r[0] = t0;
    r[1] = t1;
    r[2] = t2;
    r[3] = t3;
    r[4] = t4;
  }

  /** -1 when a == b, else 0 (both below 2^63). */
  private static long eqMask(long a, long b) {
    return ((a ^ b) - 1) >> 63;
  }

  /** 1 when a is 0 mod p, else 0, in constant time; scratch receives the normalized value. */
  static int isZero(long[] a, long[] scratch) {
    normalize(a, scratch);
    long z = scratch[0] | scratch[1] | scratch[2] | scratch[3] | scratch[4];
    return (int) (((z - 1) & ~z) >>> 63);
  }

  /** r = a when flag is 1, unchanged when 0. */
  static void cmov(long[] a, int flag, long[] r) {
    long mask = -(long) flag;
    for (int i = 0; i < 5; i++) {
      r[i] ^= (r[i] ^ a[i]) & mask;
    }
  }

  /**
   * r = 1 / a for a != 0 mod p, via Bouncy Castle's constant-time inversion on the normalized
   * value.
   */
  static void inv(long[] a, long[] r, int[] scratch8, int[] scratch8b) {
    normalize(a, r);
    toInt8(r, scratch8);
    SecP256K1Field.inv(scratch8, scratch8b);
    fromInt8(scratch8b, r);
  }

  private static final int[] P_INT8 = Nat256.fromBigInteger(P);

  /**
   * r = 1 / a for a != 0 mod p in variable time (Bouncy Castle's {@code Mod.modOddInverseVar}): for
   * public values only (the MSM's tables and results).
   */
  static void invVar(long[] a, long[] r, int[] scratch8, int[] scratch8b) {
    normalize(a, r);
    toInt8(r, scratch8);
    Mod.checkedModOddInverseVar(P_INT8, scratch8, scratch8b);
    fromInt8(scratch8b, r);
  }

  /** r = a^e (e public; square and multiply). */
  static void pow(long[] a, BigInteger e, long[] r) {
    long[] acc = new long[5];
    acc[0] = 1;
    long[] base = a.clone();
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      sqr(acc, acc);
      if (e.testBit(i)) {
        mul(acc, base, acc);
      }
    }
    System.arraycopy(acc, 0, r, 0, 5);
  }

  /**
   * r = a square root of a (a of magnitude at most 8), returning 1 when a is a square, else 0 (r
   * then meaningless): {@code a^((p+1)/4)} by libsecp256k1's addition chain ({@code
   * secp256k1_fe_sqrt}: 253 squarings and 13 multiplications, where square-and-multiply over the
   * exponent's bits, {@link #pow}, takes 247 multiplications), in constant time.
   */
  static int sqrt(long[] a, long[] r) {
    // xk = a^(2^k - 1), the exponent's runs of ones
    long[] x2 = new long[5];
    sqr(a, x2);
    mul(x2, a, x2);
    long[] x3 = new long[5];
    sqr(x2, x3);
    mul(x3, a, x3);
    long[] x6 = sqrMul(x3, 3, x3);
    long[] x9 = sqrMul(x6, 3, x3);
    long[] x11 = sqrMul(x9, 2, x2);
    long[] x22 = sqrMul(x11, 11, x11);
    long[] x44 = sqrMul(x22, 22, x22);
    long[] x88 = sqrMul(x44, 44, x44);
    long[] x176 = sqrMul(x88, 88, x88);
    long[] x220 = sqrMul(x176, 44, x44);
    long[] x223 = sqrMul(x220, 3, x3);
    // the rest of (p+1)/4: a zero bit then x22's 22 ones, four zero bits then x2's two ones, and
    // two zero bits
    long[] t = sqrMul(x223, 23, x22);
    t = sqrMul(t, 6, x2);
    sqr(t, t);
    sqr(t, r);
    long[] check = new long[5];
    sqr(r, check);
    long[] diff = new long[5];
    sub(check, a, 8, diff);
    return isZero(diff, check);
  }

  /** {@code a^(2^n) * b} in a new array. */
  private static long[] sqrMul(long[] a, int n, long[] b) {
    long[] t = new long[5];
    sqr(a, t);
    for (int i = 1; i < n; i++) {
      sqr(t, t);
    }
    mul(t, b, t);
    return t;
  }

  /** Limbs of a value below 2^256 given as Bouncy Castle's little-endian {@code int[8]}. */
  static void fromInt8(int[] x, long[] r) {
    long w0 = (x[0] & 0xFFFFFFFFL) | ((long) x[1] << 32);
    long w1 = (x[2] & 0xFFFFFFFFL) | ((long) x[3] << 32);
    long w2 = (x[4] & 0xFFFFFFFFL) | ((long) x[5] << 32);
    long w3 = (x[6] & 0xFFFFFFFFL) | ((long) x[7] << 32);
    r[0] = w0 & M;
    r[1] = ((w0 >>> 52) | (w1 << 12)) & M;
    r[2] = ((w1 >>> 40) | (w2 << 24)) & M;
    r[3] = ((w2 >>> 28) | (w3 << 36)) & M;
    r[4] = w3 >>> 16;
  }

  /** The {@code int[8]} of a normalized value. */
  static void toInt8(long[] a, int[] r) {
    long w0 = a[0] | (a[1] << 52);
    long w1 = (a[1] >>> 12) | (a[2] << 40);
    long w2 = (a[2] >>> 24) | (a[3] << 28);
    long w3 = (a[3] >>> 36) | (a[4] << 16);
    r[0] = (int) w0;
    r[1] = (int) (w0 >>> 32);
    r[2] = (int) w1;
    r[3] = (int) (w1 >>> 32);
    r[4] = (int) w2;
    r[5] = (int) (w2 >>> 32);
    r[6] = (int) w3;
    r[7] = (int) (w3 >>> 32);
  }

  /** The limbs of v in [0, 2^256), not reduced mod p. */
  public static long[] fromBigInteger(BigInteger v) {
    long[] r = new long[5];
    fromInt8(Nat256.fromBigInteger(v), r);
    return r;
  }

  /** The value in [0, p). */
  static BigInteger toBigInteger(long[] a) {
    long[] n = new long[5];
    normalize(a, n);
    int[] x = new int[8];
    toInt8(n, x);
    return Nat256.toBigInteger(x);
  }
}
