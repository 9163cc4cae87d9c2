package dev.frostsandbox.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.signer.SignerServer;
import dev.frostsandbox.signer.SuiteBinding;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a test gets from {@link FrostSignerTest}: the running services' base URLs and ciphersuites,
 * HTTP helpers that send the configured API key, the fault rules and journal of each service, and
 * {@link #reset()}.
 */
public final class FrostSandbox {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<SignerService, SignerServer> servers;
  private final String apiKey;

  FrostSandbox(Map<SignerService, SignerServer> servers, String apiKey) {
    this.servers = new EnumMap<>(servers);
    this.apiKey = apiKey;
  }

  /** The services that run. */
  public List<SignerService> services() {
    return List.copyOf(servers.keySet());
  }

  /** {@code http://127.0.0.1:<port>} of a service: its API is under {@code /signers/<name>}. */
  public String baseUrl(SignerService service) {
    return "http://127.0.0.1:" + server(service).port();
  }

  /** The base URL when exactly one service runs. */
  public String baseUrl() {
    if (servers.size() != 1) {
      throw new IllegalStateException("two services run: name one (baseUrl(SignerService))");
    }
    return baseUrl(servers.keySet().iterator().next());
  }

  /** The path prefix of a service's API, e.g. {@code /signers/eddsa}. */
  public String prefix(SignerService service) {
    return server(service).context().definition().prefix();
  }

  /** The ciphersuite context strings a service serves, e.g. {@code FROST-ED25519-SHA512-v1}. */
  public List<String> ciphersuites(SignerService service) {
    return server(service).context().definition().ciphersuites();
  }

  /** The first configured API key, or null when the services are open. */
  public String apiKey() {
    return apiKey;
  }

  /**
   * An HTTP client for a service that sends the API key (add fault headers with {@code header}).
   */
  public SignerHttp http(SignerService service) {
    SignerHttp http = new SignerHttp(baseUrl(service));
    return apiKey == null ? http : http.header("x-api-key", apiKey);
  }

  /** The project's FROST client for a ciphersuite (it plays the other participants). */
  public FrostClient<?> client(String ciphersuite) {
    return client(ciphersuite, new SecureRandom());
  }

  /**
   * The client with its own randomness: a seeded one makes the client's requests repeatable too, so
   * with a deterministic sandbox a whole exchange is.
   */
  public FrostClient<?> client(String ciphersuite, SecureRandom random) {
    for (Map.Entry<SignerService, SignerServer> e : servers.entrySet()) {
      var def = e.getValue().context().definition();
      var suite = def.suite(ciphersuite);
      if (suite.isPresent()) {
        return client(suite.get(), def.prefix(), random);
      }
    }
    throw new IllegalArgumentException("no running service serves " + ciphersuite);
  }

  private static <E> FrostClient<E> client(
      SuiteBinding<E> suite, String prefix, SecureRandom random) {
    return new FrostClient<>(suite.frost(), prefix, random);
  }

  /** The admin fault rules ({@code /admin/faults}) of a service. */
  public SandboxFaults faults(SignerService service) {
    return new SandboxFaults(http(service));
  }

  /**
   * The service's journal of this tenant, newest first: {@code request_id, time, method, path,
   * keyid, status, latency_ms, fault} (docs/operations.md).
   */
  public List<JsonNode> journal(SignerService service) {
    HttpAnswer a = http(service).get("/admin/requests");
    if (a.status() != 200) {
      throw new IllegalStateException(
          "GET /admin/requests answered " + a.status() + ": " + a.body());
    }
    List<JsonNode> out = new ArrayList<>();
    a.json().get("requests").forEach(out::add);
    return out;
  }

  /** Deletes every tenant's keys, rounds, nonces, fault rules and counters and journal entries. */
  public void reset() {
    for (SignerServer s : servers.values()) {
      try {
        s.reset().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while resetting the sandbox", e);
      } catch (Exception e) {
        throw new IllegalStateException("the sandbox reset failed", e);
      }
    }
  }

  /** The in-process server of a service (its context, store and port). */
  public SignerServer server(SignerService service) {
    SignerServer s = servers.get(service);
    if (s == null) {
      throw new IllegalArgumentException(
          service + " does not run in this test (FrostSignerTest.services)");
    }
    return s;
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
