package dev.frostsandbox.signer.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.ops.Metrics;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.signer.state.NonceRecord;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Signing with the server as one signer: in one round trip, or in two rounds with the server's
 * nonces kept in the store and consumed atomically; and the coordinator's aggregation. Requests are
 * parsed against the key's suite, so each operation takes the parser of its request and runs it
 * once the key is loaded (on the request's {@link Work}).
 */
public final class SigningService {

  /**
   * One round trip: the other signers' commitments and the message; {@code merkleRoot} (Taproot
   * keys only, else null) selects the BIP-341 script-tree tweak instead of the key-path one.
   */
  @SuppressWarnings("ArrayRecordComponent") // request carrier; never compared by equals or printed
  public record SignRequest<E>(
      KeyRecord<E> key,
      SortedMap<Identifier, SigningCommitments<E>> others,
      byte[] message,
      byte[] merkleRoot) {}

  /** The server's commitments and its share. */
  public record SignResult<E>(
      KeyRecord<E> key, SigningCommitments<E> commitments, SignatureShare share) {}

  /** Round 1: the commitments of the nonces the server stored. */
  public record Round1Result<E>(KeyRecord<E> key, SigningCommitments<E> commitments) {}

  /** Round 2: the signing package, the server's commitment among it. */
  @SuppressWarnings("ArrayRecordComponent") // request carrier; never compared by equals or printed
  public record Round2Request<E>(
      KeyRecord<E> key, SigningPackage<E> signingPackage, byte[] merkleRoot) {}

  public record Round2Result<E>(KeyRecord<E> key, SignatureShare share) {}

  @SuppressWarnings("ArrayRecordComponent") // request carrier; never compared by equals or printed
  public record AggregateRequest<E>(
      KeyRecord<E> key,
      SigningPackage<E> signingPackage,
      SortedMap<Identifier, SignatureShare> shares,
      byte[] merkleRoot) {}

  public record AggregateResult<E>(KeyRecord<E> key, Signature<E> signature) {}

  private final KeyService keys;
  private final Metrics metrics;
  private final ProtocolRandom random;

  public SigningService(KeyService keys, Metrics metrics, ProtocolRandom random) {
    this.keys = keys;
    this.metrics = metrics;
    this.random = random;
  }

  // ---- one round trip ----

  public Future<SignResult<?>> sign(RequestScope s, Function<KeyRecord<?>, SignRequest<?>> parse) {
    return keys.get(s).compose(key -> s.work().<SignResult<?>>run(() -> sign(s, parse.apply(key))));
  }

  private <E> SignResult<E> sign(RequestScope s, SignRequest<E> req) {
    SuiteBinding<E> suite = req.key().suite();
    Frost<E> frost = suite.frost();
    KeyPackage<E> self = req.key().keyPackage();
    SigningNonces<E> nonces =
        frost.signing().commit(self.signingShare(), oneRoundRandomness(s, req));
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>(req.others());
    all.put(self.identifier(), nonces.commitments());
    SigningPackage<E> pkg = new SigningPackage<>(all, req.message());
    KeyPackage<E> signer = tweaked(req.key(), req.merkleRoot());
    SignatureShare share =
        s.engine().run(s.call(), suite, () -> frost.signing().sign(pkg, nonces, signer));
    metrics.signatureShare(suite.ciphersuite(), "one-round");
    return new SignResult<>(req.key(), nonces.commitments(), share);
  }

  /**
   * In deterministic mode the nonces are a function of everything the share depends on (the
   * message, every other commitment, the merkle root): different inputs, different nonces.
   */
  private <E> SecureRandom oneRoundRandomness(RequestScope s, SignRequest<E> req) {
    if (!random.deterministic()) {
      return random.of(s.call(), "sign");
    }
    FrostJson<E> json = req.key().suite().frost().json();
    ObjectNode inputs = Json.object();
    inputs.put("ciphersuite", req.key().suite().ciphersuite());
    inputs.put("message", Bytes.toHex(req.message()));
    ObjectNode others = inputs.putObject("signing_commitments");
    req.others().forEach((id, c) -> others.set(json.identifier(id), json.signingCommitments(c)));
    if (req.merkleRoot() != null) {
      inputs.put("taproot_merkle_root", Bytes.toHex(req.merkleRoot()));
    }
    return random.of(s.call(), "sign", inputs.toString().getBytes(StandardCharsets.UTF_8));
  }

  // ---- two rounds ----

  public Future<Round1Result<?>> round1(RequestScope s) {
    return keys.get(s).compose(key -> round1Randomness(s).compose(r -> round1(s, key, r)));
  }

  /**
   * In deterministic mode round 1 has no inputs: a per-key counter in the store tells commitments
   * apart.
   */
  private Future<SecureRandom> round1Randomness(RequestScope s) {
    if (!random.deterministic()) {
      return Future.succeededFuture(random.of(s.call(), "sign/round1"));
    }
    return s.state()
        .nextNonceCounter(s.call())
        .map(
            n ->
                random.of(
                    s.call(),
                    "sign/round1",
                    java.nio.ByteBuffer.allocate(Long.BYTES).putLong(n).array()));
  }

  private <E> Future<Round1Result<?>> round1(RequestScope s, KeyRecord<E> key, SecureRandom r) {
    Frost<E> frost = key.suite().frost();
    SigningNonces<E> nonces = frost.signing().commit(key.keyPackage().signingShare(), r);
    return s.state()
        .saveNonces(
            s.call(),
            nonceId(frost.group(), nonces.commitments()),
            new NonceRecord<>(key.suite(), nonces, 0, key.generation()))
        .map(v -> new Round1Result<>(key, nonces.commitments()));
  }

  /**
   * The server's key package for signing: as stored (key path), or tweaked with the merkle root.
   */
  private static <E> KeyPackage<E> tweaked(KeyRecord<E> key, byte[] merkleRoot) {
    KeyPackage<E> self = key.keyPackage();
    return merkleRoot == null ? self : key.suite().frost().suite().tweak(self, merkleRoot);
  }

  /**
   * Nonces are found by their commitments: a signing package names them, nothing else is needed.
   */
  public static <E> String nonceId(Group<E> group, SigningCommitments<E> c) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(group.serializeElement(c.hiding()));
      md.update(group.serializeElement(c.binding()));
      return Bytes.toHex(md.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Future<Round2Result<?>> round2(
      RequestScope s, Function<KeyRecord<?>, Round2Request<?>> parse) {
    return keys.get(s)
        .compose(key -> s.work().run(() -> parse.apply(key)))
        .compose(req -> round2(s, req));
  }

  private <E> Future<Round2Result<?>> round2(RequestScope s, Round2Request<E> req) {
    SuiteBinding<E> suite = req.key().suite();
    Frost<E> frost = suite.frost();
    KeyPackage<E> self = req.key().keyPackage();
    return consumeNonces(s, frost.group(), req.signingPackage(), self.identifier())
        .compose(
            found -> {
              NonceRecord<?> stored = found == null ? null : found.nonces();
              // nonces committed before the server's share was replaced (a refresh) are unusable
              if (stored == null
                  || !stored.suite().ciphersuite().equals(suite.ciphersuite())
                  || stored.keyGeneration() != req.key().generation()) {
                return Future.failedFuture(SignerProblems.noSigningRound(s.call()));
              }
              @SuppressWarnings("unchecked")
              SigningNonces<E> nonces = ((NonceRecord<E>) stored).nonces();
              // the tweak (one base multiplication) runs where the signing runs
              return s.runEngine(
                  suite,
                  () ->
                      frost
                          .signing()
                          .sign(
                              found.signingPackage(),
                              nonces,
                              tweaked(req.key(), req.merkleRoot())));
            })
        .map(
            share -> {
              metrics.signatureShare(suite.ciphersuite(), "two-round");
              return new Round2Result<>(req.key(), share);
            });
  }

  /** Nonces found for round 2, and the package they sign. */
  private record Found<E>(SigningPackage<E> signingPackage, NonceRecord<?> nonces) {}

  /**
   * Takes the nonces under the server's commitments in {@code pkg}; when there are none, under the
   * commitments the request's decoration names instead (null: none found).
   */
  private static <E> Future<Found<E>> consumeNonces(
      RequestScope s, Group<E> group, SigningPackage<E> pkg, Identifier self) {
    return s.state()
        .consumeNonces(s.call(), nonceId(group, pkg.signingCommitments().get(self)))
        .compose(
            stored -> {
              if (stored != null) {
                return Future.succeededFuture(new Found<>(pkg, stored));
              }
              SigningPackage<E> other = s.decoration().unknownCommitments(group, pkg, self);
              if (other == null) {
                return Future.succeededFuture(null);
              }
              return s.state()
                  .consumeNonces(s.call(), nonceId(group, other.signingCommitments().get(self)))
                  .map(n -> n == null ? null : new Found<>(other, n));
            });
  }

  // ---- aggregate ----

  public Future<AggregateResult<?>> aggregate(
      RequestScope s, Function<KeyRecord<?>, AggregateRequest<?>> parse) {
    return keys.get(s)
        .compose(key -> s.work().<AggregateResult<?>>run(() -> aggregate(s, parse.apply(key))));
  }

  private <E> AggregateResult<E> aggregate(RequestScope s, AggregateRequest<E> req) {
    SuiteBinding<E> suite = req.key().suite();
    PublicKeyPackage<E> groupKeys =
        req.merkleRoot() == null
            ? req.key().publicKeyPackage()
            : suite.frost().suite().tweak(req.key().publicKeyPackage(), req.merkleRoot());
    Signature<E> signature =
        s.engine()
            .run(
                s.call(),
                suite,
                () ->
                    suite
                        .frost()
                        .signing()
                        .aggregate(req.signingPackage(), req.shares(), groupKeys));
    metrics.aggregated(suite.ciphersuite());
    return new AggregateResult<>(req.key(), signature);
  }
}
