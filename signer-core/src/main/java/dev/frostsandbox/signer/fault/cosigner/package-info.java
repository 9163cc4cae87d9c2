/**
 * A misbehaving cosigner (issue 14): one pure function per {@code X-Fault} slug that turns the
 * server's correct result into a well-formed but wrong one, over the engine's typed objects and
 * only through {@link dev.frostsandbox.frost.Group}, so no class here names a ciphersuite. The
 * functions never touch stored state: the caller stores the correct result and renders the
 * corrupted one. docs/faults.md ("A misbehaving cosigner") is the contract, with the step at which
 * a correct client detects each fault.
 */
package dev.frostsandbox.signer.fault.cosigner;
