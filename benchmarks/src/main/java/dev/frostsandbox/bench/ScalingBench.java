package dev.frostsandbox.bench;

import dev.frostsandbox.frost.dkg.Dkg;
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
 * t-of-n scaling with t = n (every participant signs: the signer count is what signing costs grow
 * with, and a DKG of n participants with threshold n has the largest commitments): the server's
 * one-round sign with n - 1 client commitments, and the server's DKG with n - 1 peers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScalingBench {

  @Param({Suites.SECP256K1, Suites.POSEIDON, Suites.TAPROOT, Suites.ED25519})
  public String suite;

  @Param({"2", "3", "5", "10"})
  public int n;

  private Fixture<?> f;

  @Setup
  public void setup() {
    f = Suites.fixture(suite, n);
  }

  @Benchmark
  public Object signOneRound() {
    return f.signOneRound();
  }

  @Benchmark
  public Dkg.Part3<?> dkg() {
    return f.dkg();
  }
}
