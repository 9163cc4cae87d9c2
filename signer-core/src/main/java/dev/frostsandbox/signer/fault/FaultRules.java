package dev.frostsandbox.signer.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admin fault rules in the {@link Store}, shared by every instance of a service: one hash tag per
 * service and tenant ({@code frost:{faults/<service>/<tenant>}:...}) holding the rule index, the
 * rules (with their TTL), per-rule sequence and fire counters, and a version counter bumped on
 * every change. Each request reads the version (one GET) and reloads the rules when it moved, so a
 * rule added on one instance fires on the next request to any other.
 *
 * <p>A tenant holds at most {@code maxRules} rules (the index is a bounded set: every instance
 * agrees), and the live {@code X-Fault-Id} counters of a tenant are counted in a slot pool of the
 * same hash tag ({@link #idsKey}).
 */
final class FaultRules {

  private static final Logger LOG = Logger.getLogger(FaultRules.class.getName());

  /** Reload at least this often even if the version did not move (rules removed by hand). */
  private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

  private record Cached(String version, List<FaultRule> rules, long loadedAt) {}

  private final Store store;
  private final String service;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final int maxRules;
  private final WorkerExecutor matchers;

  /**
   * Matching work (pattern sizes times path length, about 0.1 us a unit) done on the event loop; a
   * request whose rules cost more is matched on a worker thread, so no rule set stalls an event
   * loop.
   */
  static final long INLINE_MATCH_BUDGET = 50_000;

  /**
   * The most pattern units (the sum of the rules' sizes, {@link FaultRule#MAX_REGEX_SIZE} each at
   * most) a tenant's rules may hold: with paths of {@link FaultRule#MAX_MATCHED_PATH} characters,
   * this bounds the matching work of one request to a few tens of milliseconds.
   */
  static final long MAX_TENANT_PATTERN_SIZE = 5_000;

  /** Threads matching over-budget rule sets: their own pool, so rules never starve engine work. */
  static final int MATCH_THREADS = 2;

  /** Tests: told whether each rule-set match ran on an event loop. */
  static volatile java.util.function.Consumer<Boolean> matchedOnEventLoop = b -> {};

  FaultRules(Vertx vertx, Store store, String service, int maxRules) {
    this.matchers = vertx.createSharedWorkerExecutor("fault-rules", MATCH_THREADS);
    this.store = store;
    this.service = service;
    this.maxRules = maxRules;
  }

  private String base(String tenant) {
    return "frost:{faults/" + service + "/" + tenant + "}";
  }

  private String index(String tenant) {
    return base(tenant) + ":rules";
  }

  private String rule(String tenant, String id) {
    return base(tenant) + ":rule:" + id;
  }

  String sequenceKey(String tenant, String id) {
    return base(tenant) + ":seq:" + id;
  }

  private String firedKey(String tenant, String id) {
    return base(tenant) + ":fired:" + id;
  }

  private String version(String tenant) {
    return base(tenant) + ":version";
  }

  /** The slot pool of the tenant's live X-Fault-Id counters. */
  String idsKey(String tenant) {
    return base(tenant) + ":ids";
  }

  static Duration ttlLeft(FaultRule r, long now) {
    return r.expiresAt() == null ? null : Duration.ofMillis(Math.max(1, r.expiresAt() - now));
  }

  /**
   * Stores the rule, then lists it in the index unless the tenant has {@code maxRules} already
   * (then the rule is deleted again and a 409 answered). The rule is written first: an instance
   * reloading in between must not find an indexed id without its rule and forget it.
   */
  Future<FaultRule> add(String tenant, FaultRule r) {
    if (r.size() == 0) {
      return store(tenant, r);
    }
    // the tenant's pattern size: checked here and again when rules are loaded (concurrent adds)
    return load(tenant)
        .compose(
            rules -> {
              long size = r.size();
              for (FaultRule live : rules) {
                size += live.size();
              }
              if (size > MAX_TENANT_PATTERN_SIZE) {
                return Future.failedFuture(
                    Problem.of(
                            Catalogue.CONFLICT,
                            "This tenant's fault rules would hold patterns of size "
                                + size
                                + ", over the limit of "
                                + MAX_TENANT_PATTERN_SIZE
                                + ": delete some before adding more")
                        .withExtension("limit", MAX_TENANT_PATTERN_SIZE)
                        .toException());
              }
              return store(tenant, r);
            });
  }

  private Future<FaultRule> store(String tenant, FaultRule r) {
    byte[] bytes = r.toJson().toString().getBytes(StandardCharsets.UTF_8);
    return store
        .put(rule(tenant, r.id()), bytes, ttlLeft(r, System.currentTimeMillis()))
        .compose(v -> index(tenant, r.id()))
        .compose(
            claim -> {
              if (claim != Store.Claim.REFUSED) {
                return changed(tenant).map(r);
              }
              return store
                  .delete(rule(tenant, r.id()))
                  .transform(
                      ignored ->
                          Future.failedFuture(
                              Problem.of(
                                      Catalogue.CONFLICT,
                                      "This tenant has "
                                          + maxRules
                                          + " fault rules already"
                                          + " (SIGNER_FAULT_MAX_RULES): delete some before adding more")
                                  .withExtension("limit", maxRules)
                                  .toException()));
            });
  }

  /**
   * Lists a rule id; when the index is full, expired rules are dropped from it and it is tried once
   * more.
   */
  private Future<Store.Claim> index(String tenant, String id) {
    return store
        .addToSetBounded(index(tenant), id, maxRules)
        .compose(
            claim ->
                claim != Store.Claim.REFUSED
                    ? Future.succeededFuture(claim)
                    : load(tenant)
                        .compose(live -> store.addToSetBounded(index(tenant), id, maxRules)));
  }

  /**
   * Every live rule with how often it fired, oldest first; expired rules are dropped from the
   * index.
   */
  Future<List<ObjectNode>> list(String tenant) {
    return load(tenant)
        .compose(
            rules -> {
              List<Future<ObjectNode>> views = new ArrayList<>();
              for (FaultRule r : rules) {
                views.add(
                    store
                        .get(firedKey(tenant, r.id()))
                        .map(
                            f -> {
                              ObjectNode o = r.toJson();
                              o.put(
                                  "fired",
                                  f == null
                                      ? 0
                                      : Long.parseLong(new String(f, StandardCharsets.US_ASCII)));
                              return o;
                            }));
              }
              return Future.all(views)
                  .map(
                      all -> {
                        List<ObjectNode> out = new ArrayList<>();
                        for (int i = 0; i < views.size(); i++) {
                          out.add(all.resultAt(i));
                        }
                        return out;
                      });
            });
  }

  Future<Boolean> delete(String tenant, String id) {
    return store
        .delete(rule(tenant, id))
        .compose(
            deleted ->
                store
                    .members(index(tenant))
                    .compose(
                        ids -> {
                          boolean listed = ids.contains(id);
                          return forget(tenant, id)
                              .compose(v -> changed(tenant))
                              .map(deleted || listed);
                        }));
  }

  Future<Void> deleteAll(String tenant) {
    return store
        .members(index(tenant))
        .compose(
            ids -> {
              List<Future<Void>> all = new ArrayList<>();
              for (String id : ids) {
                all.add(store.delete(rule(tenant, id)).compose(v -> forget(tenant, id)));
              }
              return Future.all(all).compose(v -> changed(tenant));
            });
  }

  private Future<Void> forget(String tenant, String id) {
    return store
        .removeFromSet(index(tenant), id)
        .compose(v -> store.delete(sequenceKey(tenant, id)))
        .compose(v -> store.delete(firedKey(tenant, id)))
        .mapEmpty();
  }

  private Future<Void> changed(String tenant) {
    cache.remove(tenant);
    return store.increment(version(tenant), null).mapEmpty();
  }

  Future<Long> fired(String tenant, FaultRule r) {
    return store.increment(firedKey(tenant, r.id()), ttlLeft(r, System.currentTimeMillis()));
  }

  /**
   * The first live rule (oldest first) matching the request whose fault is {@code offered} there,
   * or null.
   */
  Future<FaultRule> match(
      String tenant, String method, String path, String keyid, Predicate<FaultSpec> offered) {
    return current(tenant)
        .compose(
            rules -> {
              if (matchCost(rules, path) <= INLINE_MATCH_BUDGET) {
                return Future.succeededFuture(first(rules, method, path, keyid, offered));
              }
              return matchers.executeBlocking(
                  () -> first(rules, method, path, keyid, offered), false);
            });
  }

  /** An upper estimate of the steps of matching {@code path} against every pattern of the rules. */
  static long matchCost(List<FaultRule> rules, String path) {
    long units = 0;
    for (FaultRule r : rules) {
      units += r.size();
    }
    // no pattern is tried on a longer path
    return path.length() > FaultRule.MAX_MATCHED_PATH ? 0 : units * path.length();
  }

  private static FaultRule first(
      List<FaultRule> rules,
      String method,
      String path,
      String keyid,
      Predicate<FaultSpec> offered) {
    matchedOnEventLoop.accept(io.vertx.core.Context.isOnEventLoopThread());
    long now = System.currentTimeMillis();
    for (FaultRule r : rules) {
      if (offered.test(r.spec()) && r.matches(method, path, keyid, now)) {
        return r;
      }
    }
    return null;
  }

  /** The rules of the tenant's last load, by id (rule ids are random: never reused). */
  private Map<String, FaultRule> previous(String tenant) {
    Cached c = cache.get(tenant);
    Map<String, FaultRule> byId = new ConcurrentHashMap<>();
    if (c != null) {
      for (FaultRule r : c.rules()) {
        byId.put(r.id(), r);
      }
    }
    return byId;
  }

  private Future<List<FaultRule>> current(String tenant) {
    return store
        .get(version(tenant))
        .compose(
            v -> {
              String version = v == null ? "0" : new String(v, StandardCharsets.US_ASCII);
              Cached c = cache.get(tenant);
              if (c != null
                  && c.version().equals(version)
                  && System.nanoTime() - c.loadedAt() < MAX_AGE_NANOS) {
                return Future.succeededFuture(c.rules());
              }
              long at = System.nanoTime();
              return load(tenant)
                  .map(FaultRules::withinPatternLimit)
                  .map(
                      rules -> {
                        cache.put(tenant, new Cached(version, rules, at));
                        return rules;
                      });
            });
  }

  /**
   * The oldest rules whose patterns fit {@link #MAX_TENANT_PATTERN_SIZE}: concurrent adds may pass
   * the check of {@link #add} together, and newer rules over the limit then never match.
   */
  static List<FaultRule> withinPatternLimit(List<FaultRule> rules) {
    List<FaultRule> kept = new ArrayList<>();
    long size = 0;
    for (FaultRule r : rules) {
      if (size + r.size() <= MAX_TENANT_PATTERN_SIZE) {
        size += r.size();
        kept.add(r);
      }
    }
    return List.copyOf(kept);
  }

  private Future<List<FaultRule>> load(String tenant) {
    return store
        .members(index(tenant))
        .compose(
            ids -> {
              Map<String, FaultRule> compiled = previous(tenant);
              List<Future<FaultRule>> reads = new ArrayList<>();
              for (String id : ids) {
                reads.add(
                    store
                        .get(rule(tenant, id))
                        .compose(
                            bytes -> {
                              if (bytes == null) {
                                // expired: the rule key's TTL ran out; drop it from the index
                                return forget(tenant, id).map((FaultRule) null);
                              }
                              FaultRule known = compiled.get(id);
                              if (known != null) {
                                // a rule never changes once added: no need to parse and compile it
                                // again
                                return Future.succeededFuture(known);
                              }
                              try {
                                FaultRule parsed =
                                    FaultRule.fromStored(Json.STRICT.readTree(bytes));
                                compiled.put(id, parsed);
                                return Future.succeededFuture(parsed);
                              } catch (IOException | RuntimeException e) {
                                LOG.log(
                                    Level.WARNING,
                                    "Ignoring an unreadable fault rule " + id + " of " + service);
                                return Future.succeededFuture(null);
                              }
                            }));
              }
              return Future.all(reads)
                  .map(
                      all -> {
                        long now = System.currentTimeMillis();
                        List<FaultRule> rules = new ArrayList<>();
                        for (int i = 0; i < reads.size(); i++) {
                          FaultRule r = all.resultAt(i);
                          if (r != null && !r.expired(now)) {
                            rules.add(r);
                          }
                        }
                        rules.sort(
                            Comparator.comparingLong(FaultRule::createdAt)
                                .thenComparing(FaultRule::id));
                        return List.copyOf(rules);
                      });
            });
  }
}
