package dev.frostsandbox.signer.keys;

import static dev.frostsandbox.signer.route.FaultPoint.AFTER_COMMIT;
import static dev.frostsandbox.signer.route.FaultPoint.DKG_ROUND_LOOKUP;
import static dev.frostsandbox.signer.route.FaultPoint.ENGINE;
import static dev.frostsandbox.signer.route.FaultPoint.KEY_LOOKUP;
import static dev.frostsandbox.signer.route.FaultPoint.STATE_DECODE;
import static dev.frostsandbox.signer.route.FaultPoint.STORE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.http.Answers;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.EngineWork;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.ApiRoutes;
import dev.frostsandbox.signer.route.Artefact;
import dev.frostsandbox.signer.service.DkgService.Round1Result;
import dev.frostsandbox.signer.service.DkgService.Round2Result;
import dev.frostsandbox.signer.service.KeyLifecycleService;
import dev.frostsandbox.signer.service.KeyLifecycleService.RefreshRound1Request;
import dev.frostsandbox.signer.service.KeyLifecycleService.RefreshRound2Request;
import dev.frostsandbox.signer.service.KeyLifecycleService.RepairPart1Request;
import dev.frostsandbox.signer.service.KeyLifecycleService.RepairPart1Result;
import dev.frostsandbox.signer.service.KeyLifecycleService.RepairPart2Request;
import dev.frostsandbox.signer.service.KeyLifecycleService.RepairPart2Result;
import dev.frostsandbox.signer.service.KeyLifecycleService.RepairPart3Request;
import dev.frostsandbox.signer.service.RequestScope;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.signer.state.RefreshRound;
import dev.frostsandbox.signer.state.RepairRound;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The key lifecycle endpoints (api.md, "Key lifecycle"): share refresh by DKG ({@code
 * keys/:keyid/refresh/round1|round2}, DKG's package shapes), repair with the server as a helper
 * ({@code keys/:keyid/repair/part1|part2}) and of the server's own share ({@code
 * keys/:keyid/repair/part3}), and, in sandbox mode, the admin operation that drops a key's share
 * ({@code POST /admin/keys/:keyid/drop-share}). Routes parse and render; {@link
 * KeyLifecycleService} does the rest. Refresh rounds have DKG's fault points and artefacts: the
 * fault headers and cosigner faults reach them as they reach DKG.
 */
public final class KeyLifecycleRoutes {

