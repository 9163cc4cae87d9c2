package dev.frostsandbox.eddsa;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.util.List;

/** signer-eddsa: FROST over Ed25519 with SHA-512. */
public final class EddsaService {
  private EddsaService() {}

  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(
          "eddsa",
          "/signers/eddsa",
          "eddsa",
          List.of(
              new SuiteBinding<>(
                  new Frost<>(Ed25519Sha512.INSTANCE), Catalogue.FROST_INTERNAL_ERROR)),
          8082);
}
