package dev.frostsandbox.load;

/**
 * When the rate mode's operations are due: {@code perSecond} after a linear ramp from 0 over {@code
 * rampNanos}. Without the ramp, every connection of the pools opens at once under a full rate, the
 * operations due meanwhile leave as one burst, and a server with little headroom at that rate
 * carries the queue well into the measured window.
 */
final class RateSchedule {

  private final double perNano;
  private final double ramp;

  RateSchedule(double perSecond, long rampNanos) {
    this.perNano = perSecond / 1e9;
    this.ramp = rampNanos;
  }

  /** Operations due in the first {@code elapsed} ns: rate t^2 / 2 ramp in the ramp, then linear. */
  long due(long elapsed) {
    double t = elapsed;
    return (long) (t < ramp ? perNano * t * t / (2 * ramp) : perNano * (t - ramp / 2));
  }

  /**
   * When operation {@code i} (from 0) is due, in ns from the start: the inverse of {@link #due}.
   */
  long intendedNanos(long i) {
    double inRamp = perNano * ramp / 2;
    return (long) (i < inRamp ? Math.sqrt(2 * ramp * i / perNano) : i / perNano + ramp / 2);
  }
}
