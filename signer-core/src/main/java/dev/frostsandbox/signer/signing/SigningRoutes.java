package dev.frostsandbox.signer.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.EngineWork;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.signer.state.NonceRecord;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Signing with the server as one signer: in one round trip ({@code sign}), or in two rounds with
 * server nonces kept in the store and consumed atomically ({@code sign/round1}, {@code
 * sign/round2}); and the coordinator's {@code aggregate}.
 */
public final class SigningRoutes {

  private final SignerContext sc;

  public SigningRoutes(SignerContext sc) {
    this.sc = sc;
  }

  public Router router(Vertx vertx, BodyHandler body) {
    Router r = Router.router(vertx);
    r.post("/sign/round1/:keyid").handler(withKey("/sign/round1", false, 201, (ctx, call, key, b) -> round1(call, key)));
    r.post("/sign/round2/:keyid").consumes("application/json").handler(body)
        .handler(withKey("/sign/round2", true, 200, this::round2));
    r.post("/sign/:keyid").consumes("application/json").handler(body)
        .handler(withKey("/sign", true, 200, (ctx, call, key, b) -> EngineWork.run(ctx, () -> signOneRound(call, key, b))));
    r.post("/aggregate/:keyid").consumes("application/json").handler(body)
        .handler(withKey("/aggregate", true, 200, (ctx, call, key, b) -> EngineWork.run(ctx, () -> aggregate(call, key, b))));
    return r;
  }

  /** What an endpoint does once its key is loaded: the answer's JSON. */
  @FunctionalInterface
  private interface KeyOperation {
    Future<ObjectNode> apply(RoutingContext ctx, Call call, KeyRecord<?> key, JsonNode body);
  }

  /**
   * The shape every endpoint here shares: the call, the body if any, the key, the operation, the
   * answer. A large body (many signers) is parsed and worked on off the event loop (EngineWork).
   */
  private Handler<RoutingContext> withKey(String route, boolean hasBody, int status, KeyOperation operation) {
    return ctx -> {
      Call call = sc.call(ctx, route);
      Buffer buffer = EngineWork.body(ctx);
      Future<JsonNode> body =
          hasBody ? EngineWork.run(ctx, () -> Json.bodyObject(buffer, call)) : Future.succeededFuture(null);
      body.compose(b -> key(call).compose(key -> operation.apply(ctx, call, key, b)))
          .compose(answer -> Json.send(ctx, status, answer))
          .onFailure(ctx::fail);
    };
  }

  private Future<KeyRecord<?>> key(Call call) {
    return sc.state().findKey(call).map(k -> {
      if (k == null) {
        throw SignerProblems.noKey(call, sc.definition().keyKind());
      }
      return k;
    });
  }

  // ---- one round trip ----

