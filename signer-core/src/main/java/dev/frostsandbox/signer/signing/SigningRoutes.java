package dev.frostsandbox.signer.signing;

import static dev.frostsandbox.signer.route.FaultPoint.AFTER_COMMIT;
import static dev.frostsandbox.signer.route.FaultPoint.ENGINE;
import static dev.frostsandbox.signer.route.FaultPoint.KEY_LOOKUP;
import static dev.frostsandbox.signer.route.FaultPoint.SIGNING_ROUND_LOOKUP;
import static dev.frostsandbox.signer.route.FaultPoint.STATE_DECODE;
import static dev.frostsandbox.signer.route.FaultPoint.STORE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.http.Answers;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.EngineWork;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.ApiRoutes;
import dev.frostsandbox.signer.route.Artefact;
import dev.frostsandbox.signer.service.RequestScope;
import dev.frostsandbox.signer.service.SigningService;
import dev.frostsandbox.signer.service.SigningService.AggregateRequest;
import dev.frostsandbox.signer.service.SigningService.AggregateResult;
import dev.frostsandbox.signer.service.SigningService.Round1Result;
import dev.frostsandbox.signer.service.SigningService.Round2Request;
import dev.frostsandbox.signer.service.SigningService.Round2Result;
import dev.frostsandbox.signer.service.SigningService.SignRequest;
import dev.frostsandbox.signer.service.SigningService.SignResult;
import dev.frostsandbox.signer.state.KeyRecord;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The signing endpoints: {@code sign} (one round trip), {@code sign/round1} and {@code sign/round2}
 * (two rounds), and the coordinator's {@code aggregate}. Routes parse (PackageReader) and render
 * (FrostJson); {@link SigningService} does the rest.
 */
public final class SigningRoutes {

