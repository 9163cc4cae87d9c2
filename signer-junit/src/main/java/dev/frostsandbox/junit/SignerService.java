package dev.frostsandbox.junit;

/** The two signer services; {@link #serviceName()} is the name in their definitions and URLs. */
public enum SignerService {
  /** signer-eddsa: FROST(Ed25519, SHA-512) under {@code /signers/eddsa}. */
  EDDSA("eddsa"),
  /** signer-ecdsa-schnorr: the secp256k1 suites under {@code /signers/ecdsa-schnorr}. */
  ECDSA_SCHNORR("ecdsa-schnorr");

  private final String serviceName;

  SignerService(String serviceName) {
    this.serviceName = serviceName;
  }

  public String serviceName() {
    return serviceName;
  }
}