  public static final ApiRoute<Round1Result<?>> REFRESH_ROUND1 =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/keys",
          "/refresh/round1",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP, ENGINE, AFTER_COMMIT),
          // no DKG_PROOF: frost-core does not check a refresh's proof, so a bad one shows nothing
          Set.of(Artefact.DKG_SHARE, Artefact.ELEMENT));
  public static final ApiRoute<Round2Result<?>> REFRESH_ROUND2 =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/keys",
          "/refresh/round2",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP, DKG_ROUND_LOOKUP, ENGINE, AFTER_COMMIT),
          Set.of(Artefact.VERIFYING_KEY, Artefact.ELEMENT));
  public static final ApiRoute<RepairPart1Result<?>> REPAIR_PART1 =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/keys",
          "/repair/part1",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP, ENGINE, AFTER_COMMIT),
          Set.of());
  public static final ApiRoute<RepairPart2Result<?>> REPAIR_PART2 =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/keys",
          "/repair/part2",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP, DKG_ROUND_LOOKUP, ENGINE, AFTER_COMMIT),
          Set.of());
  public static final ApiRoute<KeyRecord<?>> REPAIR_PART3 =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/keys",
          "/repair/part3",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP, ENGINE, AFTER_COMMIT),
          Set.of(Artefact.VERIFYING_KEY, Artefact.ELEMENT));

  /**
   * Sandbox admin (faults enabled): mounted at {@code /admin}, outside the prefix and its fault
   * injector.
   */
  public static final ApiRoute<KeyRecord<?>> DROP_SHARE =
      ApiRoute.keyed(HttpMethod.POST, "/keys", "/drop-share", Set.of(), Set.of());

  private static final int MAX_PARTICIPANTS = EngineWork.MAX_PARTICIPANTS;

  private final SignerContext sc;
  private final KeyLifecycleService lifecycle;

  public KeyLifecycleRoutes(SignerContext sc, KeyLifecycleService lifecycle) {
    this.sc = sc;
    this.lifecycle = lifecycle;
  }

  public void addTo(ApiRoutes api, BodyHandler body) {
    String prefix = sc.definition().prefix();
    api.add(prefix, REFRESH_ROUND1)
        .consumes("application/json")
        .handler(body)
        .handler(this::refreshRound1);
    api.add(prefix, REFRESH_ROUND2)
        .consumes("application/json")
        .handler(body)
        .handler(this::refreshRound2);
    api.add(prefix, REPAIR_PART1)
        .consumes("application/json")
        .handler(body)
        .handler(this::repairPart1);
    api.add(prefix, REPAIR_PART2)
        .consumes("application/json")
        .handler(body)
        .handler(this::repairPart2);
    api.add(prefix, REPAIR_PART3)
        .consumes("application/json")
        .handler(body)
        .handler(this::repairPart3);
  }

  /**
   * The sandbox admin operation, on the root (the caller guards /admin/* with the tenant check).
   */
  public void addAdminTo(Router root) {
    root.route(DROP_SHARE.method(), "/admin" + DROP_SHARE.template()).handler(this::dropShare);
  }

  // ---- refresh ----

  private void refreshRound1(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, REFRESH_ROUND1);
    Buffer body = EngineWork.body(ctx);
    Future<Round1Result<?>> result =
        lifecycle.refreshRound1(
            s, key -> parseRefresh1(s.call(), key, Json.bodyObject(body, s.call())));
    Answers.send(
        ctx, s, REFRESH_ROUND1, 201, result, r -> s.worker().run(() -> renderRound1(s.call(), r)));
  }

  private static <E> ObjectNode renderRound1(Call call, Round1Result<E> result) {
    FrostJson<E> json = result.request().suite().frost().json();
    ObjectNode out = Json.object();
    out.put("keyid", call.keyid());
    out.put("ciphersuite", result.request().suite().ciphersuite());
    out.put("identifier", json.identifier(result.request().serverId()));
    out.set("round1_package", json.round1Package(result.part1().package_()));
    out.set("round2_packages", json.identifierMap(result.part2().packages(), json::round2Package));
    return out;
  }

  private static <E> RefreshRound1Request<E> parseRefresh1(
      Call call, KeyRecord<E> key, JsonNode body) {
    FrostJson<E> json = key.suite().frost().json();
    PackageReader<E> r = json.reader();
    r.object(body, "", Set.of(), Set.of("round1_package", "round1_packages"));
    Identifier self = key.keyPackage().identifier();
    Set<Identifier> group = key.publicKeyPackage().verifyingShares().keySet();
    int min = key.keyPackage().minSigners();
    SortedMap<Identifier, Round1Package<E>> peers = null;
    String pointer;
    if (body.has("round1_package") && !body.has("round1_packages")) {
      pointer = "/round1_package";
      Round1Package<E> p = r.round1Package(body.get("round1_package"), pointer);
      TreeSet<Identifier> others = new TreeSet<>(group);
      others.remove(self);
      if (others.size() != 1) {
        r.error(
            pointer, "this key has " + others.size() + " other participants: send round1_packages");
      } else if (p != null) {
        peers = new TreeMap<>(Map.of(others.first(), p));
      }
    } else if (body.has("round1_packages") && !body.has("round1_package")) {
      pointer = "/round1_packages";
      JsonNode packages = body.get("round1_packages");
      if (packages.isObject() && packages.size() > MAX_PARTICIPANTS - 1) {
        r.error(
            pointer,
            "has "
                + packages.size()
                + " packages; at most "
                + (MAX_PARTICIPANTS - 1)
                + " are allowed");
        throw SignerProblems.jsonInvalid(call, r.errors());
      }
      peers = r.identifierMap(packages, pointer, r::round1Package);
    } else {
      r.error("/round1_package", "send either round1_package (2-of-2) or round1_packages");
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    if (peers != null) {
      for (Map.Entry<Identifier, Round1Package<E>> p : peers.entrySet()) {
        String at =
            pointer.equals("/round1_package")
                ? pointer
                : InvalidField.child(pointer, json.identifier(p.getKey()));
        if (p.getKey().equals(self)) {
          r.error(at, "is the server's identifier: send the other participants' packages");
        } else if (!group.contains(p.getKey())) {
          r.error(at, "participant " + p.getKey() + " is not in this key's group");
        }
        if (p.getValue().commitment().size() != min - 1) {
          r.error(
              at + "/commitment",
              "has "
                  + p.getValue().commitment().size()
                  + " coefficients; a refresh of a key with min_signers "
                  + min
                  + " commits to "
                  + (min - 1)
                  + " (the constant term is left out)");
        }
      }
      if (peers.size() + 1 < min) {
        r.error(
            pointer,
            (peers.size() + 1)
                + " participants would refresh (the server included); at least min_signers ("
                + min
                + ") must");
      }
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new RefreshRound1Request<>(key, peers);
  }

  private void refreshRound2(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, REFRESH_ROUND2);
    Buffer body = EngineWork.body(ctx);
    Future<Round2Result<?>> result =
        lifecycle.refreshRound2(
            s,
            (key, round) -> parseRefresh2(s.call(), key, round, Json.bodyObject(body, s.call())));
    Answers.send(
        ctx, s, REFRESH_ROUND2, 200, result, r -> s.worker().run(() -> renderRound2(s.call(), r)));
  }

  private static <E> ObjectNode renderRound2(Call call, Round2Result<E> result) {
    FrostJson<E> json = result.key().suite().frost().json();
    ObjectNode out = Json.object();
    out.put("keyid", call.keyid());
    out.put("ciphersuite", result.key().suite().ciphersuite());
    out.put("verifying_key", json.element(result.key().publicKeyPackage().verifyingKey()));
    out.set("public_key_package", json.publicKeyPackage(result.key().publicKeyPackage()));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <E> RefreshRound2Request<E> parseRefresh2(
      Call call, KeyRecord<E> key, RefreshRound<?> anyRound, JsonNode body) {
    RefreshRound<E> round = (RefreshRound<E>) anyRound;
    FrostJson<E> json = key.suite().frost().json();
    PackageReader<E> r = json.reader();
    r.object(body, "", Set.of(), Set.of("round2_package", "round2_packages"));
    SortedMap<Identifier, Round2Package> received = null;
    if (body.has("round2_package") && !body.has("round2_packages")) {
      Round2Package p = r.round2Package(body.get("round2_package"), "/round2_package");
      if (round.peers().size() != 1) {
        r.error(
            "/round2_package",
            "this refresh has "
                + round.peers().size()
                + " other participants: send round2_packages");
      } else if (p != null) {
        received = new TreeMap<>(Map.of(round.peers().firstKey(), p));
      }
    } else if (body.has("round2_packages") && !body.has("round2_package")) {
      received = r.identifierMap(body.get("round2_packages"), "/round2_packages", r::round2Package);
      if (received != null) {
        for (Identifier id : round.peers().keySet()) {
          if (!received.containsKey(id)) {
            r.error(
                InvalidField.child("/round2_packages", json.identifier(id)),
                "is required: participant " + id + " is in this refresh");
          }
        }
        for (Identifier id : received.keySet()) {
          if (!round.peers().containsKey(id)) {
            r.error(
                InvalidField.child("/round2_packages", json.identifier(id)),
                "participant " + id + " is not in this refresh");
          }
        }
      }
    } else {
      r.error("/round2_package", "send either round2_package (2-of-2) or round2_packages");
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new RefreshRound2Request<>(key, round, received);
  }

  // ---- repair: the server as a helper ----

  private void repairPart1(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, REPAIR_PART1);
    Buffer body = EngineWork.body(ctx);
    Future<RepairPart1Result<?>> result =
        lifecycle.repairPart1(
            s, key -> parseRepair1(s.call(), key, Json.bodyObject(body, s.call())));
    Answers.send(
        ctx, s, REPAIR_PART1, 201, result, r -> Future.succeededFuture(renderPart1(s.call(), r)));
  }

  private static <E> ObjectNode renderPart1(Call call, RepairPart1Result<E> result) {
    FrostJson<E> json = result.key().suite().frost().json();
    ObjectNode out = Json.object();
    out.put("keyid", call.keyid());
    out.put("ciphersuite", result.key().suite().ciphersuite());
    out.put("identifier", json.identifier(result.key().keyPackage().identifier()));
    out.put("participant", json.identifier(result.participant()));
    out.set("deltas", json.deltas(result.deltas()));
    return out;
  }

  private static <E> RepairPart1Request<E> parseRepair1(
      Call call, KeyRecord<E> key, JsonNode body) {
    FrostJson<E> json = key.suite().frost().json();
    PackageReader<E> r = json.reader();
    r.object(body, "", Set.of("helpers", "participant"), Set.of());
    Identifier self = key.keyPackage().identifier();
    Set<Identifier> group = key.publicKeyPackage().verifyingShares().keySet();
    int min = key.keyPackage().minSigners();
    SortedSet<Identifier> helpers = new TreeSet<>();
    JsonNode list = body.get("helpers");
    if (list != null && (!list.isArray() || list.size() > MAX_PARTICIPANTS)) {
      r.error("/helpers", "must be an array of at most " + MAX_PARTICIPANTS + " identifiers");
    } else if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        String at = InvalidField.child("/helpers", i);
        Identifier id = r.identifier(list.get(i), at);
        if (id == null) {
          continue;
        }
        if (!helpers.add(id)) {
          r.error(at, "duplicated identifier");
        } else if (!group.contains(id)) {
          r.error(at, "participant " + id + " is not in this key's group");
        }
      }
      if (!r.hasErrors()) {
        if (!helpers.contains(self)) {
          r.error("/helpers", "must include the server (" + json.identifier(self) + "): it helps");
        }
        if (helpers.size() < min) {
          r.error(
              "/helpers",
              "has " + helpers.size() + " helpers; at least min_signers (" + min + ") are needed");
        }
      }
    }
    Identifier participant =
        body.has("participant") ? r.identifier(body.get("participant"), "/participant") : null;
    if (participant != null) {
      if (!group.contains(participant)) {
        r.error("/participant", "participant " + participant + " is not in this key's group");
      } else if (helpers.contains(participant)) {
        r.error("/participant", "the participant being repaired cannot be one of its helpers");
      }
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new RepairPart1Request<>(key, helpers, participant);
  }

  private void repairPart2(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, REPAIR_PART2);
    Buffer body = EngineWork.body(ctx);
    Future<RepairPart2Result<?>> result =
        lifecycle.repairPart2(
            s, (key, round) -> parseRepair2(s.call(), key, round, Json.bodyObject(body, s.call())));
    Answers.send(
        ctx, s, REPAIR_PART2, 200, result, r -> Future.succeededFuture(renderPart2(s.call(), r)));
  }

  private static <E> ObjectNode renderPart2(Call call, RepairPart2Result<E> result) {
    FrostJson<E> json = result.key().suite().frost().json();
    ObjectNode out = Json.object();
    out.put("keyid", call.keyid());
    out.put("ciphersuite", result.key().suite().ciphersuite());
    out.put("identifier", json.identifier(result.key().keyPackage().identifier()));
    out.put("participant", json.identifier(result.participant()));
    out.set("sigma", json.sigma(result.sigma()));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <E> RepairPart2Request<E> parseRepair2(
      Call call, KeyRecord<E> key, RepairRound<?> anyRound, JsonNode body) {
    RepairRound<E> round = (RepairRound<E>) anyRound;
    FrostJson<E> json = key.suite().frost().json();
    PackageReader<E> r = json.reader();
    r.object(body, "", Set.of("deltas"), Set.of());
    SortedMap<Identifier, dev.frostsandbox.frost.keys.Delta> received =
        body.has("deltas") ? r.identifierMap(body.get("deltas"), "/deltas", r::delta) : null;
    if (received != null) {
      Identifier self = key.keyPackage().identifier();
      for (Identifier id : round.helpers()) {
        if (!id.equals(self) && !received.containsKey(id)) {
          r.error(
              InvalidField.child("/deltas", json.identifier(id)),
              "is required: helper " + id + " is in this repair");
        }
      }
      for (Identifier id : received.keySet()) {
        if (id.equals(self) || !round.helpers().contains(id)) {
          r.error(
              InvalidField.child("/deltas", json.identifier(id)),
              id.equals(self)
                  ? "the server's delta to itself stays server-side"
                  : "participant " + id + " is not a helper of this repair");
        }
      }
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new RepairPart2Request<>(key, round, received);
  }

  // ---- repair: the server's own share ----

  private void repairPart3(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, REPAIR_PART3);
    Buffer body = EngineWork.body(ctx);
    Future<KeyRecord<?>> result =
        lifecycle.repairPart3(
            s, key -> parseRepair3(s.call(), key, Json.bodyObject(body, s.call())));
    Answers.send(
        ctx,
        s,
        REPAIR_PART3,
        200,
        result,
        key -> Future.succeededFuture(KeyRoutes.describe(s.call(), key)));
  }

  private static <E> RepairPart3Request<E> parseRepair3(
      Call call, KeyRecord<E> key, JsonNode body) {
    FrostJson<E> json = key.suite().frost().json();
    PackageReader<E> r = json.reader();
    r.object(body, "", Set.of("sigmas"), Set.of());
    JsonNode sigmasNode = body.get("sigmas");
    if (sigmasNode != null && sigmasNode.isObject() && sigmasNode.size() > MAX_PARTICIPANTS) {
      r.error(
          "/sigmas",
          "has " + sigmasNode.size() + " sigmas; at most " + MAX_PARTICIPANTS + " are allowed");
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    SortedMap<Identifier, dev.frostsandbox.frost.keys.Sigma> sigmas =
        sigmasNode != null ? r.identifierMap(sigmasNode, "/sigmas", r::sigma) : null;
    if (sigmas != null) {
      Identifier self = key.keyPackage().identifier();
      Set<Identifier> group = key.publicKeyPackage().verifyingShares().keySet();
      for (Identifier id : sigmas.keySet()) {
        if (id.equals(self) || !group.contains(id)) {
          r.error(
              InvalidField.child("/sigmas", json.identifier(id)),
              id.equals(self)
                  ? "the server is the participant being repaired, not a helper"
                  : "participant " + id + " is not in this key's group");
        }
      }
      int min = key.keyPackage().minSigners();
      if (sigmas.size() < min) {
        r.error(
            "/sigmas",
            "has "
                + sigmas.size()
                + " sigmas; one from each of at least min_signers ("
                + min
                + ") helpers is needed");
      }
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new RepairPart3Request<>(key, sigmas);
  }

  // ---- sandbox admin ----

  private void dropShare(RoutingContext ctx) {
    Call checked = sc.call(ctx, DROP_SHARE.path()); // the keyid checked as on the API
    RequestScope s =
        sc.scope(ctx, new Call(checked.tenant(), checked.keyid(), "/admin" + DROP_SHARE.path()));
    lifecycle
        .dropShare(s)
        .compose(key -> Json.send(ctx, 200, KeyRoutes.describe(s.call(), key)))
        .onFailure(ctx::fail);
  }
}
