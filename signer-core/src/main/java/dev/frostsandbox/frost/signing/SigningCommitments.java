package dev.frostsandbox.frost.signing;

/** A participant's public nonce commitments (D, E) for one signature. */
public record SigningCommitments<E>(E hiding, E binding) {}
