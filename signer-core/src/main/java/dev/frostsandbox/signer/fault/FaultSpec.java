package dev.frostsandbox.signer.fault;

import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.fault.cosigner.CosignerFault;

/**
 * What to inject and when, from request headers or an admin rule: at least one of {@code fault},
 * {@code delayMs} and {@code abort}; {@code percentage}, {@code seed} and {@code times} gate it.
 * Null means "not set". {@code fault} and {@code abort} never come together. {@code revertReason}
 * is the reason of a {@code relay-reverted} fault (only with it). {@code cosigner} is a
 * misbehaving-cosigner fault (never with {@code fault} or {@code abort}); {@code variant} the
 * encoding of an {@code invalid-element} one (only with it; null means the default).
 */
public record FaultSpec(
    ProblemType fault,
    Long delayMs,
    Abort abort,
    Double percentage,
    Long seed,
    Integer times,
    String revertReason,
    CosignerFault cosigner,
    InvalidElementKind variant) {

  public FaultSpec(
      ProblemType fault,
      Long delayMs,
      Abort abort,
      Double percentage,
      Long seed,
      Integer times,
      String revertReason) {
    this(fault, delayMs, abort, percentage, seed, times, revertReason, null, null);
  }

  public FaultSpec(
      ProblemType fault, Long delayMs, Abort abort, Double percentage, Long seed, Integer times) {
    this(fault, delayMs, abort, percentage, seed, times, null);
  }

  /** True when deciding needs the per-id sequence number from the store. */
  public boolean counted() {
    return times != null || (percentage != null && seed != null);
  }

  /**
   * Whether the n-th request (1-based) of a sequence is hit: within the first {@code times} and,
   * with a seed, by the seeded draw. Unseeded percentages are drawn by the caller.
   */
  public boolean hits(long n) {
    if (times != null && n > times) {
      return false;
    }
    return percentage == null || seed == null || SeededDraw.below(seed, n, percentage);
  }
}
