package dev.frostsandbox.signer;

import dev.frostsandbox.signer.ops.JsonLogging;
import dev.frostsandbox.signer.ops.Warmup;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * The process around a {@link SignerServer}: JSON logs, configuration from the environment, and
 * graceful shutdown on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close the store,
 * exit 0).
 */
public final class SignerMain {
  private static final Logger LOG = Logger.getLogger(SignerMain.class.getName());

  private SignerMain() {}

  public static void run(ServiceDefinition definition) {
    JsonLogging.install();
    long started = System.nanoTime();
    SignerConfig config;
    boolean warmup;
    try {
      config = SignerConfig.fromEnv(System.getenv(), definition.defaultPort());
      warmup = Warmup.enabled(System.getenv());
    } catch (IllegalArgumentException e) {
      LOG.severe("Invalid configuration: " + e.getMessage());
      JsonLogging.flush();
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
      JsonLogging.flush();
      System.exit(1);
      return;
    }
    LOG.info(
        String.format(
            "%s ready on port %d in %d ms (%s, %s transport)",
            definition.name(),
            server.port(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
            config,
            vertx.isNativeTransportEnabled() ? "native" : "NIO"));
    if (warmup) {
      // in memory, off the event loops, once ready (started alongside the start, it delayed
      // readiness by 1 to 3 s on 2 cores): the store is never touched
      Warmup.start(definition.name(), definition.suites());
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable shutdown =
        () -> {
          if (!stopping.compareAndSet(false, true)) {
            return;
          }
          long t0 = System.nanoTime();
          LOG.info(
              definition.name()
                  + " shutting down: no new connections, finishing in-flight requests");
          try {
            server.stop().await(15, TimeUnit.SECONDS);
            vertx.close().await(5, TimeUnit.SECONDS);
            LOG.info(
                String.format(
                    "%s stopped in %d ms",
                    definition.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
          } catch (Exception e) {
            LOG.warning("Shutdown did not complete cleanly: " + e.getClass().getSimpleName());
          }
          JsonLogging.flush();
        };
    // Handling the signals ourselves (rather than only a shutdown hook) lets the drain run while
    // logging still works and makes an orderly stop exit 0, which orchestrators report as clean.
    for (String sig : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(sig),
          s ->
              new Thread(
                      () -> {
                        shutdown.run();
                        System.exit(0);
                      },
                      "signer-shutdown")
                  .start());
    }
    // any other exit (System.exit elsewhere, SIGHUP) still drains
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "signer-shutdown-hook"));
  }
}
