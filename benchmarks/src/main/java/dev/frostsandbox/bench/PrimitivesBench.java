package dev.frostsandbox.bench;

import dev.frostsandbox.ecdsaschnorr.Secp256k1Field52;
import dev.frostsandbox.ecdsaschnorr.Secp256k1Group;
import dev.frostsandbox.ecdsaschnorr.Secp256k1Sha256;
import dev.frostsandbox.ecdsaschnorr.poseidon.Poseidon;
import dev.frostsandbox.eddsa.Ed25519Group;
import dev.frostsandbox.eddsa.Ed25519Point;
import dev.frostsandbox.eddsa.Ed25519Sha512;
import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.InvalidEncodingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The primitives the engine is built on, per ciphersuite (the two secp256k1 suites share the group,
 * so group figures are given for secp256k1 and ed25519; hashes for all three). Hash inputs have the
 * sizes of a 2-of-2 one-round sign.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PrimitivesBench {

  /** Group primitives: the secp256k1 group (both secp256k1 suites) and edwards25519. */
  @State(Scope.Benchmark)
  public static class Groups {
    @Param({Suites.SECP256K1, Suites.ED25519})
    public String group;

    Fixture<?> f;

    @Setup
    public void setup() {
      f = Suites.fixture(group, 2);
    }
  }

  /**
   * secp256k1 alone, for the implementations its 5x52 field and tables replaced (no edwards25519
   * counterpart: a group parameter would add rows that measure nothing).
   */
  @State(Scope.Benchmark)
  public static class Secp256k1 {
    Fixture<ECPoint> f;

    @Setup
    public void setup() {
      f = new Fixture<>(new Frost<>(Secp256k1Sha256.INSTANCE), 2);
    }
  }

  /** edwards25519 alone, for the decoding its subgroup check replaced. */
  @State(Scope.Benchmark)
  public static class Ed25519 {
    Fixture<Ed25519Point> f;

    @Setup
    public void setup() {
      f = new Fixture<>(new Frost<>(Ed25519Sha512.INSTANCE), 2);
    }
  }

  /** Two secp256k1 base-field elements in both representations: 5x52 limbs and BC's int[8]. */
  @State(Scope.Benchmark)
  public static class Fields {
    long[] a;
    long[] b;
    int[] ai;
    int[] bi;
    final int[] ext = new int[16];

    @Setup
    public void setup() {
      SecureRandom rnd = new SecureRandom();
      BigInteger p = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.valueOf(0x1000003D1L));
      BigInteger x = new BigInteger(256, rnd).mod(p);
      BigInteger y = new BigInteger(256, rnd).mod(p);
      a = Secp256k1Field52.fromBigInteger(x);
      b = Secp256k1Field52.fromBigInteger(y);
      ai = Nat256.fromBigInteger(x);
      bi = Nat256.fromBigInteger(y);
    }
  }

  /** Hashes H1..H5 of each suite. */
  @State(Scope.Benchmark)
  public static class Hashes {
    @Param({Suites.SECP256K1, Suites.POSEIDON, Suites.TAPROOT, Suites.ED25519})
    public String suite;

    Fixture<?> f;
    Ciphersuite<?> cs;

    @Setup
    public void setup() {
      f = Suites.fixture(suite, 2);
      cs = f.frost.suite();
    }
  }

  /** Poseidon inputs: random felts below the Stark prime. */
  @State(Scope.Benchmark)
  public static class Felts {
    BigInteger[] four;
    BigInteger[] sixtyFour;

    @Setup
    public void setup() {
      SecureRandom r = new SecureRandom();
      BigInteger p = dev.frostsandbox.ecdsaschnorr.poseidon.StarkField.P;
      four = new BigInteger[4];
      sixtyFour = new BigInteger[64];
      for (int i = 0; i < 64; i++) {
        BigInteger v = new BigInteger(256, r).mod(p);
        sixtyFour[i] = v;
        if (i < 4) {
          four[i] = v;
        }
      }
    }
  }

  /** secp256k1 field multiplication on 5x52 limbs, ns per operation (a chain of 100). */
  @Benchmark
  @OperationsPerInvocation(100)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long[] fieldMul(Fields f) {
    for (int i = 0; i < 100; i++) {
      Secp256k1Field52.mul(f.a, f.b, f.a);
    }
    return f.a;
  }

  /** secp256k1 field squaring on 5x52 limbs, ns per operation (a chain of 100). */
  @Benchmark
  @OperationsPerInvocation(100)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long[] fieldSqr(Fields f) {
    for (int i = 0; i < 100; i++) {
      Secp256k1Field52.sqr(f.a, f.a);
    }
    return f.a;
  }

  /** The first 5x52 multiplication (a shift-and-mask split per limb product), ns per operation. */
  @Benchmark
  @OperationsPerInvocation(100)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long[] fieldMulRef(Fields f) {
    for (int i = 0; i < 100; i++) {
      Secp256k1Field52.mulRef(f.a, f.b, f.a);
    }
    return f.a;
  }

  /** The first 5x52 squaring, ns per operation. */
  @Benchmark
  @OperationsPerInvocation(100)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long[] fieldSqrRef(Fields f) {
    for (int i = 0; i < 100; i++) {
      Secp256k1Field52.sqrRef(f.a, f.a);
    }
    return f.a;
  }

  /** The reference: Bouncy Castle's SecP256K1Field.multiply on int[8], ns per operation. */
  @Benchmark
  @OperationsPerInvocation(100)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public int[] fieldMulInt32(Fields f) {
    for (int i = 0; i < 100; i++) {
      SecP256K1Field.multiply(f.ai, f.bi, f.ai, f.ext);
    }
    return f.ai;
  }

  /** The reference: Bouncy Castle's SecP256K1Field.square on int[8], ns per operation. */
  @Benchmark
  @OperationsPerInvocation(100)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public int[] fieldSqrInt32(Fields f) {
    for (int i = 0; i < 100; i++) {
      SecP256K1Field.square(f.ai, f.ai, f.ext);
    }
    return f.ai;
  }

  /** The radix-64 table on BC's int[8] field, which the 5x52 field replaced. */
  @Benchmark
  public ECPoint secp256k1Int32FixedBaseMul(Secp256k1 s) {
    return Secp256k1Group.int32FixedBaseMultiply(s.f.scalarA);
  }

  /** The GLV/wNAF MSM on BC's int[8] field, which the 5x52 field replaced. */
  @Benchmark
  public ECPoint secp256k1Int32Msm2(Secp256k1 s) {
    return Secp256k1Group.int32SumOfMultiplies(
        List.of(s.f.pointP, s.f.pointQ), List.of(s.f.scalarA, s.f.scalarB));
  }

  @Benchmark
  public Object fixedBaseMul(Groups g) {
    return mulBase(g.f);
  }

  private static <E> E mulBase(Fixture<E> f) {
    return f.group.multiplyBase(f.scalarA);
  }

  /** Bouncy Castle's 6-bit fixed-point comb, which the radix-16 table replaced. */
  @Benchmark
  public ECPoint secp256k1CombMul(Secp256k1 s) {
    return Secp256k1Group.combMultiply(s.f.scalarA);
  }

  @Benchmark
  public Object variableBaseMul(Groups g) {
    return mul(g.f);
  }

  private static <E> E mul(Fixture<E> f) {
    return f.group.multiply(f.pointP, f.scalarA);
  }

  /** a*P + b*Q (the 2-of-2 group commitment's shape). */
  @Benchmark
  public Object msm2(Groups g) {
    return msm(g.f);
  }

  private static <E> E msm(Fixture<E> f) {
    return f.group.multiplyAll(List.of(f.pointP, f.pointQ), List.of(f.scalarA, f.scalarB));
  }

  /** Bouncy Castle's sumOfMultiplies, which the in-place GLV/wNAF MSM replaced. */
  @Benchmark
  public ECPoint secp256k1BcMsm2(Secp256k1 s) {
    return Secp256k1Group.bcSumOfMultiplies(
        List.of(s.f.pointP, s.f.pointQ), List.of(s.f.scalarA, s.f.scalarB));
  }

  /**
   * a*P + b*G with the fixed-base table for G: the alternative to {@link #msm2} when one of the two
   * points is a multiple of G with a known scalar (the server's own binding commitment).
   */
  @Benchmark
  public Object mulPlusFixedBase(Groups g) {
    return mulPlusBase(g.f);
  }

  private static <E> E mulPlusBase(Fixture<E> f) {
    return f.group.add(f.group.multiply(f.pointP, f.scalarA), f.group.multiplyBase(f.scalarB));
  }

  /** a*G + b*P (Schnorr verification's shape). */
  @Benchmark
  public Object msmWithBase(Groups g) {
    return msmBase(g.f);
  }

  private static <E> E msmBase(Fixture<E> f) {
    return f.group.multiplyAll(
        List.of(f.group.generator(), f.pointP), List.of(f.scalarA, f.scalarB));
  }

  /**
   * DeserializeElement; for ed25519 a hit of the decoded-point cache (the same bytes each time).
   */
  @Benchmark
  public Object decodePoint(Groups g) throws InvalidEncodingException {
    return g.f.group.deserializeElement(g.f.encodedPoint);
  }

  /**
   * DeserializeElement decoding every time: ed25519 without its point cache (subgroup check by a
   * square root and a quartic character); secp256k1 has no cache, the same as {@link #decodePoint}.
   */
  @Benchmark
  public Object decodePointUncached(Groups g) throws InvalidEncodingException {
    return g.group.equals(Suites.ED25519)
        ? Ed25519Group.deserializeUncached(g.f.encodedPoint)
        : g.f.group.deserializeElement(g.f.encodedPoint);
  }

  /** Ed25519: uncached decoding with the subgroup check it replaced (a multiplication by L). */
  @Benchmark
  public Ed25519Point decodePointReference(Ed25519 e) throws InvalidEncodingException {
    return Ed25519Group.deserializeReference(e.f.encodedPoint);
  }

  /** SerializeElement of a fresh (projective) multiplication result. */
  @Benchmark
  public byte[] encodePoint(Groups g) {
    return encode(g.f);
  }

  private static <E> byte[] encode(Fixture<E> f) {
    Group<E> group = f.group;
    return group.serializeElement(group.add(f.pointP, f.pointQ));
  }

  @Benchmark
  public BigInteger h1(Hashes h) {
    return h.cs.h1(h.f.h1Input);
  }

  @Benchmark
  public BigInteger h2(Hashes h) {
    return h.cs.h2(h.f.h2Input);
  }

  @Benchmark
  public BigInteger h3(Hashes h) {
    return h.cs.h3(h.f.h3Input);
  }

  @Benchmark
  public byte[] h4(Hashes h) {
    return h.cs.h4(h.f.message);
  }

  @Benchmark
  public byte[] h5(Hashes h) {
    return h.cs.h5(h.f.h5Input);
  }

  @Benchmark
  public BigInteger poseidon4(Felts f) {
    return Poseidon.hashMany(f.four);
  }

  @Benchmark
  public BigInteger poseidon64(Felts f) {
    return Poseidon.hashMany(f.sixtyFour);
  }
}
