package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.SignerMain;

/** Entry point of signer-ecdsa-schnorr.jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    SignerMain.run(EcdsaSchnorrService.DEFINITION);
  }
}
