package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.SignerMain;

/** Entry point of signer-eddsa.jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // checked before EddsaService initializes Ed25519Group, so that a bad value is reported as a
    // configuration error (exit 2, as SignerMain does) rather than as a class-initialization
    // failure
    try {
      Ed25519PointCache.capacityFromProperty(System.getProperty(Ed25519PointCache.PROPERTY));
    } catch (IllegalArgumentException e) {
      System.err.println("Invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    SignerMain.run(EddsaService.DEFINITION);
  }
}
