package dev.frostsandbox.signer.fault;

import dev.frostsandbox.signer.service.Decoration;

/** A decoration the injector armed on a request: whether it fired, and what X-Fault-Injected then says. */
interface Armed extends Decoration {

  boolean fired();

  /** The X-Fault-Injected item (and metrics label), e.g. {@code redis-error} or {@code invalid-element=identity}. */
  String injected();
}
