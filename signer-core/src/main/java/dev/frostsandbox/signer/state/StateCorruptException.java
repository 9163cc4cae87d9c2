package dev.frostsandbox.signer.state;

/** Stored state that cannot be read back: clients see {@code serialize-error}. */
public final class StateCorruptException extends Exception {
  public StateCorruptException(String message) {
    super(message, null, false, false);
  }
}
