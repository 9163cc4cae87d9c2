package dev.frostsandbox.ecdsaschnorr.poseidon;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Starknet's Poseidon: the Hades permutation over the Stark field (width 3, 4 full + 83 partial + 4
 * full rounds, x^3 S-box, MDS [[3,1,1],[1,-1,1],[1,1,-2]]) and PoseidonHashMany, as specified in
 * design/poseidon.md. The permutation runs on {@link StarkField} limbs; BigInteger appears only at
 * the API boundary.
 */
public final class Poseidon {

  static final int FULL_ROUNDS_HALF = 4;
  static final int PARTIAL_ROUNDS = 83;
  static final int ROUNDS = 2 * FULL_ROUNDS_HALF + PARTIAL_ROUNDS;

  /** Bytes per felt in E(b): 31 bytes always fit below p. */
  static final int BYTES_PER_FELT = 31;

  /**
   * Round constants in Montgomery form, flattened N limbs each, in the order the permutation
   * consumes them: 3 per full round, 1 per partial round (see {@link #compressConstants}).
   */
  private static final long[] RC;

  private static final int N = StarkField.N;
  // State layout in a long[STATE_LEN]: lanes 0, 1, 2 then one scratch element.
  private static final int L0 = 0;
  private static final int L1 = N;
  private static final int L2 = 2 * N;
  private static final int T = 3 * N;
  private static final int STATE_LEN = 4 * N;

  static {
    RC = compressConstants(roundConstants());
  }

  private Poseidon() {}