  private <E> ObjectNode signOneRound(Call call, KeyRecord<E> key, JsonNode body) {
    SuiteBinding<E> suite = key.suite();
    Frost<E> frost = suite.frost();
    KeyPackage<E> self = key.keyPackage();
    PackageReader<E> r = frost.json().reader();
    r.object(body, "", Set.of("message", "signing_commitments"), Set.of(MERKLE_ROOT));
    byte[] merkleRoot = merkleRoot(r, key, body);
    checkCount(call, r, body.get("signing_commitments"), "/signing_commitments", EngineWork.MAX_PARTICIPANTS - 1);
    JsonNode message = body.get("message");
    if (message != null && !message.isTextual()) {
      r.error("/message", "must be a base64 string");
    }
    SortedMap<Identifier, SigningCommitments<E>> others =
        r.identifierMap(body.get("signing_commitments"), "/signing_commitments", r::signingCommitments);
    if (others != null) {
      checkSigners(r, key, others.keySet(), "/signing_commitments");
      if (others.containsKey(self.identifier())) {
        r.error(InvalidField.child("/signing_commitments", frost.json().identifier(self.identifier())),
            "is the server's identifier: send the other signers' commitments");
      }
      if (others.size() + 1 < self.minSigners()) {
        r.error("/signing_commitments", "at least " + (self.minSigners() - 1) + " other signers are needed");
      }
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    byte[] msg = base64(call, message.asText(), "/message");
    SigningNonces<E> nonces = frost.signing().commit(self.signingShare(), sc.random());
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>(others);
    all.put(self.identifier(), nonces.commitments());
    SigningPackage<E> pkg = new SigningPackage<>(all, msg);
    KeyPackage<E> signer = tweaked(key, merkleRoot);
    SignatureShare share = sc.engine(call, suite, () -> frost.signing().sign(pkg, nonces, signer));
    sc.metrics().signatureShare(suite.ciphersuite(), "one-round");
    FrostJson<E> json = frost.json();
    ObjectNode out = Json.object();
    out.put("identifier", json.identifier(self.identifier()));
    out.set("signing_commitments", json.signingCommitments(nonces.commitments()));
    out.set("signature_share", json.signatureShare(share));
    return out;
  }

  // ---- two rounds ----

  private <E> Future<ObjectNode> round1(Call call, KeyRecord<E> key) {
    Frost<E> frost = key.suite().frost();
    SigningNonces<E> nonces = frost.signing().commit(key.keyPackage().signingShare(), sc.random());
    return sc.state()
        .saveNonces(call, nonceId(frost.group(), nonces.commitments()), new NonceRecord<>(key.suite(), nonces))
        .map(v -> {
          ObjectNode out = Json.object();
          out.put("identifier", frost.json().identifier(key.keyPackage().identifier()));
          out.set("signing_commitments", frost.json().signingCommitments(nonces.commitments()));
          return out;
        });
  }

  /** Nonces are found by their commitments: a signing package names them, nothing else is needed. */
  static <E> String nonceId(Group<E> group, SigningCommitments<E> c) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(group.serializeElement(c.hiding()));
      md.update(group.serializeElement(c.binding()));
      return Bytes.toHex(md.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A parsed sign/round2 body: the signing package and the optional taproot_merkle_root. */
  private record Round2Request<E>(SigningPackage<E> signingPackage, byte[] merkleRoot) {}

  private <E> Future<ObjectNode> round2(RoutingContext ctx, Call call, KeyRecord<E> key, JsonNode body) {
    return EngineWork.run(ctx, () -> round2Package(call, key, body)).compose(req -> round2(ctx, call, key, req));
  }

  private <E> Round2Request<E> round2Package(Call call, KeyRecord<E> key, JsonNode body) {
    PackageReader<E> r = key.suite().frost().json().reader();
    r.object(body, "", Set.of("signing_package"), Set.of(MERKLE_ROOT));
    byte[] merkleRoot = merkleRoot(r, key, body);
    checkCount(call, r, body.path("signing_package").get("signing_commitments"),
        "/signing_package/signing_commitments", EngineWork.MAX_PARTICIPANTS);
    SigningPackage<E> pkg = r.signingPackage(body.get("signing_package"), "/signing_package");
    if (pkg != null) {
      checkPackageSigners(r, key, pkg, "/signing_package/signing_commitments");
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new Round2Request<>(pkg, merkleRoot);
  }

  private <E> Future<ObjectNode> round2(RoutingContext ctx, Call call, KeyRecord<E> key, Round2Request<E> req) {
    SuiteBinding<E> suite = key.suite();
    Frost<E> frost = suite.frost();
    KeyPackage<E> self = key.keyPackage();
    SigningPackage<E> pkg = req.signingPackage();
    SigningCommitments<E> mine = pkg.signingCommitments().get(self.identifier());
    return sc.state()
        .consumeNonces(call, nonceId(frost.group(), mine))
        .compose(stored -> {
          if (stored == null || !stored.suite().ciphersuite().equals(suite.ciphersuite())) {
            throw SignerProblems.noSigningRound(call);
          }
          @SuppressWarnings("unchecked")
          SigningNonces<E> nonces = ((NonceRecord<E>) stored).nonces();
          // the tweak (one base multiplication) runs where the signing runs (EngineWork)
          return EngineWork.run(ctx, () -> sc.engine(call, suite,
              () -> frost.signing().sign(pkg, nonces, tweaked(key, req.merkleRoot()))));
        })
        .map(share -> {
          sc.metrics().signatureShare(suite.ciphersuite(), "two-round");
          ObjectNode out = Json.object();
          out.set("signature_share", frost.json().signatureShare(share));
          return out;
        });
  }

  // ---- aggregate ----

  private <E> ObjectNode aggregate(Call call, KeyRecord<E> key, JsonNode body) {
    SuiteBinding<E> suite = key.suite();
    Frost<E> frost = suite.frost();
    PackageReader<E> r = frost.json().reader();
    r.object(body, "", Set.of("signing_package", "signature_shares"), Set.of(MERKLE_ROOT));
    byte[] merkleRoot = merkleRoot(r, key, body);
    checkCount(call, r, body.path("signing_package").get("signing_commitments"),
        "/signing_package/signing_commitments", EngineWork.MAX_PARTICIPANTS);
    checkCount(call, r, body.get("signature_shares"), "/signature_shares", EngineWork.MAX_PARTICIPANTS);
    SigningPackage<E> pkg = r.signingPackage(body.get("signing_package"), "/signing_package");
    SortedMap<Identifier, SignatureShare> shares =
        r.identifierMap(body.get("signature_shares"), "/signature_shares", r::signatureShare);
    if (pkg != null) {
      checkSigners(r, key, pkg.signingCommitments().keySet(), "/signing_package/signing_commitments");
      if (pkg.signingCommitments().size() < key.keyPackage().minSigners()) {
        r.error("/signing_package/signing_commitments", "at least " + key.keyPackage().minSigners() + " signers are needed");
      }
    }
    if (pkg != null && shares != null) {
      FrostJson<E> json = frost.json();
      for (Identifier id : pkg.signingCommitments().keySet()) {
        if (!shares.containsKey(id)) {
          r.error(InvalidField.child("/signature_shares", json.identifier(id)), "is required: participant " + id + " signed");
        }
      }
      for (Identifier id : shares.keySet()) {
        if (!pkg.signingCommitments().containsKey(id)) {
          r.error(InvalidField.child("/signature_shares", json.identifier(id)), "participant " + id + " is not a signer of this package");
        }
      }
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    PublicKeyPackage<E> groupKeys =
        merkleRoot == null ? key.publicKeyPackage() : frost.suite().tweak(key.publicKeyPackage(), merkleRoot);
    Signature<E> signature =
        sc.engine(call, suite, () -> frost.signing().aggregate(pkg, shares, groupKeys));
    sc.metrics().aggregated(suite.ciphersuite());
    ObjectNode out = Json.object();
    out.put("signature", frost.json().signature(signature));
    return out;
  }

  // ---- taproot_merkle_root ----

  /** The optional member naming a BIP-341 script tree (FROST-secp256k1-SHA256-TR-v1 only). */
  static final String MERKLE_ROOT = "taproot_merkle_root";

  /**
   * The body's taproot_merkle_root: 32 bytes of hex, or null when absent. A suite without BIP-341
   * tweaks refuses the member, so a client cannot believe it signed for a script tree.
   */
  static <E> byte[] merkleRoot(PackageReader<E> r, KeyRecord<E> key, JsonNode body) {
    JsonNode node = body == null ? null : body.get(MERKLE_ROOT);
    if (node == null) {
      return null;
    }
    String pointer = "/" + MERKLE_ROOT;
    if (!key.suite().frost().suite().tweaks()) {
      r.error(pointer, "is only accepted by FROST-secp256k1-SHA256-TR-v1 keys, not " + key.suite().ciphersuite());
      return null;
    }
    byte[] root = r.hex(node, pointer);
    if (root != null && root.length != 32) {
      r.error(pointer, "must be 32 bytes (64 hex digits), not " + root.length);
      return null;
    }
    return root;
  }

  /** The server's key package for signing: as stored (key path), or tweaked with the merkle root. */
  private static <E> KeyPackage<E> tweaked(KeyRecord<E> key, byte[] merkleRoot) {
    KeyPackage<E> self = key.keyPackage();
    return merkleRoot == null ? self : key.suite().frost().suite().tweak(self, merkleRoot);
  }

  // ---- shared checks ----

  /**
   * The participant cap on a map of signers, checked before any element in it is decoded (a body
   * may hold far more entries than any key has participants).
   */
  private static <E> void checkCount(Call call, PackageReader<E> r, JsonNode map, String pointer, int max) {
    if (map != null && map.isObject() && map.size() > max) {
      r.error(pointer, "has " + map.size() + " entries; at most " + max + " are allowed ("
          + EngineWork.MAX_PARTICIPANTS + " participants at most)");
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
  }

  /** Every named signer must hold a share of this key. */
  private static <E> void checkSigners(PackageReader<E> r, KeyRecord<E> key, Collection<Identifier> ids, String pointer) {
    FrostJson<E> json = key.suite().frost().json();
    for (Identifier id : ids) {
      if (!key.publicKeyPackage().verifyingShares().containsKey(id)) {
        r.error(InvalidField.child(pointer, json.identifier(id)), "participant " + id + " holds no share of this key");
      }
    }
  }

  /** A signing package for round 2: known signers, enough of them, the server among them. */
  private static <E> void checkPackageSigners(PackageReader<E> r, KeyRecord<E> key, SigningPackage<E> pkg, String pointer) {
    Map<Identifier, SigningCommitments<E>> c = pkg.signingCommitments();
    checkSigners(r, key, c.keySet(), pointer);
    Identifier self = key.keyPackage().identifier();
    if (!c.containsKey(self)) {
      r.error(pointer, "has no commitment of the server (participant " + self + ")");
    }
    if (c.size() < key.keyPackage().minSigners()) {
      r.error(pointer, "at least " + key.keyPackage().minSigners() + " signers are needed");
    }
  }

  private static byte[] base64(Call call, String text, String pointer) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw SignerProblems.base64(call, pointer);
    }
  }
}
