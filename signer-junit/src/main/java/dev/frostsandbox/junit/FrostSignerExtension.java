package dev.frostsandbox.junit;

import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SignerConfig;
import dev.frostsandbox.signer.SignerServer;
import dev.frostsandbox.signer.ops.Warmup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the signer services in-process for a test class (or each test), resets their state before
 * each test, and resolves {@link FrostSandbox} parameters. Used through {@link FrostSignerTest}, or
 * registered with options:
 *
 * <pre>{@code
 * @RegisterExtension
 * static FrostSignerExtension signer = FrostSignerExtension.builder()
 *     .services(SignerService.EDDSA).apiKeys("alice=key-a").build();
 * }</pre>
 *
 * A non-static {@code @RegisterExtension} field starts the services for each test.
 */
public final class FrostSignerExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FrostSignerExtension.class);
  private static final String RUNNING = "running";

  /** The options of a run: from the builder, or from the class's {@link FrostSignerTest}. */
  record Options(
      List<SignerService> services,
      boolean faults,
      List<String> apiKeys,
      String redisUrl,
      boolean perTest,
      boolean resetBetweenTests,
      String deterministicSeed,
      Map<String, String> env) {

    static Options of(FrostSignerTest a) {
      Map<String, String> env = new LinkedHashMap<>();
      for (String e : a.env()) {
        int eq = e.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "FrostSignerTest.env entries are NAME=value, not " + e);
        }
        env.put(e.substring(0, eq), e.substring(eq + 1));
      }
      return new Options(
          List.of(a.services()),
          a.faults(),
          List.of(a.apiKeys()),
          resolve(a.redisUrl()),
          a.perTest(),
          a.resetBetweenTests(),
          a.deterministicSeed(),
          env);
    }

    /** {@code ${NAME}}: the environment variable NAME, empty when unset. */
    static String resolve(String value) {
      if (value.startsWith("${") && value.endsWith("}")) {
        String v = System.getenv(value.substring(2, value.length() - 1));
        return v == null ? "" : v;
      }
      return value;
    }
  }

  /**
   * One start of the services: what a test's {@link FrostSandbox} talks to. {@link Builder#start()}
   * hands one out for a test that needs a second sandbox of its own (close it when done).
   */
  public record Running(Vertx vertx, Map<SignerService, SignerServer> servers, FrostSandbox sandbox)
      implements AutoCloseable {
    @Override
    public void close() {
      List<Future<Void>> stops = new ArrayList<>();
      servers.values().forEach(s -> stops.add(s.stop()));
      await(Future.join(stops).transform(ignored -> vertx.close()), "stopping the signer services");
    }
  }

  private final Options fixed;

  /** For {@code @ExtendWith} / {@link FrostSignerTest}: options come from the annotation. */
  public FrostSignerExtension() {
    this(null);
  }

  private FrostSignerExtension(Options fixed) {
    this.fixed = fixed;
  }

  public static Builder builder() {
    return new Builder();
  }

  private Options options(ExtensionContext context) {
    if (fixed != null) {
      return fixed;
    }
    Optional<FrostSignerTest> a = Optional.empty();
    for (Optional<Class<?>> c = context.getTestClass();
        c.isPresent() && a.isEmpty();
        c = Optional.ofNullable(c.get().getEnclosingClass())) {
      a = AnnotationSupport.findAnnotation(c.get(), FrostSignerTest.class);
    }
    return a.map(Options::of).orElseGet(() -> builder().options());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Options o = options(context);
    // a nested class uses its enclosing class's services
    if (!o.perTest() && find(context) == null) {
      context.getStore(NAMESPACE).put(RUNNING, start(o));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Running r = context.getStore(NAMESPACE).remove(RUNNING, Running.class);
    if (r != null) {
      r.close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Options o = options(context);
    Running r = find(context);
    if (r == null) {
      // per test, or an instance-field registration (no beforeAll); reset too: a Redis keeps state
      r = start(o);
      context.getStore(NAMESPACE).put(RUNNING, r);
    }
    boolean keep =
        context
            .getTestMethod()
            .map(m -> m.isAnnotationPresent(KeepSignerState.class))
            .orElse(false);
    if (o.resetBetweenTests() && !keep) {
      r.sandbox().reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Running r = context.getStore(NAMESPACE).remove(RUNNING, Running.class);
    if (r != null) {
      r.close();
    }
  }

  /** The services of this context or an enclosing one (store lookups fall back to the parents). */
  private static Running find(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(RUNNING, Running.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FrostSandbox.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Running r = find(context);
    if (r == null) {
      throw new ParameterResolutionException(
          "the signer services are not running here: with perTest (or an instance @RegisterExtension field), "
              + "FrostSandbox is available in test methods and @BeforeEach, not @BeforeAll");
    }
    return r.sandbox();
  }

  /** Kept so the level set below is not garbage-collected with an unreferenced logger. */
  private static final java.util.logging.Logger SERVICE_LOGS =
      java.util.logging.Logger.getLogger("dev.frostsandbox");

  /** Services warmed up in this JVM ({@code SIGNER_WARMUP=true}; once per JVM and service). */
  private static final java.util.Set<String> WARMED =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static Running start(Options o) {
    if (SERVICE_LOGS.getLevel() == null) {
      // one line per request would bury the test's own output; a logging configuration that sets
      // the level of "dev.frostsandbox" wins
      SERVICE_LOGS.setLevel(java.util.logging.Level.WARNING);
    }
    if (o.services().isEmpty()) {
      throw new IllegalArgumentException(
          "FrostSignerTest.services is empty: start at least one service");
    }
    Vertx vertx = Vertx.vertx();
    Map<SignerService, SignerServer> servers = new EnumMap<>(SignerService.class);
    try {
      for (SignerService s : o.services()) {
        ServiceDefinition definition = definition(s);
        SignerConfig config;
        boolean warmup;
        try {
          config = SignerConfig.fromEnv(env(o), definition.defaultPort());
          warmup = Warmup.enabled(env(o));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              "the sandbox's configuration is invalid: " + e.getMessage(), e);
        }
        servers.put(
            s, await(SignerServer.start(vertx, definition, config), "starting " + s.serviceName()));
        if (warmup && WARMED.add(definition.name())) {
          // once per JVM and service: the JIT's work is kept for every later start (and serves the
          // test's own client, which runs the same engine in this JVM)
          Warmup.start(definition.name(), definition.suites());
        }
      }
    } catch (RuntimeException e) {
      new Running(vertx, servers, null).close();
      throw e;
    }
    String apiKey = o.apiKeys().isEmpty() ? null : key(o.apiKeys().get(0));
    return new Running(vertx, servers, new FrostSandbox(servers, apiKey));
  }

  private static Map<String, String> env(Options o) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SIGNER_HTTP_HOST", "127.0.0.1");
    env.put("SIGNER_HTTP_PORT", "0");
    // two event loops are plenty for a test and keep a suite's thread count low
    env.put("SIGNER_EVENT_LOOPS", "2");
    env.put("SIGNER_FAULTS_ENABLED", Boolean.toString(o.faults()));
    env.put("SIGNER_API_KEYS", String.join(",", o.apiKeys()));
    // a test sandbox keeps what it exchanged: transcripts and the console show the bodies
    env.put("SIGNER_JOURNAL_BODIES", "true");
    // off unless env SIGNER_WARMUP=true: the first test follows the start at once, and a warm-up
    // racing the first requests costs CPU without making them faster (docs/benchmarks.md)
    env.put(Warmup.VARIABLE, "false");
    if (!o.deterministicSeed().isBlank()) {
      env.put("SIGNER_DETERMINISTIC_SEED", o.deterministicSeed());
    }
    if (!o.redisUrl().isBlank()) {
      env.put("SIGNER_REDIS_URL", o.redisUrl());
    }
    env.putAll(o.env());
    return env;
  }

  private static String key(String entry) {
    int eq = entry.indexOf('=');
    return eq > 0 ? entry.substring(eq + 1).trim() : entry.trim();
  }

  private static ServiceDefinition definition(SignerService s) {
    return switch (s) {
      case EDDSA -> EddsaService.DEFINITION;
      case ECDSA_SCHNORR -> EcdsaSchnorrService.DEFINITION;
    };
  }

  static <T> T await(Future<T> f, String what) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** Options for {@code @RegisterExtension}; the defaults are {@link FrostSignerTest}'s. */
  public static final class Builder {
    private List<SignerService> services =
        List.of(SignerService.EDDSA, SignerService.ECDSA_SCHNORR);
    private boolean faults = true;
    private List<String> apiKeys = List.of();
    private String redisUrl = "";
    private boolean perTest;
    private boolean resetBetweenTests = true;
    private String deterministicSeed = "";
    private final Map<String, String> env = new LinkedHashMap<>();

    private Builder() {}

    public Builder services(SignerService... services) {
      this.services = List.of(services);
      return this;
    }

    public Builder faults(boolean on) {
      this.faults = on;
      return this;
    }

    public Builder apiKeys(String... entries) {
      this.apiKeys = List.of(entries);
      return this;
    }

    /** A Redis URL; null or blank: the embedded store. */
    public Builder redisUrl(String url) {
      this.redisUrl = url == null ? "" : url;
      return this;
    }

    public Builder perTest(boolean perTest) {
      this.perTest = perTest;
      return this;
    }

    public Builder resetBetweenTests(boolean reset) {
      this.resetBetweenTests = reset;
      return this;
    }

    /** {@code SIGNER_DETERMINISTIC_SEED} (at least 16 characters); null or blank: random. */
    public Builder deterministicSeed(String seed) {
      this.deterministicSeed = seed == null ? "" : seed;
      return this;
    }

    /** A further service variable (any of the README's table). */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    Options options() {
      return new Options(
          services,
          faults,
          apiKeys,
          redisUrl,
          perTest,
          resetBetweenTests,
          deterministicSeed,
          Map.copyOf(env));
    }

    /**
     * Starts services with these options outside the extension's lifecycle, e.g. a second sandbox
     * in one test: {@code try (var other = builder().deterministicSeed(s).start()) { ... }}.
     */
    public Running start() {
      return FrostSignerExtension.start(options());
    }

    public FrostSignerExtension build() {
      return new FrostSignerExtension(options());
    }
  }
}
