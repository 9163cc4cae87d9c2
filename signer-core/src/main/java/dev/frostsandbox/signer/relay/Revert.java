package dev.frostsandbox.signer.relay;

import dev.frostsandbox.frost.Bytes;

/**
 * An on-chain revert as an EVM node reports it: {@code data} is the 4-byte selector of the error's
 * signature followed by its ABI-encoded arguments; {@code reason} is the decoded error, e.g. {@code
 * InvalidAccountNonce(0x12…, 3)}, or the text of an {@code Error(string)}. The custom errors are
 * OpenZeppelin's where it has one (Nonces, and Address as of 5.0: 5.1 replaced
 * AddressInsufficientBalance with Errors.InsufficientBalance(uint256,uint256)).
 */
@SuppressWarnings(
    "ArrayRecordComponent") // package-private carrier of revert data; never compared by equals
record Revert(String reason, byte[] data) {

  static final String INVALID_SIGNATURE = "InvalidRelaySignature(address)";
  static final String INVALID_NONCE = "InvalidAccountNonce(address,uint256)";
  static final String INSUFFICIENT_BALANCE = "AddressInsufficientBalance(address)";
  static final String EMPTY_CODE = "AddressEmptyCode(address)";
  static final String ERROR = "Error(string)";

  static Revert invalidSignature(byte[] account) {
    return withAccount(INVALID_SIGNATURE, account);
  }

  static Revert invalidNonce(byte[] account, long currentNonce) {
    return new Revert(
        "InvalidAccountNonce(" + Abi.hex(account) + ", " + currentNonce + ")",
        Bytes.concat(Abi.selector(INVALID_NONCE), Abi.address(account), Abi.uint256(currentNonce)));
  }

  static Revert insufficientBalance(byte[] account) {
    return withAccount(INSUFFICIENT_BALANCE, account);
  }

  static Revert emptyCode(byte[] account) {
    return withAccount(EMPTY_CODE, account);
  }

  /** {@code revert("reason")} / {@code require(..., "reason")}: Solidity's own encoding. */
  static Revert error(String reason) {
    return new Revert(reason, Bytes.concat(Abi.selector(ERROR), Abi.string(reason)));
  }

  private static Revert withAccount(String signature, byte[] account) {
    String name = signature.substring(0, signature.indexOf('('));
    return new Revert(
        name + "(" + Abi.hex(account) + ")",
        Bytes.concat(Abi.selector(signature), Abi.address(account)));
  }
}