  public static final ApiRoute<SignResult<?>> SIGN =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/sign",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP, ENGINE, AFTER_COMMIT),
          Set.of(Artefact.SIGNATURE_SHARE, Artefact.SIGNING_COMMITMENT, Artefact.ELEMENT));
  // round 1 commits outside the engine: no engine failure point
  public static final ApiRoute<Round1Result<?>> ROUND1 =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/sign/round1",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP, AFTER_COMMIT),
          Set.of(Artefact.SIGNING_COMMITMENT, Artefact.ELEMENT));
  public static final ApiRoute<Round2Result<?>> ROUND2 =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/sign/round2",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP, SIGNING_ROUND_LOOKUP, ENGINE, AFTER_COMMIT),
          // a scalar only: no element an invalid-element fault could replace
          Set.of(Artefact.SIGNATURE_SHARE));
  public static final ApiRoute<AggregateResult<?>> AGGREGATE =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/aggregate",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP, ENGINE, AFTER_COMMIT),
          Set.of(Artefact.ELEMENT));

  private final SignerContext sc;
  private final SigningService signing;

  public SigningRoutes(SignerContext sc, SigningService signing) {
    this.sc = sc;
    this.signing = signing;
  }

  /** Registers the signing endpoints under the service prefix, in this order. */
  public void addTo(ApiRoutes api, BodyHandler body) {
    String prefix = sc.definition().prefix();
    api.add(prefix, ROUND1).handler(this::round1);
    api.add(prefix, ROUND2).consumes("application/json").handler(body).handler(this::round2);
    api.add(prefix, SIGN).consumes("application/json").handler(body).handler(this::sign);
    api.add(prefix, AGGREGATE).consumes("application/json").handler(body).handler(this::aggregate);
  }

  /** The body as a JSON object, parsed inline for a small body and on a worker for a large one. */
  private static Future<JsonNode> body(RoutingContext ctx, RequestScope s) {
    Buffer buffer = EngineWork.body(ctx);
    return s.work().run(() -> Json.bodyObject(buffer, s.call()));
  }

  // ---- one round trip ----

  private void sign(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, SIGN);
    Future<SignResult<?>> result =
        body(ctx, s).compose(b -> signing.sign(s, key -> parseSign(s.call(), key, b)));
    Answers.send(ctx, s, SIGN, 200, result, r -> s.work().run(() -> render(r)));
  }

  private <E> SignRequest<E> parseSign(Call call, KeyRecord<E> key, JsonNode body) {
    Frost<E> frost = key.suite().frost();
    KeyPackage<E> self = key.keyPackage();
    PackageReader<E> r = frost.json().reader();
    r.object(body, "", Set.of("message", "signing_commitments"), Set.of(MERKLE_ROOT));
    byte[] merkleRoot = merkleRoot(r, key, body);
    checkCount(
        call,
        r,
        body.get("signing_commitments"),
        "/signing_commitments",
        EngineWork.MAX_PARTICIPANTS - 1);
    JsonNode message = body.get("message");
    if (message != null && !message.isTextual()) {
      r.error("/message", "must be a base64 string");
    }
    SortedMap<Identifier, SigningCommitments<E>> others =
        r.identifierMap(
            body.get("signing_commitments"), "/signing_commitments", r::signingCommitments);
    if (others != null) {
      checkSigners(r, key, others.keySet(), "/signing_commitments");
      if (others.containsKey(self.identifier())) {
        r.error(
            InvalidField.child("/signing_commitments", frost.json().identifier(self.identifier())),
            "is the server's identifier: send the other signers' commitments");
      }
      if (others.size() + 1 < self.minSigners()) {
        r.error(
            "/signing_commitments",
            "at least " + (self.minSigners() - 1) + " other signers are needed");
      }
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new SignRequest<>(key, others, base64(call, message.asText(), "/message"), merkleRoot);
  }

  private static <E> ObjectNode render(SignResult<E> result) {
    FrostJson<E> json = result.key().suite().frost().json();
    ObjectNode out = Json.object();
    out.put("identifier", json.identifier(result.key().keyPackage().identifier()));
    out.set("signing_commitments", json.signingCommitments(result.commitments()));
    out.set("signature_share", json.signatureShare(result.share()));
    return out;
  }

  // ---- two rounds ----

  private void round1(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, ROUND1);
    Answers.send(ctx, s, ROUND1, 201, signing.round1(s), r -> Future.succeededFuture(render(r)));
  }

  private static <E> ObjectNode render(Round1Result<E> result) {
    FrostJson<E> json = result.key().suite().frost().json();
    ObjectNode out = Json.object();
    out.put("identifier", json.identifier(result.key().keyPackage().identifier()));
    out.set("signing_commitments", json.signingCommitments(result.commitments()));
    return out;
  }

  private void round2(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, ROUND2);
    Future<Round2Result<?>> result =
        body(ctx, s).compose(b -> signing.round2(s, key -> parseRound2(s.call(), key, b)));
    Answers.send(ctx, s, ROUND2, 200, result, r -> Future.succeededFuture(render(r)));
  }

  private <E> Round2Request<E> parseRound2(Call call, KeyRecord<E> key, JsonNode body) {
    PackageReader<E> r = key.suite().frost().json().reader();
    r.object(body, "", Set.of("signing_package"), Set.of(MERKLE_ROOT));
    byte[] merkleRoot = merkleRoot(r, key, body);
    checkCount(
        call,
        r,
        body.path("signing_package").get("signing_commitments"),
        "/signing_package/signing_commitments",
        EngineWork.MAX_PARTICIPANTS);
    SigningPackage<E> pkg = r.signingPackage(body.get("signing_package"), "/signing_package");
    if (pkg != null) {
      checkPackageSigners(r, key, pkg, "/signing_package/signing_commitments");
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new Round2Request<>(key, pkg, merkleRoot);
  }

  private static <E> ObjectNode render(Round2Result<E> result) {
    ObjectNode out = Json.object();
    out.set("signature_share", result.key().suite().frost().json().signatureShare(result.share()));
    return out;
  }

  // ---- aggregate ----

  private void aggregate(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, AGGREGATE);
    Future<AggregateResult<?>> result =
        body(ctx, s).compose(b -> signing.aggregate(s, key -> parseAggregate(s.call(), key, b)));
    Answers.send(ctx, s, AGGREGATE, 200, result, r -> Future.succeededFuture(render(r)));
  }

  private <E> AggregateRequest<E> parseAggregate(Call call, KeyRecord<E> key, JsonNode body) {
    Frost<E> frost = key.suite().frost();
    PackageReader<E> r = frost.json().reader();
    r.object(body, "", Set.of("signing_package", "signature_shares"), Set.of(MERKLE_ROOT));
    byte[] merkleRoot = merkleRoot(r, key, body);
    checkCount(
        call,
        r,
        body.path("signing_package").get("signing_commitments"),
        "/signing_package/signing_commitments",
        EngineWork.MAX_PARTICIPANTS);
    checkCount(
        call, r, body.get("signature_shares"), "/signature_shares", EngineWork.MAX_PARTICIPANTS);
    SigningPackage<E> pkg = r.signingPackage(body.get("signing_package"), "/signing_package");
    SortedMap<Identifier, SignatureShare> shares =
        r.identifierMap(body.get("signature_shares"), "/signature_shares", r::signatureShare);
    if (pkg != null) {
      checkSigners(
          r, key, pkg.signingCommitments().keySet(), "/signing_package/signing_commitments");
      if (pkg.signingCommitments().size() < key.keyPackage().minSigners()) {
        r.error(
            "/signing_package/signing_commitments",
            "at least " + key.keyPackage().minSigners() + " signers are needed");
      }
    }
    if (pkg != null && shares != null) {
      FrostJson<E> json = frost.json();
      for (Identifier id : pkg.signingCommitments().keySet()) {
        if (!shares.containsKey(id)) {
          r.error(
              InvalidField.child("/signature_shares", json.identifier(id)),
              "is required: participant " + id + " signed");
        }
      }
      for (Identifier id : shares.keySet()) {
        if (!pkg.signingCommitments().containsKey(id)) {
          r.error(
              InvalidField.child("/signature_shares", json.identifier(id)),
              "participant " + id + " is not a signer of this package");
        }
      }
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new AggregateRequest<>(key, pkg, shares, merkleRoot);
  }

  private static <E> ObjectNode render(AggregateResult<E> result) {
    ObjectNode out = Json.object();
    out.put("signature", result.key().suite().frost().json().signature(result.signature()));
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
      r.error(
          pointer,
          "is only accepted by FROST-secp256k1-SHA256-TR-v1 keys, not "
              + key.suite().ciphersuite());
      return null;
    }
    byte[] root = r.hex(node, pointer);
    if (root != null && root.length != 32) {
      r.error(pointer, "must be 32 bytes (64 hex digits), not " + root.length);
      return null;
    }
    return root;
  }

  // ---- shared checks ----

  /**
   * The participant cap on a map of signers, checked before any element in it is decoded (a body
   * may hold far more entries than any key has participants).
   */
  private static <E> void checkCount(
      Call call, PackageReader<E> r, JsonNode map, String pointer, int max) {
    if (map != null && map.isObject() && map.size() > max) {
      r.error(
          pointer,
          "has "
              + map.size()
              + " entries; at most "
              + max
              + " are allowed ("
              + EngineWork.MAX_PARTICIPANTS
              + " participants at most)");
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
  }

  /** Every named signer must hold a share of this key. */
  private static <E> void checkSigners(
      PackageReader<E> r, KeyRecord<E> key, Collection<Identifier> ids, String pointer) {
    FrostJson<E> json = key.suite().frost().json();
    for (Identifier id : ids) {
      if (!key.publicKeyPackage().verifyingShares().containsKey(id)) {
        r.error(
            InvalidField.child(pointer, json.identifier(id)),
            "participant " + id + " holds no share of this key");
      }
    }
  }

  /** A signing package for round 2: known signers, enough of them, the server among them. */
  private static <E> void checkPackageSigners(
      PackageReader<E> r, KeyRecord<E> key, SigningPackage<E> pkg, String pointer) {
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
