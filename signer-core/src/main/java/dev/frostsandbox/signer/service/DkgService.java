package dev.frostsandbox.signer.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.ops.Metrics;
import dev.frostsandbox.signer.state.DkgRound;
import dev.frostsandbox.signer.state.KeyRecord;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * DKG with the server as one participant: round 1 runs frost-core's part1 and part2 and keeps the
 * round state; round 2 runs part3 and stores the key. Every engine step runs on a worker ({@link
 * RequestScope#worker()}): with many participants it verifies and evaluates hundreds of elements.
 */
public final class DkgService {

  /** Round 1: the suite, who the server is, and the peers' round-1 packages. */
  public record Round1Request<E>(
      SuiteBinding<E> suite,
      Identifier serverId,
      int minSigners,
      int maxSigners,
      SortedMap<Identifier, Round1Package<E>> peers) {}

  /** The server's round-1 package (part1) and its round-2 packages for the peers (part2). */
  public record Round1Result<E>(Round1Request<E> request, Dkg.Part1<E> part1, Dkg.Part2<E> part2) {}

  /** Round 2: the round state and the peers' round-2 packages for the server. */
  public record Round2Request<E>(
      DkgRound<E> round, SortedMap<Identifier, Round2Package> received) {}

  /** The key the DKG produced (stored). */
  public record Round2Result<E>(KeyRecord<E> key) {}

  private final Metrics metrics;
  private final ProtocolRandom random;

  public DkgService(Metrics metrics, ProtocolRandom random) {
    this.metrics = metrics;
    this.random = random;
  }

  public Future<Round1Result<?>> round1(RequestScope s, Round1Request<?> req) {
    return start(s, req);
  }

  private <E> Future<Round1Result<?>> start(RequestScope s, Round1Request<E> req) {
    Frost<E> frost = req.suite().frost();
    return s.state()
        .keyExists(s.call())
        .compose(
            exists ->
                exists
                    ? Future.failedFuture(SignerProblems.keyExists(s.call()))
                    : s.runEngineOnWorker(
                        req.suite(),
                        () -> {
                          Dkg.Part1<E> part1 =
                              frost
                                  .dkg()
                                  .part1(
                                      req.serverId(),
                                      req.maxSigners(),
                                      req.minSigners(),
                                      randomness(s, req));
                          return new Round1Result<>(
                              req, part1, frost.dkg().part2(part1.secretPackage(), req.peers()));
                        }))
        // saving replaces any earlier round: a new round 1 restarts the protocol
        .compose(
            result ->
                s.state()
                    .saveDkgRound(
                        s.call(),
                        new DkgRound<>(req.suite(), result.part2().secretPackage(), req.peers()))
                    .map(v -> result));
  }

  /**
   * The randomness of the server's polynomial and proof: in deterministic mode a function of the
   * round's inputs (suite, identifiers, threshold and every peer's package).
   */
  private <E> SecureRandom randomness(RequestScope s, Round1Request<E> req) {
    if (!random.deterministic()) {
      return random.of(s.call(), "dkg/round1");
    }
    FrostJson<E> json = req.suite().frost().json();
    ObjectNode inputs = Json.object();
    inputs.put("ciphersuite", req.suite().ciphersuite());
    inputs.put("identifier", json.identifier(req.serverId()));
    inputs.put("min_signers", req.minSigners());
    inputs.put("max_signers", req.maxSigners());
    ObjectNode peers = inputs.putObject("peers");
    req.peers().forEach((id, pkg) -> peers.set(json.identifier(id), json.round1Package(pkg)));
    return random.of(s.call(), "dkg/round1", inputs.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code parse} reads the body against the round's suite and peers, once the round is found. */
  public Future<Round2Result<?>> round2(
      RequestScope s, Function<DkgRound<?>, Round2Request<?>> parse) {
    return s.state()
        .findDkgRound(s.call())
        .compose(
            round ->
                round == null
                    ? Future.failedFuture(SignerProblems.noDkgRound(s.call()))
                    : s.worker().run(() -> parse.apply(round)))
        .compose(req -> finish(s, req));
  }

  private <E> Future<Round2Result<?>> finish(RequestScope s, Round2Request<E> req) {
    DkgRound<E> round = req.round();
    SuiteBinding<E> suite = round.suite();
    return s.runEngineOnWorker(
            suite,
            () -> suite.frost().dkg().part3(round.secretPackage(), round.peers(), req.received()))
        // a failed DKG cannot be resumed: the round ends, the client starts again with round 1
        .recover(
            protocolFailure ->
                s.state()
                    .takeDkgRound(s.call())
                    .transform(ignored -> Future.failedFuture(protocolFailure)))
        .compose(
            part3 -> {
              KeyRecord<E> key =
                  new KeyRecord<>(
                      suite,
                      part3.keyPackage(),
                      part3.publicKeyPackage(),
                      System.currentTimeMillis());
              return s.state()
                  .takeDkgRound(s.call())
                  .compose(
                      taken ->
                          taken
                              ? s.state().createKey(s.call(), key)
                              // a concurrent round 2 finished this round first
                              : Future.failedFuture(SignerProblems.noDkgRound(s.call())))
                  .compose(
                      created -> {
                        if (!created) {
                          return Future.failedFuture(SignerProblems.keyExists(s.call()));
                        }
                        metrics.dkgCompleted(suite.ciphersuite());
                        return Future.succeededFuture(new Round2Result<>(key));
                      });
            });
  }
}
