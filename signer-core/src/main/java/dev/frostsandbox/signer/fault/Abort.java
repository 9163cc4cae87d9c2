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
  PARTIAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
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
