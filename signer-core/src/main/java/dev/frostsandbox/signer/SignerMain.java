package dev.frostsandbox.signer;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The process around a {@link SignerServer}: configuration from the environment, SIGTERM handling. */
public final class SignerMain {
  private static final Logger LOG = Logger.getLogger(SignerMain.class.getName());

  private SignerMain() {}

  public static void run(ServiceDefinition definition) {
    long started = System.nanoTime();
    SignerConfig config;
    try {
      config = SignerConfig.fromEnv(System.getenv(), definition.defaultPort());
    } catch (IllegalArgumentException e) {
      LOG.severe("Invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    SignerServer server;
    try {
      server = SignerServer.start(vertx, definition, config).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "Could not start " + definition.name() + ": " + e.getMessage());
      vertx.close();
      System.exit(1);
      return;
    }
    LOG.info(String.format("%s ready on port %d in %d ms (%s)", definition.name(), server.port(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), config));
    // SIGTERM: stop accepting, let in-flight requests finish, close the store, then exit
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop().await(15, TimeUnit.SECONDS);
        vertx.close().await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warning("Shutdown did not complete cleanly: " + e.getClass().getSimpleName());
      }
    }, "signer-shutdown"));
  }
}
