package dev.frostsandbox.service;

import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.signer.ServiceDefinition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The signers the service-level tests run against, for {@code @MethodSource}: each service, or each
 * suite of each service. The suites come from the services' own definitions, so a suite a module
 * adds (a line in its ServiceDefinition) is tested here without a change.
 */
public final class Services {
  private Services() {}

  public static final List<ServiceDefinition> ALL =
      List.of(EddsaService.DEFINITION, EcdsaSchnorrService.DEFINITION);

  /** One argument per service: its definition (shown by name). */
  public static Stream<Arguments> services() {
    return ALL.stream().map(d -> Arguments.of(Named.of(d.name(), d)));
  }

  /** One argument pair per suite of every service: (definition, ciphersuite name). */
  public static Stream<Arguments> suites() {
    return ALL.stream()
        .flatMap(d -> d.ciphersuites().stream().map(c -> Arguments.of(Named.of(d.name(), d), c)));
  }
}