  /**
   * Round constant number k = SHA-256(ASCII "Hades" || decimal k) as a big-endian integer mod p.
   */
  static BigInteger roundConstant(int k) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] d = sha.digest(("Hades" + k).getBytes(StandardCharsets.US_ASCII));
      return new BigInteger(1, d).mod(StarkField.P);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** All 3 * ROUNDS constants, indexed k = 3 * round + lane. */
  static BigInteger[] roundConstants() {
    BigInteger[] c = new BigInteger[3 * ROUNDS];
    for (int k = 0; k < c.length; k++) {
      c[k] = roundConstant(k);
    }
    return c;
  }

  /**
   * Partial-round constant compression: in a partial round only lane 2 goes through the S-box, so
   * the constants of lanes 0 and 1 can be pushed through the (linear) MDS into the next round's
   * constants. Each partial round then adds a single constant; the leftover lands on the first
   * closing full round. Saves two field additions per partial round; equivalence with the textbook
   * permutation is checked by the tests.
   */
  private static long[] compressConstants(BigInteger[] c) {
    BigInteger p = StarkField.P;
    int count = 3 * 2 * FULL_ROUNDS_HALF + PARTIAL_ROUNDS;
    long[] out = new long[N * count];
    int o = 0;
    BigInteger v0 = BigInteger.ZERO, v1 = BigInteger.ZERO, v2 = BigInteger.ZERO; // pending carry
    for (int r = 0; r < ROUNDS; r++) {
      BigInteger k0 = c[3 * r].add(v0).mod(p);
      BigInteger k1 = c[3 * r + 1].add(v1).mod(p);
      BigInteger k2 = c[3 * r + 2].add(v2).mod(p);
      boolean partial = r >= FULL_ROUNDS_HALF && r < FULL_ROUNDS_HALF + PARTIAL_ROUNDS;
      if (partial) {
        o = put(out, o, k2);
        // carry = MDS * (k0, k1, 0)
        v0 = k0.multiply(BigInteger.valueOf(3)).add(k1).mod(p);
        v1 = k0.subtract(k1).mod(p);
        v2 = k0.add(k1).mod(p);
      } else {
        o = put(out, o, k0);
        o = put(out, o, k1);
        o = put(out, o, k2);
        v0 = v1 = v2 = BigInteger.ZERO;
      }
    }
    return out;
  }

  private static int put(long[] out, int o, BigInteger v) {
    System.arraycopy(StarkField.fromBigInteger(v), 0, out, o, N);
    return o + N;
  }

  // ---------------------------------------------------------------- permutation on limbs

  /** Hades permutation in place on lanes L0, L1, L2 of s (Montgomery, each below 2p). */
  private static void permute(long[] s) {
    final long[] rc = RC;
    int k = 0;
    for (int r = 0; r < FULL_ROUNDS_HALF; r++) {
      k = fullRound(s, rc, k);
    }
    for (int r = 0; r < PARTIAL_ROUNDS; r++) {
      // lane 2 below 2p + p: fine as a mul input
      StarkField.addRaw(s, L2, s, L2, rc, k);
      k += N;
      StarkField.cube(s, L2, s, L2, s, T);
      mds(s);
    }
    for (int r = 0; r < FULL_ROUNDS_HALF; r++) {
      k = fullRound(s, rc, k);
    }
  }

  private static int fullRound(long[] s, long[] rc, int k) {
    StarkField.addRaw(s, L0, s, L0, rc, k);
    StarkField.addRaw(s, L1, s, L1, rc, k + N);
    StarkField.addRaw(s, L2, s, L2, rc, k + 2 * N);
    StarkField.cube(s, L0, s, L0, s, T);
    StarkField.cube(s, L1, s, L1, s, T);
    StarkField.cube(s, L2, s, L2, s, T);
    mds(s);
    return k + 3 * N;
  }

  /**
   * (a, b, c) := (3a + b + c, a - b + c, a + b - 2c), limb by limb as t + 2a, t - 2b + 2p, t - 3c +
   * 4p with t = a + b + c: with a, b, c below 2p each value is non-negative and below 10p, so one
   * reduce (which also normalizes the possibly negative limbs) per lane suffices.
   */
  private static void mds(long[] s) {
    final long[] twoP = StarkField.TWO_P;
    final long[] fourP = StarkField.FOUR_P;
    for (int i = 0; i < N; i++) {
      final long a = s[L0 + i], b = s[L1 + i], c = s[L2 + i];
      final long t = a + b + c;
      s[L0 + i] = t + (a << 1);
      s[L1 + i] = t - (b << 1) + twoP[i];
      s[L2 + i] = t - 3 * c + fourP[i];
    }
    StarkField.reduce(s, L0);
    StarkField.reduce(s, L1);
    StarkField.reduce(s, L2);
  }

  // ---------------------------------------------------------------- public API

  /** The Hades permutation of (a, b, c); each must be a field element in [0, p). */
  public static BigInteger[] permute(BigInteger a, BigInteger b, BigInteger c) {
    long[] s = new long[STATE_LEN];
    load(s, L0, a);
    load(s, L1, b);
    load(s, L2, c);
    permute(s);
    return new BigInteger[] {
      StarkField.toBigInteger(s, L0), StarkField.toBigInteger(s, L1), StarkField.toBigInteger(s, L2)
    };
  }

  /**
   * PoseidonHashMany: append 1, pad with 0 to even length, absorb pairs into lanes 0 and 1 of a
   * zero state, permuting after each pair; the result is lane 0. Each input must be in [0, p).
   */
  public static BigInteger hashMany(BigInteger... felts) {
    Objects.requireNonNull(felts, "felts");
    long[] in = new long[N * felts.length];
    for (int i = 0; i < felts.length; i++) {
      BigInteger f = Objects.requireNonNull(felts[i], "felt");
      if (f.signum() < 0 || f.compareTo(StarkField.P) >= 0) {
        throw new IllegalArgumentException("felt " + i + " is not below p");
      }
      StarkField.setLimbs(f, in, N * i);
    }
    return hashLimbs(in, felts.length);
  }

  /**
   * E(b): [len(b)] followed by the big-endian integer of each 31-byte slice (last may be shorter).
   */
  public static BigInteger[] encodeBytes(byte[] b) {
    Objects.requireNonNull(b, "b");
    int n = b.length;
    BigInteger[] out = new BigInteger[1 + (n + BYTES_PER_FELT - 1) / BYTES_PER_FELT];
    out[0] = BigInteger.valueOf(n);
    for (int i = 1, off = 0; off < n; i++, off += BYTES_PER_FELT) {
      int len = Math.min(BYTES_PER_FELT, n - off);
      byte[] slice = new byte[len];
      System.arraycopy(b, off, slice, 0, len);
      out[i] = new BigInteger(1, slice);
    }
    return out;
  }

  /** PoseidonHashMany(E(b)), packing bytes straight into limbs (no BigInteger per slice). */
  public static BigInteger hashBytes(byte[] b) {
    Objects.requireNonNull(b, "b");
    int n = b.length;
    int count = 1 + (n + BYTES_PER_FELT - 1) / BYTES_PER_FELT;
    long[] in = new long[N * count];
    in[0] = n; // the length: below 2^31, so limb 0 alone
    long[] w = new long[4];
    for (int i = 1, off = 0; off < n; i++, off += BYTES_PER_FELT) {
      int len = Math.min(BYTES_PER_FELT, n - off);
      w[0] = w[1] = w[2] = w[3] = 0;
      // big-endian slice: its last byte is bit 0
      for (int j = 0; j < len; j++) {
        int bit = 8 * (len - 1 - j);
        w[bit >>> 6] |= (b[off + j] & 0xFFL) << (bit & 63);
      }
      StarkField.setFrom64(w[0], w[1], w[2], w[3], in, N * i);
    }
    return hashLimbs(in, count);
  }

  /** Sponge over n standard-form (non-Montgomery) elements below p, N limbs each in `in`. */
  private static BigInteger hashLimbs(long[] in, int n) {
    long[] s = new long[STATE_LEN];
    // padded length n + 1 rounded up to even; element n is the 1, the rest 0
    int padded = (n + 2) & ~1;
    for (int i = 0; i < padded; i += 2) {
      absorb(s, L0, in, i, n);
      absorb(s, L1, in, i + 1, n);
      permute(s);
    }
    return StarkField.toBigInteger(s, L0);
  }

  private static void absorb(long[] s, int lane, long[] in, int i, int n) {
    if (i < n) {
      // x*R^2*R^-1 = x*R: one Montgomery mul converts the input, then the relaxed add
      StarkField.mul(s, T, in, N * i, StarkField.R2, 0);
      StarkField.add(s, lane, s, lane, s, T);
    } else if (i == n) {
      StarkField.add(s, lane, s, lane, StarkField.MONT_ONE, 0);
    }
    // padding zeros add nothing
  }

  private static void load(long[] s, int lane, BigInteger v) {
    Objects.requireNonNull(v, "felt");
    System.arraycopy(StarkField.fromBigInteger(v), 0, s, lane, N);
  }
}
