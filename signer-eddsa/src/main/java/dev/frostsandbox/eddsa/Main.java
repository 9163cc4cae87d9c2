package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.SignerMain;

/** Entry point of signer-eddsa.jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    SignerMain.run(EddsaService.DEFINITION);
  }
}
