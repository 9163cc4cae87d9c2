package dev.frostsandbox.signer;

import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.store.StoreConfig;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a signer service, read once at start from the environment (README,
 * "Configuration"). Invalid values stop the service with a message naming the variable. Build one
 * with {@link #fromEnv}, or {@link #builder()} / {@link #toBuilder()} to set or change single
 * settings (never the canonical constructor: its 21 arguments are easy to misplace).
 */
@SuppressWarnings(
    "ArrayRecordComponent") // storageKey is a secret: toString is overridden, configs are never
// compared by equals
public record SignerConfig(
    String host,
    int httpPort,
    Duration roundTtl,
    Duration nonceTtl,
    String problemTypeBase,
    String apiKeys,
    boolean requireApiKeys,
    boolean faultsEnabled,
    Duration faultMaxDelay,
    int maxBodyBytes,
    byte[] storageKey,
    boolean requireStorageKey,
    Duration idleTimeout,
    Duration requestTimeout,
    double rateLimitPerSecond,
    int rateLimitBurst,
    int journalSize,
    boolean journalBodies,
    String deterministicSeed,
    int instances,
    Duration relayTimeout,
    Limits limits,
    Map<String, String> env) {

  /**
   * Per-tenant bounds: quotas on keys, live DKG rounds and live nonce records (0 = unlimited), and
   * caps on admin fault rules and live {@code X-Fault-Id} counters.
   */
  public record Limits(int keys, int dkgRounds, int nonces, int faultRules, int faultIds) {
    /** The defaults: no quota, the default fault caps. */
    public static final Limits DEFAULT = new Limits(0, 0, 0, 50, 10_000);
  }

  /**
   * Every environment variable a service reads (its own and the store's), for deployment files and
   * their tests: a name set in a manifest but missing here is a typo the service ignores.
   */
  public static final List<String> VARIABLES =
      List.of(
          "SIGNER_HTTP_HOST",
          "SIGNER_HTTP_PORT",
          "SIGNER_ROUND_TTL_SECONDS",
          "SIGNER_NONCE_TTL_SECONDS",
          "SIGNER_PROBLEM_TYPE_BASE",
          "SIGNER_API_KEYS",
          "SIGNER_REQUIRE_API_KEYS",
          "SIGNER_FAULTS_ENABLED",
          "SIGNER_FAULT_MAX_DELAY_MS",
          "SIGNER_MAX_BODY_BYTES",
          "SIGNER_STORAGE_KEY",
          "SIGNER_STORAGE_OLD_KEYS",
          "SIGNER_REQUIRE_STORAGE_KEY",
          "SIGNER_IDLE_TIMEOUT_SECONDS",
          "SIGNER_REQUEST_TIMEOUT_MS",
          "SIGNER_RATE_LIMIT_PER_SECOND",
          "SIGNER_RATE_LIMIT_BURST",
          "SIGNER_JOURNAL_SIZE",
          "SIGNER_JOURNAL_BODIES",
          "SIGNER_DETERMINISTIC_SEED",
          "SIGNER_EVENT_LOOPS",
          "SIGNER_RELAY_TIMEOUT_MS",
          "SIGNER_RELAY_MAX_PAYLOADS",
          "SIGNER_QUOTA_KEYS",
          "SIGNER_QUOTA_DKG_ROUNDS",
          "SIGNER_QUOTA_NONCES",
          "SIGNER_FAULT_MAX_RULES",
          "SIGNER_FAULT_MAX_IDS",
          "SIGNER_WARMUP",
          StoreConfig.URL,
          StoreConfig.MODE,
          StoreConfig.MASTER_NAME,
          StoreConfig.TIMEOUT_MS,
          StoreConfig.POOL_SIZE,
          StoreConfig.WAIT_REPLICAS);

  public static SignerConfig fromEnv(Map<String, String> env, int defaultPort) {
    Reader r = new Reader(env);
    if (!r.base64Keys(OLD_KEYS).isEmpty() && r.base64Key("SIGNER_STORAGE_KEY") == null) {
      throw new IllegalArgumentException(
          OLD_KEYS
              + " is set but SIGNER_STORAGE_KEY is not: old keys only open, the current key seals");
    }
    relayMaxPayloads(r);
    return builder()
        .host(r.string("SIGNER_HTTP_HOST", "0.0.0.0"))
        .httpPort(r.integer("SIGNER_HTTP_PORT", defaultPort, 0, 65535))
        .roundTtl(Duration.ofSeconds(r.integer("SIGNER_ROUND_TTL_SECONDS", 600, 1, 86_400 * 7)))
        .nonceTtl(Duration.ofSeconds(r.integer("SIGNER_NONCE_TTL_SECONDS", 600, 1, 86_400 * 7)))
        .problemTypeBase(r.string("SIGNER_PROBLEM_TYPE_BASE", ProblemRenderer.DEFAULT_TYPE_BASE))
        .apiKeys(r.string("SIGNER_API_KEYS", ""))
        .requireApiKeys(r.bool("SIGNER_REQUIRE_API_KEYS", false))
        .faultsEnabled(r.bool("SIGNER_FAULTS_ENABLED", false))
        .faultMaxDelay(
            Duration.ofMillis(r.integer("SIGNER_FAULT_MAX_DELAY_MS", 30_000, 0, 600_000)))
        .maxBodyBytes(r.integer("SIGNER_MAX_BODY_BYTES", 65_536, 1024, 16 * 1024 * 1024))
        .storageKey(r.base64Key("SIGNER_STORAGE_KEY"))
        .requireStorageKey(r.bool("SIGNER_REQUIRE_STORAGE_KEY", false))
        .idleTimeout(Duration.ofSeconds(r.integer("SIGNER_IDLE_TIMEOUT_SECONDS", 60, 1, 3600)))
        .requestTimeout(
            Duration.ofMillis(r.integer("SIGNER_REQUEST_TIMEOUT_MS", 10_000, 100, 600_000)))
        .rateLimitPerSecond(r.decimal("SIGNER_RATE_LIMIT_PER_SECOND", 0))
        .rateLimitBurst(r.integer("SIGNER_RATE_LIMIT_BURST", 50, 1, 1_000_000))
        .journalSize(r.integer("SIGNER_JOURNAL_SIZE", 200, 0, 100_000))
        .journalBodies(r.bool("SIGNER_JOURNAL_BODIES", false))
        .deterministicSeed(deterministicSeed(r))
        .instances(
            r.integer("SIGNER_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 64))
        .relayTimeout(Duration.ofMillis(r.integer("SIGNER_RELAY_TIMEOUT_MS", 3_000, 1, 600_000)))
        .limits(
            new Limits(
                r.integer("SIGNER_QUOTA_KEYS", Limits.DEFAULT.keys(), 0, 1_000_000_000),
                r.integer("SIGNER_QUOTA_DKG_ROUNDS", Limits.DEFAULT.dkgRounds(), 0, 1_000_000_000),
                r.integer("SIGNER_QUOTA_NONCES", Limits.DEFAULT.nonces(), 0, 1_000_000_000),
                r.integer("SIGNER_FAULT_MAX_RULES", Limits.DEFAULT.faultRules(), 1, 1000),
                r.integer("SIGNER_FAULT_MAX_IDS", Limits.DEFAULT.faultIds(), 1, 1_000_000)))
        .env(Map.copyOf(env))
        .build();
  }

  /**
   * A configuration with the defaults {@link #fromEnv} applies to an empty environment (port 0: any
   * free port), to change what a caller needs.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** This configuration as a builder: change one setting without naming the others. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.httpPort = httpPort;
    b.roundTtl = roundTtl;
    b.nonceTtl = nonceTtl;
    b.problemTypeBase = problemTypeBase;
    b.apiKeys = apiKeys;
    b.requireApiKeys = requireApiKeys;
    b.faultsEnabled = faultsEnabled;
    b.faultMaxDelay = faultMaxDelay;
    b.maxBodyBytes = maxBodyBytes;
    b.storageKey = storageKey;
    b.requireStorageKey = requireStorageKey;
    b.idleTimeout = idleTimeout;
    b.requestTimeout = requestTimeout;
    b.rateLimitPerSecond = rateLimitPerSecond;
    b.rateLimitBurst = rateLimitBurst;
    b.journalSize = journalSize;
    b.journalBodies = journalBodies;
    b.deterministicSeed = deterministicSeed;
    b.instances = instances;
    b.relayTimeout = relayTimeout;
    b.limits = limits;
    b.env = env;
    return b;
  }

  /**
   * Builds a {@link SignerConfig} one setting at a time. Values are taken as given: the range
   * checks of each variable are {@link #fromEnv}'s.
   */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int httpPort;
    private Duration roundTtl = Duration.ofMinutes(10);
    private Duration nonceTtl = Duration.ofMinutes(10);
    private String problemTypeBase = ProblemRenderer.DEFAULT_TYPE_BASE;
    private String apiKeys = "";
    private boolean requireApiKeys;
    private boolean faultsEnabled;
    private Duration faultMaxDelay = Duration.ofSeconds(30);
    private int maxBodyBytes = 65_536;
    private byte[] storageKey;
    private boolean requireStorageKey;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private double rateLimitPerSecond;
    private int rateLimitBurst = 50;
    private int journalSize = 200;
    private boolean journalBodies;
    private String deterministicSeed;
    private int instances = 1;
    private Duration relayTimeout = Duration.ofSeconds(3);
    private Limits limits = Limits.DEFAULT;
    private Map<String, String> env = Map.of();

    private Builder() {}

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder httpPort(int v) {
      httpPort = v;
      return this;
    }

    public Builder roundTtl(Duration v) {
      roundTtl = v;
      return this;
    }

    public Builder nonceTtl(Duration v) {
      nonceTtl = v;
      return this;
    }

    public Builder problemTypeBase(String v) {
      problemTypeBase = v;
      return this;
    }

    public Builder apiKeys(String v) {
      apiKeys = v;
      return this;
    }

    public Builder requireApiKeys(boolean v) {
      requireApiKeys = v;
      return this;
    }

    public Builder faultsEnabled(boolean v) {
      faultsEnabled = v;
      return this;
    }

    public Builder faultMaxDelay(Duration v) {
      faultMaxDelay = v;
      return this;
    }

    public Builder maxBodyBytes(int v) {
      maxBodyBytes = v;
      return this;
    }

    public Builder storageKey(byte[] v) {
      storageKey = v;
      return this;
    }

    public Builder requireStorageKey(boolean v) {
      requireStorageKey = v;
      return this;
    }

    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    public Builder rateLimitPerSecond(double v) {
      rateLimitPerSecond = v;
      return this;
    }

    public Builder rateLimitBurst(int v) {
      rateLimitBurst = v;
      return this;
    }

    public Builder journalSize(int v) {
      journalSize = v;
      return this;
    }

    public Builder journalBodies(boolean v) {
      journalBodies = v;
      return this;
    }

    /**
     * {@code SIGNER_DETERMINISTIC_SEED}; null: the protocol's random values come from SecureRandom.
     */
    public Builder deterministicSeed(String v) {
      deterministicSeed = v;
      return this;
    }

    public Builder instances(int v) {
      instances = v;
      return this;
    }

    public Builder relayTimeout(Duration v) {
      relayTimeout = v;
      return this;
    }

    public Builder limits(Limits v) {
      limits = v;
      return this;
    }

    /**
     * The environment the store's settings and the derived ones (old storage keys, relay cap) are
     * read from.
     */
    public Builder env(Map<String, String> v) {
      env = Map.copyOf(v);
      return this;
    }

    public SignerConfig build() {
      return new SignerConfig(
          host,
          httpPort,
          roundTtl,
          nonceTtl,
          problemTypeBase,
          apiKeys,
          requireApiKeys,
          faultsEnabled,
          faultMaxDelay,
          maxBodyBytes,
          storageKey,
          requireStorageKey,
          idleTimeout,
          requestTimeout,
          rateLimitPerSecond,
          rateLimitBurst,
          journalSize,
          journalBodies,
          deterministicSeed,
          instances,
          relayTimeout,
          limits,
          env);
    }
  }

  static final String OLD_KEYS = "SIGNER_STORAGE_OLD_KEYS";

  /**
   * {@code SIGNER_DETERMINISTIC_SEED}: unset or blank for none; else at least 16 characters (a
   * short seed would make the test keys it derives guessable across sandboxes).
   */
  private static String deterministicSeed(Reader r) {
    String seed = r.string("SIGNER_DETERMINISTIC_SEED", "");
    if (seed.isBlank()) {
      return null;
    }
    if (seed.length() < 16) {
      throw new IllegalArgumentException(
          "SIGNER_DETERMINISTIC_SEED must have at least 16 characters");
    }
    return seed;
  }

  /**
   * {@code SIGNER_STORAGE_OLD_KEYS}: previous storage keys (comma-separated base64) that still open
   * stored values after a rotation but never seal; validated by {@link #fromEnv}.
   */
  public List<byte[]> storageOldKeys() {
    return new Reader(env).base64Keys(OLD_KEYS);
  }

  static final String RELAY_MAX_PAYLOADS = "SIGNER_RELAY_MAX_PAYLOADS";

  /**
   * {@code SIGNER_RELAY_MAX_PAYLOADS}: the most payloads one key may relay (its relay state, one
   * entry per payload, is bounded); validated by {@link #fromEnv}.
   */
  public int relayMaxPayloads() {
    return relayMaxPayloads(new Reader(env));
  }

  private static int relayMaxPayloads(Reader r) {
    return r.integer(RELAY_MAX_PAYLOADS, 10_000, 1, 10_000_000);
  }

  /**
   * A boolean {@code SIGNER_*} variable read as this class reads its own: {@code true}, {@code 1},
   * {@code yes}, {@code on} or {@code false}, {@code 0}, {@code no}, {@code off} (any case), unset
   * or blank for {@code dflt}; anything else is refused, naming the variable.
   */
  public static boolean bool(Map<String, String> env, String name, boolean dflt) {
    return new Reader(env).bool(name, dflt);
  }

  /** Typed reads of environment variables with the variable named in every error. */
  static final class Reader {
    private final Map<String, String> env;

    Reader(Map<String, String> env) {
      this.env = env;
    }

    private String raw(String name) {
      String v = env.get(name);
      return v == null || v.isBlank() ? null : v.trim();
    }

    String string(String name, String dflt) {
      String v = raw(name);
      return v == null ? dflt : v;
    }

    int integer(String name, int dflt, int min, int max) {
      String v = raw(name);
      if (v == null) {
        return dflt;
      }
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
          throw new IllegalArgumentException(name + " must be from " + min + " to " + max);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be an integer");
      }
    }

    double decimal(String name, double dflt) {
      String v = raw(name);
      if (v == null) {
        return dflt;
      }
      try {
        double d = Double.parseDouble(v);
        if (!(d >= 0) || Double.isInfinite(d)) {
          throw new IllegalArgumentException(name + " must be a non-negative number");
        }
        return d;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a number");
      }
    }

    boolean bool(String name, boolean dflt) {
      String v = raw(name);
      if (v == null) {
        return dflt;
      }
      return switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new IllegalArgumentException(name + " must be true or false");
      };
    }

    /**
     * A comma-separated list of base64 keys (each checked as {@link #base64Key}); empty when unset.
     */
    List<byte[]> base64Keys(String name) {
      String v = raw(name);
      if (v == null) {
        return List.of();
      }
      List<byte[]> keys = new java.util.ArrayList<>();
      for (String part : v.split(",", -1)) {
        if (!part.isBlank()) {
          keys.add(decodeKey(name, part.trim()));
        }
      }
      return List.copyOf(keys);
    }

    byte[] base64Key(String name) {
      String v = raw(name);
      if (v == null) {
        return null;
      }
      return decodeKey(name, v);
    }

    private static byte[] decodeKey(String name, String v) {
      byte[] k;
      try {
        k = Base64.getDecoder().decode(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " must be base64");
      }
      if (k.length != 32) {
        throw new IllegalArgumentException(name + " must be the base64 of exactly 32 bytes");
      }
      return k;
    }
  }

  @Override
  public String toString() {
    // never print the storage key or API keys
    return "SignerConfig[port="
        + httpPort
        + ", faults="
        + faultsEnabled
        + ", storageKey="
        + (storageKey != null ? "set" : "unset")
        + ", apiKeys="
        + (apiKeys.isEmpty() ? "unset" : "set")
        + "]";
  }
}
