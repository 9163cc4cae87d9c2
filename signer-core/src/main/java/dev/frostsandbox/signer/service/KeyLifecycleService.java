package dev.frostsandbox.signer.service;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.keys.Delta;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.Sigma;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.ops.Metrics;
import dev.frostsandbox.signer.service.DkgService.Round1Request;
import dev.frostsandbox.signer.service.DkgService.Round1Result;
import dev.frostsandbox.signer.service.DkgService.Round2Result;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.signer.state.RefreshRound;
import dev.frostsandbox.signer.state.RepairRound;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The key lifecycle with the server as one participant (frost-core 3.0 {@code keys::refresh},
 * {@code keys::repairable}):
 *
 * <ul>
 *   <li>share refresh by DKG: round 1 runs refresh_dkg_part1 and part2 and keeps the round (under
 *       its own store key); round 2 runs refresh_dkg_shares and replaces the key atomically, one
 *       generation later, so nonces committed with the old share are refused afterwards. Until
 *       then, and after a failed or expired round, the old share keeps signing;
 *   <li>repair (RTS) with the server as a helper: part 1 answers its deltas for the other helpers
 *       and keeps its delta to itself; part 2 sums it with the deltas it received into its sigma;
 *   <li>repair of the server's own share (part 3), for a key whose share was lost: the sum of the
 *       helpers' sigmas, checked against the server's verifying share before it is stored.
 * </ul>
 *
 * Engine steps run on a worker ({@link RequestScope#worker()}), as DKG's do.
 */
public final class KeyLifecycleService {

  /** Refresh round 1: the key and the other refreshing participants' refresh round-1 packages. */
  public record RefreshRound1Request<E>(
      KeyRecord<E> key, SortedMap<Identifier, Round1Package<E>> peers) {}

  /**
   * Refresh round 2: the key, its refresh round, and the peers' refreshing shares for the server.
   */
  public record RefreshRound2Request<E>(
      KeyRecord<E> key, RefreshRound<E> round, SortedMap<Identifier, Round2Package> received) {}

  /** Repair part 1: the helpers (the server among them) and the participant to repair. */
  public record RepairPart1Request<E>(
      KeyRecord<E> key, SortedSet<Identifier> helpers, Identifier participant) {}

  /** The server's deltas for the other helpers (its delta to itself stays server-side). */
  public record RepairPart1Result<E>(
      KeyRecord<E> key, Identifier participant, SortedMap<Identifier, Delta> deltas) {}

  /** Repair part 2: the deltas the other helpers addressed to the server. */
  public record RepairPart2Request<E>(
      KeyRecord<E> key, RepairRound<E> round, SortedMap<Identifier, Delta> received) {}

  /** The server's sigma for the participant being repaired. */
  public record RepairPart2Result<E>(KeyRecord<E> key, Identifier participant, Sigma sigma) {}

  /** Repair part 3: the helpers' sigmas for the server. */
  public record RepairPart3Request<E>(KeyRecord<E> key, SortedMap<Identifier, Sigma> sigmas) {}

  private final KeyService keys;
  private final SecureRandom random;
  private final Metrics metrics;

  /**
   * {@code metrics} counts the operations that made key material ({@code
   * frost_key_lifecycle_completed_total}), as DKG's are counted.
   */
  public KeyLifecycleService(KeyService keys, SecureRandom random, Metrics metrics) {
    this.keys = keys;
    this.random = random;
    this.metrics = metrics;
  }

  // ---- refresh by DKG ----

  public Future<Round1Result<?>> refreshRound1(
      RequestScope s, Function<KeyRecord<?>, RefreshRound1Request<?>> parse) {
    return keys.get(s)
        .compose(key -> s.worker().run(() -> parse.apply(key)))
        .compose(req -> refreshStart(s, req));
  }

  private <E> Future<Round1Result<?>> refreshStart(RequestScope s, RefreshRound1Request<E> req) {
    KeyRecord<E> key = req.key();
    SuiteBinding<E> suite = key.suite();
    Frost<E> frost = suite.frost();
    Identifier self = key.keyPackage().identifier();
    int min = key.keyPackage().minSigners();
    int refreshing = req.peers().size() + 1;
    return s.runEngineOnWorker(
            suite,
            () -> {
              Dkg.Part1<E> part1 = frost.refresh().refreshDkgPart1(self, refreshing, min, random);
              Dkg.Part2<E> part2 =
                  frost.refresh().refreshDkgPart2(part1.secretPackage(), req.peers());
              return new Round1Result<>(
                  new Round1Request<>(suite, self, min, refreshing, req.peers()), part1, part2);
            })
        // saving replaces any earlier refresh round: a new round 1 restarts the refresh
        .compose(
            result ->
                s.state()
                    .saveRefreshRound(
                        s.call(),
                        new RefreshRound<>(
                            suite, result.part2().secretPackage(), req.peers(), key.generation()))
                    .map(v -> result));
  }

  /** {@code parse} reads the body against the key and its refresh round, once both are found. */
  public Future<Round2Result<?>> refreshRound2(
      RequestScope s, BiFunction<KeyRecord<?>, RefreshRound<?>, RefreshRound2Request<?>> parse) {
    return keys.get(s)
        .compose(
            key ->
                s.state()
                    .findRefreshRound(s.call())
                    .compose(
                        round -> {
                          if (round == null) {
                            return Future.failedFuture(noRefreshRound(s));
                          }
                          if (!round.suite().ciphersuite().equals(key.suite().ciphersuite())
                              || round.keyGeneration() != key.generation()) {
                            // a round of an earlier key under this keyid, or of a share replaced
                            // since: it ends
                            return s.state()
                                .takeRefreshRound(s.call())
                                .transform(ignored -> Future.failedFuture(noRefreshRound(s)));
                          }
                          return s.worker().run(() -> parse.apply(key, round));
                        }))
        .compose(req -> refreshFinish(s, req));
  }

  private <E> Future<Round2Result<?>> refreshFinish(RequestScope s, RefreshRound2Request<E> req) {
    KeyRecord<E> key = req.key();
    RefreshRound<E> round = req.round();
    SuiteBinding<E> suite = key.suite();
    return s.runEngineOnWorker(
            suite,
            () ->
                suite
                    .frost()
                    .refresh()
                    .refreshDkgShares(
                        round.secretPackage(),
                        round.peers(),
                        req.received(),
                        key.publicKeyPackage(),
                        key.keyPackage()))
        // a failed refresh ends the round; the old share keeps signing
        .recover(
            protocolFailure ->
                s.state()
                    .takeRefreshRound(s.call())
                    .transform(ignored -> Future.failedFuture(protocolFailure)))
        .compose(
            part3 ->
                s.state()
                    .takeRefreshRound(s.call())
                    .compose(
                        taken -> {
                          if (!taken) {
                            // a concurrent round 2 finished this round first
                            return Future.failedFuture(noRefreshRound(s));
                          }
                          KeyRecord<E> next =
                              key.replaced(part3.keyPackage(), part3.publicKeyPackage());
                          // the switch: the new share replaces the old one only if the key is still
                          // the one refreshed
                          return s.state()
                              .replaceKey(s.call(), key, next)
                              .compose(
                                  replaced -> {
                                    if (!replaced) {
                                      return Future.failedFuture(noRefreshRound(s));
                                    }
                                    metrics.keyLifecycleCompleted(
                                        suite.ciphersuite(), Metrics.REFRESH);
                                    return Future.succeededFuture(new Round2Result<>(next));
                                  });
                        }));
  }

  private static RuntimeException noRefreshRound(RequestScope s) {
    return SignerProblems.noRound(s.call(), "refresh round", "refresh round 1");
  }

  // ---- repair: the server as a helper ----

  public Future<RepairPart1Result<?>> repairPart1(
      RequestScope s, Function<KeyRecord<?>, RepairPart1Request<?>> parse) {
    return keys.get(s)
        .compose(key -> s.work().run(() -> parse.apply(key)))
        .compose(req -> helpStart(s, req));
  }

  private <E> Future<RepairPart1Result<?>> helpStart(RequestScope s, RepairPart1Request<E> req) {
    KeyRecord<E> key = req.key();
    SuiteBinding<E> suite = key.suite();
    Identifier self = key.keyPackage().identifier();
    return s.runEngine(
            suite,
            () ->
                suite
                    .frost()
                    .repair()
                    .repairSharePart1(req.helpers(), key.keyPackage(), random, req.participant()))
        .compose(
            deltas -> {
              SortedMap<Identifier, Delta> others = new TreeMap<>(deltas);
              Delta own = others.remove(self);
              RepairRound<E> round =
                  new RepairRound<>(suite, req.participant(), req.helpers(), own, key.generation());
              return s.state()
                  .saveRepairRound(s.call(), round)
                  .map(v -> new RepairPart1Result<>(key, req.participant(), others));
            });
  }

  /**
   * {@code parse} reads the body against the key and the repair round. The round is consumed first
   * (exactly one part 2 per part 1): a part 2 that fails ends it.
   */
  public Future<RepairPart2Result<?>> repairPart2(
      RequestScope s, BiFunction<KeyRecord<?>, RepairRound<?>, RepairPart2Request<?>> parse) {
    return keys.get(s)
        .compose(
            key ->
                s.state()
                    .takeRepairRound(s.call())
                    .compose(
                        round -> {
                          if (round == null
                              || !round.suite().ciphersuite().equals(key.suite().ciphersuite())
                              || round.keyGeneration() != key.generation()) {
                            return Future.failedFuture(
                                SignerProblems.noRound(s.call(), "repair round", "repair part 1"));
                          }
                          return s.work().run(() -> parse.apply(key, round));
                        }))
        .compose(req -> s.work().run(() -> helpFinish(s, req)))
        .map(
            r -> {
              metrics.keyLifecycleCompleted(r.key().suite().ciphersuite(), Metrics.REPAIR_HELP);
              return r;
            });
  }

  private <E> RepairPart2Result<?> helpFinish(RequestScope s, RepairPart2Request<E> req) {
    SuiteBinding<E> suite = req.key().suite();
    List<Delta> all = new ArrayList<>(req.received().values());
    all.add(req.round().ownDelta());
    Sigma sigma =
        s.engine().run(s.call(), suite, () -> suite.frost().repair().repairSharePart2(all));
    return new RepairPart2Result<>(req.key(), req.round().participant(), sigma);
  }

  // ---- repair: the server's own share ----

  public Future<KeyRecord<?>> repairPart3(
      RequestScope s, Function<KeyRecord<?>, RepairPart3Request<?>> parse) {
    return keys.find(s)
        .compose(
            key ->
                key.hasShare()
                    ? Future.failedFuture(
                        SignerProblems.keyConflict(
                            s.call(),
                            "The server holds its share of key id "
                                + s.call().keyid()
                                + ": repair part 3 rebuilds a lost share only"))
                    : s.work().run(() -> parse.apply(key)))
        .compose(req -> rebuild(s, req));
  }

  private <E> Future<KeyRecord<?>> rebuild(RequestScope s, RepairPart3Request<E> req) {
    KeyRecord<E> key = req.key();
    SuiteBinding<E> suite = key.suite();
    return s.runEngine(
            suite,
            () ->
                suite
                    .frost()
                    .repair()
                    .repairSharePart3(
                        req.sigmas().values(),
                        key.keyPackage().identifier(),
                        key.publicKeyPackage()))
        .compose(kp -> replace(s, key, key.replaced(kp, key.publicKeyPackage())))
        .map(
            k -> {
              metrics.keyLifecycleCompleted(suite.ciphersuite(), Metrics.REPAIR_SHARE);
              return k;
            });
  }

  /**
   * The sandbox's admin operation: drops the server's share of a key, keeping its public key
   * package, as a key restored from its public key package only would be (then repair part 3).
   */
  public Future<KeyRecord<?>> dropShare(RequestScope s) {
    return keys.get(s).compose(key -> dropShare(s, key));
  }

  private <E> Future<KeyRecord<?>> dropShare(RequestScope s, KeyRecord<E> key) {
    KeyPackage<E> k = key.keyPackage();
    KeyPackage<E> lost =
        new KeyPackage<>(
            k.identifier(), null, k.verifyingShare(), k.verifyingKey(), k.minSigners());
    return replace(s, key, key.replaced(lost, key.publicKeyPackage()));
  }

  private <E> Future<KeyRecord<?>> replace(RequestScope s, KeyRecord<E> key, KeyRecord<E> next) {
    return s.state()
        .replaceKey(s.call(), key, next)
        .compose(
            replaced ->
                replaced
                    ? Future.succeededFuture(next)
                    : Future.failedFuture(
                        SignerProblems.keyConflict(
                            s.call(),
                            "Key id "
                                + s.call().keyid()
                                + " changed during the request: read it again")));
  }
}
