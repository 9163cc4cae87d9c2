package dev.frostsandbox.bench;

import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's engine work for one request of a 2-of-2 key (the client is participant 1, the server
 * participant 2), per ciphersuite. {@code unavoidableMultiplications} is the floor the one-round
 * sign is compared with (2 fixed-base + the group commitment's MSM).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigningBench {

  @Param({Suites.SECP256K1, Suites.POSEIDON, Suites.TAPROOT, Suites.ED25519})
  public String suite;

  private Fixture<?> f;

  @Setup
  public void setup() {
    f = Suites.fixture(suite, 2);
  }

  /** POST /sign: commit + signature share in one round trip, given the client's commitments. */
  @Benchmark
  public Object signOneRound() {
    return f.signOneRound();
  }

  /**
   * signOneRound plus decoding the client's commitments and encoding the answer: every crypto step
   * of a POST /sign, so what the service spends beyond it is HTTP, JSON, Redis and logging.
   */
  @Benchmark
  public Object signOneRoundFromWire() {
    return f.signOneRoundFromWire();
  }

  /** POST /sign/round1: nonces and commitments. */
  @Benchmark
  public SigningNonces<?> signRound1() {
    return f.round1();
  }

  /** POST /sign/round2: the share with stored (preprocessed) nonces. */
  @Benchmark
  public SignatureShare signRound2() {
    return f.round2();
  }

  /** The multiplications signOneRound cannot avoid: 2 fixed-base and one MSM. */
  @Benchmark
  public Object unavoidableMultiplications() {
    return f.unavoidableMultiplications();
  }

  @Benchmark
  public Signature<?> aggregate() {
    return f.aggregate();
  }

  @Benchmark
  public boolean verify() {
    return f.verify();
  }

  /** The server's DKG: part1 + part2 + part3. */
  @Benchmark
  public Dkg.Part3<?> dkg() {
    return f.dkg();
  }
}
