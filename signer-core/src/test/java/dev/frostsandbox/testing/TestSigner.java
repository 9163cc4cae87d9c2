package dev.frostsandbox.testing;

import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SignerConfig;
import dev.frostsandbox.signer.SignerServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A signer service running in-process on a free port, with its own Vert.x, for one test class. */
public final class TestSigner implements AutoCloseable {

  private final Vertx vertx;
  private final SignerServer server;
  private final ServiceDefinition definition;

  private TestSigner(Vertx vertx, SignerServer server, ServiceDefinition definition) {
    this.vertx = vertx;
    this.server = server;
    this.definition = definition;
  }

  /**
   * Starts with the given environment (e.g. SIGNER_REDIS_URL); the port is always chosen freely.
   */
  public static TestSigner start(ServiceDefinition definition, Map<String, String> env) {
    Map<String, String> e = new HashMap<>(env);
    e.put("SIGNER_HTTP_PORT", "0");
    e.putIfAbsent("SIGNER_HTTP_HOST", "127.0.0.1");
    e.putIfAbsent("SIGNER_EVENT_LOOPS", "2");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      SignerServer server =
          SignerServer.start(vertx, definition, SignerConfig.fromEnv(e, definition.defaultPort()))
              .await(30, TimeUnit.SECONDS);
      return new TestSigner(vertx, server, definition);
    } catch (Exception ex) {
      vertx.close();
      throw new IllegalStateException("signer did not start", ex);
    }
  }

  public static TestSigner memory(ServiceDefinition definition) {
    return start(definition, Map.of());
  }

  public static TestSigner redis(ServiceDefinition definition, String redisUrl) {
    return start(definition, Map.of("SIGNER_REDIS_URL", redisUrl));
  }

  public int port() {
    return server.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public SignerHttp http() {
    return new SignerHttp(baseUrl());
  }

  public SignerServer server() {
    return server;
  }

  public ServiceDefinition definition() {
    return definition;
  }

  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    try {
      server.stop().await(20, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the test is over; closing Vert.x below releases everything
    } finally {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // nothing left to do
      }
    }
  }
}
