package dev.frostsandbox.signer.fault;

import java.util.Locale;
import java.util.Optional;

/** How an injected fault breaks the connection instead of answering (X-Fault-Abort). */
public enum Abort {
  /** TCP RST: the client sees "connection reset". */
  RESET,
  /** Closed without a byte: the client sees EOF before any status line. */
  CLOSE,
  /** Status line and headers (Content-Length: 0), no body, then closed. */
  EMPTY,
  /** Headers announcing more body than is written, then closed mid-body. */
  PARTIAL,
  /**
   * The operation completes and its state is committed, then the connection is reset instead of
   * answering: the answer is lost after commit (only where the route declares AFTER_COMMIT).
   */
  AFTER_COMMIT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Abort> parse(String s) {
    for (Abort a : values()) {
      if (a.wire().equals(s)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
