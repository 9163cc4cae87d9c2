package dev.frostsandbox.signer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What distinguishes one signer service from the other: its name, path prefix, the key kind named
 * in "Cannot find an ecdsa key" details, its ciphersuites, and its default port.
 */
public record ServiceDefinition(
    String name, String prefix, String keyKind, List<SuiteBinding<?>> suites, int defaultPort) {

  public ServiceDefinition {
    suites = List.copyOf(suites);
    if (suites.isEmpty()) {
      throw new IllegalArgumentException("a service needs at least one ciphersuite");
    }
  }

  /**
   * How a service module makes its definition known to tools in the same jar (the demo client),
   * through {@link java.util.ServiceLoader}.
   */
  public interface Provider {
    ServiceDefinition definition();
  }

  /** The definitions of every service module on the class path. */
  public static List<ServiceDefinition> available() {
    return java.util.ServiceLoader.load(Provider.class).stream()
        .map(p -> p.get().definition())
        .toList();
  }

  public Optional<SuiteBinding<?>> suite(String contextString) {
    return suites.stream().filter(s -> s.ciphersuite().equals(contextString)).findFirst();
  }

  /** Whether a suite of this service offers the relay (POST /v1{prefix}/relay). */
  public boolean relays() {
    return suites.stream().anyMatch(s -> s.relay() != null);
  }

  public List<String> ciphersuites() {
    return suites.stream().map(SuiteBinding::ciphersuite).toList();
  }

  public Map<String, SuiteBinding<?>> suitesByName() {
    Map<String, SuiteBinding<?>> m = new LinkedHashMap<>();
    suites.forEach(s -> m.put(s.ciphersuite(), s));
    return m;
  }
}
