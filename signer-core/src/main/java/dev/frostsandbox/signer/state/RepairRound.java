package dev.frostsandbox.signer.state;

import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.keys.Delta;
import dev.frostsandbox.signer.SuiteBinding;
import java.util.SortedSet;

/**
 * The server's state as a repair (RTS) helper between parts 1 and 2: who is repaired, the helper
 * set, and the delta the server addressed to itself (kept here rather than handed out: with it, a
 * client holding the other deltas would learn the server's term zeta_i * s_i). Short-lived, like
 * DKG round state; {@code keyGeneration} ties it to the share it was computed from.
 */
public record RepairRound<E>(
    SuiteBinding<E> suite,
    Identifier participant,
    SortedSet<Identifier> helpers,
    Delta ownDelta,
    long keyGeneration) {}
