package dev.frostsandbox.store;

/**
 * Redis key names. Everything that belongs to one key id (key package, DKG round state, nonces)
 * carries the same Redis Cluster hash tag {@code {tenant:keyId}}, so in cluster mode it lives in
 * one slot: a Lua script or multi-key operation over it never fails with CROSSSLOT and one node
 * owns the whole state of a key (its relay state included). The tenant key index and quota counts
 * have their own tag {@code {tenant}}; fault counters are tagged by their own id.
 *
 * <p>Components must be non-empty and must not contain braces or whitespace/control characters
 * (braces would change the hash tag). Only the key id may contain {@code :} (the API allows it in
 * key ids); tenants, nonce ids and fault ids may not, so the first colon inside the braces always
 * separates tenant from key id and {@code (a:b, c)} can never collide with {@code (a, b:c)}.
 */
public final class StoreKeys {
  private static final String PREFIX = "frost:";

  private StoreKeys() {}

  /** {@code frost:{tenant:keyId}:key} — the key package. */
  public static String key(String tenant, String keyId) {
    return keyScope(tenant, keyId) + ":key";
  }

  /** {@code frost:{tenant:keyId}:dkg} — DKG round state. */
  public static String dkg(String tenant, String keyId) {
    return keyScope(tenant, keyId) + ":dkg";
  }

  /**
   * {@code frost:{tenant:keyId}:refresh} — share refresh round state (its own key: it is not a DKG
   * round).
   */
  public static String refresh(String tenant, String keyId) {
    return keyScope(tenant, keyId) + ":refresh";
  }

  /**
   * {@code frost:{tenant:keyId}:repair} — repair (RTS) helper state: the server's delta to itself.
   */
  public static String repair(String tenant, String keyId) {
    return keyScope(tenant, keyId) + ":repair";
  }

  /** {@code frost:{tenant:keyId}:nonces:nonceId} — one signing-nonce commitment set. */
  public static String nonces(String tenant, String keyId, String nonceId) {
    return keyScope(tenant, keyId) + ":nonces:" + check("nonceId", nonceId);
  }

  /**
   * {@code frost:{tenant:keyId}:relayed} — the payloads a key relayed (a set of payload ids); its
   * size is the relay nonce of the key's account. Deleted with the key.
   */
  public static String relayed(String tenant, String keyId) {
    return keyScope(tenant, keyId) + ":relayed";
  }

  /**
   * {@code frost:noncecounter:{tenant:keyId}} — deterministic mode's count of a key's round-1
   * calls, in the key's hash tag but outside its prefix: it outlives a delete of the key and a
   * tenant reset, since the same seed recreates the same key and a restarted count would repeat its
   * round-1 nonces (one small counter per keyid ever used in that mode).
   */
  public static String nonceCounter(String tenant, String keyId) {
    return PREFIX + "noncecounter:{" + check("tenant", tenant) + ":" + checkKeyId(keyId) + "}";
  }

  /** {@code frost:{tenant}:keys} — the set of key ids of a tenant. */
  public static String keyIndex(String tenant) {
    return PREFIX + "{" + check("tenant", tenant) + "}:keys";
  }

  /**
   * {@code frost:{tenant}:quota:kind} — the live DKG rounds or nonce records of a tenant, counted
   * for its quota; in the tag of the key index, so one node owns all of a tenant's counts.
   */
  public static String quota(String tenant, String kind) {
    return PREFIX + "{" + check("tenant", tenant) + "}:quota:" + check("kind", kind);
  }

  /** {@code frost:fault:{id}} — a fault counter. */
  public static String fault(String id) {
    return PREFIX + "fault:{" + check("id", id) + "}";
  }

  /**
   * A tenant's scope in one service, {@code service.tenant}: the first argument of the per-key
   * names above (StateRepository's keys and rounds, the relay's records).
   */
  public static String scope(String service, String tenant) {
    return service + "." + tenant;
  }

  /**
   * The key-name prefixes of everything a tenant owns in one service ({@code TenantReset}): the
   * state of its keys, its key index and quota counts (all under StateRepository's scope {@code
   * service.tenant}), and the service's fault rules ({@code FaultRules}: {@code
   * frost:{faults/service/tenant}:...}) and X-Fault-Id counters ({@code FaultInjector}: {@link
   * #fault} of {@code service/tenant/id}). Each ends where the tenant's name does, so tenant {@code
   * a} never matches tenant {@code ab}.
   */
  public static java.util.List<String> tenantPrefixes(String service, String tenant) {
    check("tenant", tenant);
    String scope = scope(service, tenant);
    return java.util.List.of(
        PREFIX + "{" + scope + ":",
        PREFIX + "{" + scope + "}:",
        PREFIX + "{faults/" + service + "/" + tenant + "}:",
        PREFIX + "fault:{" + service + "/" + tenant + "/");
  }

  private static String keyScope(String tenant, String keyId) {
    return PREFIX + "{" + check("tenant", tenant) + ":" + checkKeyId(keyId) + "}";
  }

  private static String checkKeyId(String keyId) {
    check("keyId", keyId == null ? null : keyId.replace(':', '.'));
    return keyId;
  }

  private static String check(String what, String s) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{' || c == '}' || c == ':' || c <= ' ' || c == 0x7f) {
        throw new IllegalArgumentException(what + " contains a forbidden character");
      }
    }
    return s;
  }
}
