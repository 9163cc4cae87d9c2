package dev.frostsandbox.signer.auth;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemRenderer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * API-key authentication and tenancy. Open by default (one tenant, "default"). With {@code
 * SIGNER_API_KEYS} ("key1,key2" or "alice=key1,bob=key2") every request needs {@code Authorization:
 * Bearer <key>} or {@code x-api-key: <key>}, and each key is its own tenant: its keyids are
 * invisible to the others. Tenant names, not keys, reach the store.
 */
public final class Tenants implements Handler<RoutingContext> {

  public static final String CONTEXT_KEY = "tenant";
  public static final String OPEN_TENANT = "default";

  private final Map<String, String> tenantByKeyDigest;

  private Tenants(Map<String, String> tenantByKeyDigest) {
    this.tenantByKeyDigest = tenantByKeyDigest;
  }

  public static Tenants parse(String spec) {
    Map<String, String> m = new HashMap<>();
    for (String part : spec.split(",", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String key = eq > 0 ? p.substring(eq + 1).trim() : p;
      String tenant = eq > 0 ? p.substring(0, eq).trim() : "t" + digest(key).substring(0, 16);
      if (key.isEmpty() || !tenant.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException(
            "SIGNER_API_KEYS entries are key or tenant=key, tenant of [A-Za-z0-9._-]");
      }
      if (m.put(digest(key), tenant) != null) {
        // one key for two tenants (or listed twice) would make a caller's tenant ambiguous
        throw new IllegalArgumentException("SIGNER_API_KEYS lists the same API key twice");
      }
    }
    return new Tenants(Map.copyOf(m));
  }

  /** The configured tenants' names ({@link #OPEN_TENANT} alone when open). */
  public java.util.Set<String> names() {
    return open()
        ? java.util.Set.of(OPEN_TENANT)
        : java.util.Set.copyOf(tenantByKeyDigest.values());
  }

  public boolean open() {
    return tenantByKeyDigest.isEmpty();
  }

  private static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tenant of a request's credentials, or null when they are missing or unknown. */
  public String tenantOf(String authorization, String apiKey) {
    if (open()) {
      return OPEN_TENANT;
    }
    String key = null;
    if (apiKey != null && !apiKey.isBlank()) {
      key = apiKey.trim();
    } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = authorization.substring(7).trim();
    }
    // comparing digests keeps the lookup free of key-dependent timing
    return key == null || key.isEmpty() ? null : tenantByKeyDigest.get(digest(key));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String tenant =
        tenantOf(ctx.request().getHeader("Authorization"), ctx.request().getHeader("x-api-key"));
    if (tenant == null) {
      ProblemRenderer.send(
          ctx,
          Problem.of(
                  Catalogue.UNAUTHORIZED,
                  "A valid API key is required: Authorization: Bearer <key> or x-api-key: <key>")
              .withHeader("WWW-Authenticate", "Bearer"));
      return;
    }
    ctx.put(CONTEXT_KEY, tenant);
    ctx.next();
  }
}
