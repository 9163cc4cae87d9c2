package dev.frostsandbox.signer.route;

/**
 * A place on an endpoint's real path where an injected fault can take over, declared with the route
 * ({@link ApiRoute}). A fault whose point the route does not declare is answered directly with its
 * catalogue entry, before the handler runs.
 */
public enum FaultPoint {
  /** A store call fails as if Redis were unreachable (redis-error). */
  STORE,
  /** Stored state reads back unreadable (serialize-error). */
  STATE_DECODE,
  /** The key lookup finds nothing (no-key-found). */
  KEY_LOOKUP,
  /** The DKG round lookup finds nothing (no-dkg-round-found). */
  DKG_ROUND_LOOKUP,
  /** The nonce lookup finds nothing (no-signing-round-found). */
  SIGNING_ROUND_LOOKUP,
  /** The FROST engine fails (the internal-error entry of the key's suite). */
  ENGINE,
  /** The relay's submission fails (the relay's catalogue entries). */
  RELAY_SUBMISSION,
  /**
   * The service completed and committed its state; the answer is then lost (the connection is
   * reset). The abort point of {@link Decoration#afterCommit}.
   */
  AFTER_COMMIT
}
