package dev.frostsandbox.signer.dkg;

import static dev.frostsandbox.signer.route.FaultPoint.AFTER_COMMIT;
import static dev.frostsandbox.signer.route.FaultPoint.DKG_ROUND_LOOKUP;
import static dev.frostsandbox.signer.route.FaultPoint.ENGINE;
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
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Answers;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.EngineWork;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.ApiRoutes;
import dev.frostsandbox.signer.route.Artefact;
import dev.frostsandbox.signer.service.DkgService;
import dev.frostsandbox.signer.service.DkgService.Round1Request;
import dev.frostsandbox.signer.service.DkgService.Round1Result;
import dev.frostsandbox.signer.service.DkgService.Round2Request;
import dev.frostsandbox.signer.service.DkgService.Round2Result;
import dev.frostsandbox.signer.service.RequestScope;
import dev.frostsandbox.signer.state.DkgRound;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * DKG with the server as one participant (api.md): round 1 takes the client's round-1 packages and
 * answers with the server's round-1 package and its round-2 packages (frost-core part1 and part2);
 * round 2 takes the client's round-2 packages, runs part3 and stores the key. Routes parse and
 * render, on a worker ({@link RequestScope#worker()}): decoding up to MAX_PARTICIPANTS - 1 packages
 * and encoding the answers would stall an event loop; {@link DkgService} does the rest.
 */
public final class DkgRoutes {

  public static final ApiRoute<Round1Result<?>> ROUND1 =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/dkg/round1",
          Set.of(STORE, ENGINE, AFTER_COMMIT),
          Set.of(Artefact.DKG_PROOF, Artefact.DKG_SHARE, Artefact.ELEMENT));
  public static final ApiRoute<Round2Result<?>> ROUND2 =
      ApiRoute.keyed(
          HttpMethod.POST,
          "/dkg/round2",
          Set.of(STORE, STATE_DECODE, DKG_ROUND_LOOKUP, ENGINE, AFTER_COMMIT),
          Set.of(Artefact.VERIFYING_KEY, Artefact.ELEMENT));

  private static final int MAX_PARTICIPANTS = EngineWork.MAX_PARTICIPANTS;

  private static final Set<String> ROUND1_FIELDS =
      Set.of("round1_package", "round1_packages", "min_signers", "max_signers", "identifier");
  private static final Set<String> ROUND2_FIELDS = Set.of("round2_package", "round2_packages");

  private final SignerContext sc;
  private final DkgService dkg;

  public DkgRoutes(SignerContext sc, DkgService dkg) {
    this.sc = sc;
    this.dkg = dkg;
  }

  public void addTo(ApiRoutes api, BodyHandler body) {
    String prefix = sc.definition().prefix();
    api.add(prefix, ROUND1).consumes("application/json").handler(body).handler(this::round1);
    api.add(prefix, ROUND2).consumes("application/json").handler(body).handler(this::round2);
  }

  // ---- round 1 ----

  private void round1(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, ROUND1);
    Buffer body = EngineWork.body(ctx);
    Future<Round1Result<?>> result =
        s.worker()
            .<Round1Request<?>>run(
                () -> {
                  JsonNode json = Json.bodyObject(body, s.call());
                  return parseRound1(s.call(), suiteOf(s.call(), json), json);
                })
            .compose(req -> dkg.round1(s, req));
    // encoding the server's commitment costs an inversion per element: on the worker too
    Answers.send(ctx, s, ROUND1, 201, result, r -> s.worker().run(() -> render(s.call(), r)));
  }

  private static <E> ObjectNode render(Call call, Round1Result<E> result) {
    FrostJson<E> json = result.request().suite().frost().json();
    ObjectNode out = Json.object();
    out.put("keyid", call.keyid());
    out.put("ciphersuite", result.request().suite().ciphersuite());
    out.put("identifier", json.identifier(result.request().serverId()));
    out.set("round1_package", json.round1Package(result.part1().package_()));
    out.set("round2_packages", json.identifierMap(result.part2().packages(), json::round2Package));
    return out;
  }

  /** The ciphersuite named by the header of the first round-1 package. */
  private SuiteBinding<?> suiteOf(Call call, JsonNode body) {
    String pointer;
    JsonNode header;
    if (body.has("round1_package")) {
      pointer = "/round1_package/header/ciphersuite";
      header = body.get("round1_package").path("header").path("ciphersuite");
    } else if (body.path("round1_packages").isObject() && !body.get("round1_packages").isEmpty()) {
      Map.Entry<String, JsonNode> first = body.get("round1_packages").fields().next();
      pointer = InvalidField.child("/round1_packages", first.getKey()) + "/header/ciphersuite";
      header = first.getValue().path("header").path("ciphersuite");
    } else {
      throw SignerProblems.jsonInvalid(
          call,
          List.of(
              new InvalidField(
                  "/round1_package",
                  "round1_package or a non-empty round1_packages object is required")));
    }
    if (!header.isTextual()) {
      throw SignerProblems.jsonInvalid(call, List.of(new InvalidField(pointer, "is required")));
    }
    return sc.definition()
        .suite(header.asText())
        .orElseThrow(
            () ->
                SignerProblems.jsonInvalid(
                    call,
                    List.of(
                        new InvalidField(
                            pointer,
                            "unsupported ciphersuite; this service offers "
                                + String.join(", ", sc.definition().ciphersuites())))));
  }

  private <E> Round1Request<E> parseRound1(Call call, SuiteBinding<E> suite, JsonNode body) {
    PackageReader<E> r = suite.frost().json().reader();
    r.object(body, "", Set.of(), ROUND1_FIELDS);
    boolean shorthand = body.has("round1_package");
    if (shorthand && body.has("round1_packages")) {
      r.error(
          "/round1_packages", "send either round1_package (2-of-2) or round1_packages, not both");
    }
    checkSizes(call, r, body);
    Integer min =
        body.has("min_signers")
            ? r.integer(body.get("min_signers"), "/min_signers", 2, MAX_PARTICIPANTS)
            : null;
    Integer max =
        body.has("max_signers")
            ? r.integer(body.get("max_signers"), "/max_signers", 2, MAX_PARTICIPANTS)
            : null;
    SortedMap<Identifier, Round1Package<E>> peers;
    if (shorthand) {
      Round1Package<E> p = r.round1Package(body.get("round1_package"), "/round1_package");
      peers = new TreeMap<>();
      if (p != null) {
        peers.put(Identifier.of(1), p);
      }
      if (min != null && min != 2) {
        r.error(
            "/min_signers",
            "round1_package is the 2-of-2 shorthand; use round1_packages for t-of-n");
      }
      if (max != null && max != 2) {
        r.error(
            "/max_signers",
            "round1_package is the 2-of-2 shorthand; use round1_packages for t-of-n");
      }
      min = 2;
      max = 2;
    } else {
      peers = r.identifierMap(body.get("round1_packages"), "/round1_packages", r::round1Package);
      if (peers != null && peers.isEmpty()) {
        r.error("/round1_packages", "at least one round-1 package is required");
      }
      if (peers != null && !peers.isEmpty()) {
        if (max == null) {
          max = peers.size() + 1;
        } else if (max != peers.size() + 1) {
          r.error(
              "/round1_packages",
              "max_signers is "
                  + max
                  + ", so "
                  + (max - 1)
                  + " packages are expected, not "
                  + peers.size());
        }
        if (min == null) {
          min = peers.values().iterator().next().commitment().size();
        }
        for (Map.Entry<Identifier, Round1Package<E>> p : peers.entrySet()) {
          if (p.getValue().commitment().size() != min) {
            r.error(
                InvalidField.child("/round1_packages", suite.frost().json().identifier(p.getKey()))
                    + "/commitment",
                "has " + p.getValue().commitment().size() + " coefficients; min_signers is " + min);
          }
        }
      }
    }
    if (min != null && max != null && min > max) {
      r.error("/min_signers", "must not exceed max_signers");
    }
    Identifier serverId = null;
    if (body.has("identifier")) {
      serverId = r.identifier(body.get("identifier"), "/identifier");
    } else if (peers != null) {
      // the lowest identifier the client does not use: 2 in the 2-of-2 default
      for (long i = 1; serverId == null; i++) {
        if (!peers.containsKey(Identifier.of(i))) {
          serverId = Identifier.of(i);
        }
      }
    }
    if (serverId != null && peers != null && peers.containsKey(serverId)) {
      r.error(
          body.has("identifier") ? "/identifier" : "/round1_package",
          "the server's identifier is also a client's");
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new Round1Request<>(suite, serverId, min, max, peers);
  }

  /**
   * The participant cap, checked on the JSON before any element is decoded: at most
   * MAX_PARTICIPANTS - 1 client packages, each committing to at most MAX_PARTICIPANTS coefficients.
   */
  private static <E> void checkSizes(Call call, PackageReader<E> r, JsonNode body) {
    int before = r.errors().size();
    JsonNode packages = body.get("round1_packages");
    if (packages != null && packages.isObject()) {
      if (packages.size() > MAX_PARTICIPANTS - 1) {
        r.error(
            "/round1_packages",
            "has "
                + packages.size()
                + " packages; at most "
                + (MAX_PARTICIPANTS - 1)
                + " are allowed (max_signers is at most "
                + MAX_PARTICIPANTS
                + ")");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        checkCommitmentSize(r, p.getValue(), InvalidField.child("/round1_packages", p.getKey()));
      }
    }
    JsonNode single = body.get("round1_package");
    if (single != null) {
      checkCommitmentSize(r, single, "/round1_package");
    }
    if (r.errors().size() > before) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
  }

  private static <E> void checkCommitmentSize(
      PackageReader<E> r, JsonNode package_, String pointer) {
    JsonNode commitment = package_.path("commitment");
    if (commitment.isArray() && commitment.size() > MAX_PARTICIPANTS) {
      r.error(
          pointer + "/commitment",
          "has "
              + commitment.size()
              + " coefficients; at most "
              + MAX_PARTICIPANTS
              + " are allowed (min_signers is at most "
              + MAX_PARTICIPANTS
              + ")");
    }
  }

  // ---- round 2 ----

  private void round2(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, ROUND2);
    Buffer body = EngineWork.body(ctx);
    Future<Round2Result<?>> result =
        s.worker()
            .run(() -> Json.bodyObject(body, s.call()))
            .compose(json -> dkg.round2(s, round -> parseRound2(s.call(), round, json)));
    // each verifying share costs an inversion to encode: on the worker too
    Answers.send(ctx, s, ROUND2, 201, result, r -> s.worker().run(() -> render(s.call(), r)));
  }

  private static <E> ObjectNode render(Call call, Round2Result<E> result) {
    FrostJson<E> json = result.key().suite().frost().json();
    ObjectNode out = Json.object();
    out.put("keyid", call.keyid());
    out.put("ciphersuite", result.key().suite().ciphersuite());
    out.put("verifying_key", json.element(result.key().publicKeyPackage().verifyingKey()));
    out.set("public_key_package", json.publicKeyPackage(result.key().publicKeyPackage()));
    return out;
  }

  private <E> Round2Request<E> parseRound2(Call call, DkgRound<E> round, JsonNode body) {
    PackageReader<E> r = round.suite().frost().json().reader();
    r.object(body, "", Set.of(), ROUND2_FIELDS);
    SortedMap<Identifier, Round2Package> received = null;
    String pointer;
    if (body.has("round2_package") && !body.has("round2_packages")) {
      pointer = "/round2_package";
      Round2Package p = r.round2Package(body.get("round2_package"), pointer);
      if (round.peers().size() != 1) {
        r.error(
            pointer,
            "this DKG has " + round.peers().size() + " other participants: send round2_packages");
      } else if (p != null) {
        received = new TreeMap<>(Map.of(round.peers().firstKey(), p));
      }
    } else if (body.has("round2_packages") && !body.has("round2_package")) {
      pointer = "/round2_packages";
      received = r.identifierMap(body.get("round2_packages"), pointer, r::round2Package);
      if (received != null) {
        FrostJson<E> json = round.suite().frost().json();
        for (Identifier id : round.peers().keySet()) {
          if (!received.containsKey(id)) {
            r.error(
                InvalidField.child(pointer, json.identifier(id)),
                "is required: participant " + id + " is in this DKG");
          }
        }
        for (Identifier id : received.keySet()) {
          if (!round.peers().containsKey(id)) {
            r.error(
                InvalidField.child(pointer, json.identifier(id)),
                "participant " + id + " is not in this DKG");
          }
        }
      }
    } else {
      r.error("/round2_package", "send either round2_package (2-of-2) or round2_packages");
    }
    if (r.hasErrors()) {
      throw SignerProblems.jsonInvalid(call, r.errors());
    }
    return new Round2Request<>(round, received);
  }
}
