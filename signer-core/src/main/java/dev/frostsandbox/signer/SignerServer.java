package dev.frostsandbox.signer;

import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.ops.Metrics;
import dev.frostsandbox.signer.ops.TenantReset;
import dev.frostsandbox.signer.ratelimit.RateLimiter;
import dev.frostsandbox.signer.state.SecretBox;
import dev.frostsandbox.signer.state.StateRepository;
import dev.frostsandbox.signer.state.TenantQuotas;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreConfig;
import dev.frostsandbox.store.Stores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.logging.Logger;

/**
 * A running signer service: the store, the shared state, and one {@link SignerVerticle} per event
 * loop, all on one port. Used by each service's Main and, in-process, by the tests.
 */
public final class SignerServer {

  private static final Logger LOG = Logger.getLogger(SignerServer.class.getName());

  private final Vertx vertx;
  private final SignerContext context;
  private final Store store;
  private final String deploymentId;
  private final int port;
  private final Tenants tenants;

  private SignerServer(
      Vertx vertx,
      SignerContext context,
      Store store,
      String deploymentId,
      int port,
      Tenants tenants) {
    this.vertx = vertx;
    this.tenants = tenants;
    this.context = context;
    this.store = store;
    this.deploymentId = deploymentId;
    this.port = port;
  }

  public static Future<SignerServer> start(
      Vertx vertx, ServiceDefinition definition, SignerConfig config) {
    Tenants tenants;
    StoreConfig storeConfig;
    try {
      tenants = Tenants.parse(config.apiKeys());
      if (tenants.open() && config.requireApiKeys()) {
        throw new IllegalStateException(
            "SIGNER_REQUIRE_API_KEYS is set but SIGNER_API_KEYS has no key: refusing to serve every caller as one open tenant");
      }
      storeConfig = StoreConfig.fromEnv(config.env());
      if (definition.relays()
          && config.faultsEnabled()
          && config.relayTimeout().compareTo(config.requestTimeout()) >= 0) {
        // the request's 503 would come first, and the relay's 504 could never be answered
        throw new IllegalStateException(
            "SIGNER_RELAY_TIMEOUT_MS ("
                + config.relayTimeout().toMillis()
                + ") must be below SIGNER_REQUEST_TIMEOUT_MS ("
                + config.requestTimeout().toMillis()
                + "): an injected relay-timeout answers 504 after SIGNER_RELAY_TIMEOUT_MS, within the request timeout");
      }
      if (config.deterministicSeed() != null && config.requireStorageKey()) {
        // SIGNER_REQUIRE_STORAGE_KEY marks a deployment that keeps real keys; seeded keys are test
        // keys
        throw new IllegalStateException(
            "SIGNER_DETERMINISTIC_SEED is set with SIGNER_REQUIRE_STORAGE_KEY: refusing to derive keys and nonces from a seed where real keys are kept");
      }
      if (config.journalBodies() && config.requireStorageKey()) {
        // a DKG's bodies hold the shares it exchanges: readable from the journal, never where keys
        // matter
        throw new IllegalStateException(
            "SIGNER_JOURNAL_BODIES is set with SIGNER_REQUIRE_STORAGE_KEY: refusing to keep request bodies (DKG shares) where real keys are kept");
      }
      if (config.storageKey() == null && config.requireStorageKey()) {
        throw new IllegalStateException(
            "SIGNER_REQUIRE_STORAGE_KEY is set but SIGNER_STORAGE_KEY is not: refusing to store secrets in the clear");
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (config.deterministicSeed() != null) {
      LOG.warning(
          "SIGNER_DETERMINISTIC_SEED is set: DKG and signing nonces are derived from the seed; every key is a test key"
              + " (anyone with the seed derives its shares)");
    }
    if (config.storageKey() == null) {
      LOG.warning(
          "SIGNER_STORAGE_KEY is not set: signing shares and nonces are stored unencrypted (sandbox only)");
    }
    int port = config.httpPort() == 0 ? freePort() : config.httpPort();
    SignerConfig effective = config.toBuilder().httpPort(port).build();
    return Stores.create(vertx, storeConfig)
        .compose(
            store -> {
              StateRepository state =
                  new StateRepository(
                      store,
                      new SecretBox(config.storageKey(), config.storageOldKeys()),
                      definition.suitesByName(),
                      definition.name(),
                      config.roundTtl(),
                      config.nonceTtl(),
                      new TenantQuotas(
                          config.limits().keys(),
                          config.limits().dkgRounds(),
                          config.limits().nonces()));
              SignerContext sc =
                  new SignerContext(definition, effective, state, new Metrics(definition.name()));
              // one limiter for all event loops: the limit is per service instance
              RateLimiter rateLimiter =
                  new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst());
              return vertx
                  .deployVerticle(
                      () -> new SignerVerticle(sc, tenants, rateLimiter),
                      new DeploymentOptions().setInstances(config.instances()))
                  .map(id -> new SignerServer(vertx, sc, store, id, port, tenants))
                  .recover(e -> store.close().transform(v -> Future.failedFuture(e)));
            });
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  public SignerContext context() {
    return context;
  }

  public Store store() {
    return store;
  }

  /**
   * Clears the state of every configured tenant ({@link TenantReset}): what the JUnit extension
   * calls between tests; {@code POST /admin/reset} does the same for the caller's tenant.
   */
  public Future<Long> reset() {
    TenantReset reset = new TenantReset(context);
    List<Future<Long>> all = tenants.names().stream().sorted().map(reset::reset).toList();
    return Future.all(all).map(done -> all.stream().mapToLong(Future::result).sum());
  }

  /** Stops accepting, lets in-flight requests finish, then closes the store. */
  public Future<Void> stop() {
    return vertx.undeploy(deploymentId).eventually(() -> store.close());
  }
}
