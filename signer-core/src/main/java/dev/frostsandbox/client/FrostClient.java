package dev.frostsandbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.InvalidPackageException;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.Delta;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.keys.Sigma;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.relay.RelayRoutes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A FROST client of a signer service: it plays every participant but the server, with the same
 * engine the server uses. Each protocol step is a method taking the {@link SignerHttp} to send it
 * through, so a step can go to another service instance (tests) or through fault headers.
 *
 * <p>The protocol logic is transport-free: every step is split into a request builder ({@code
 * ...Request}, giving the path and the JSON body) and an answer reader ({@code ...Answer}, taking
 * the answered JSON). The blocking methods here glue them with {@link SignerHttp}; an asynchronous
 * client (the load tool's Vert.x WebClient) glues the same parts with its own transport.
 */
public final class FrostClient<E> {

  /** The outcome of a DKG: the client participants' keys and the group's public keys. */
  public record Keys<E>(
      String keyid,
      Identifier serverId,
      SortedMap<Identifier, KeyPackage<E>> clientKeys,
      PublicKeyPackage<E> publicKeyPackage) {}

  /** Client state between DKG rounds 1 and 2. */
  public record DkgSession<E>(
      String keyid,
      Identifier serverId,
      SortedMap<Identifier, Dkg.Part1<E>> part1,
      SortedMap<Identifier, Round1Package<E>> allRound1,
      SortedMap<Identifier, Round2Package> fromServer) {}

  /** DKG round 1 about to be sent: the client participants' part 1 and the request body. */
  public record DkgStart<E>(
      String keyid, SortedMap<Identifier, Dkg.Part1<E>> part1, String path, ObjectNode body) {}

  /** DKG round 2 about to be sent: the client participants' part 2 and the request body. */
  public record DkgFinish<E>(
      DkgSession<E> session,
      SortedMap<Identifier, Dkg.Part2<E>> part2,
      String path,
      ObjectNode body) {}

  /** A one-round sign about to be sent: the client signers' nonces, the message and the body. */
  @SuppressWarnings(
      "ArrayRecordComponent") // the message bytes are only carried to the request; never compared
  // or printed
  public record OneRoundSign<E>(
      byte[] message,
      SortedMap<Identifier, SigningNonces<E>> nonces,
      String path,
      ObjectNode body) {}

  /** What the server answered to a one-round sign: the complete signing package and its share. */
  public record ServerShare<E>(SigningPackage<E> signingPackage, SignatureShare share) {}

  private final Frost<E> frost;
  private final FrostJson<E> json;
  private final String prefix;
  private final SecureRandom random;

  /** BIP-341 script tree root sent as {@code taproot_merkle_root}; null: the key path. */
  private final byte[] merkleRoot;

  public FrostClient(Frost<E> frost, String prefix, SecureRandom random) {
    this(frost, prefix, random, null);
  }

  private FrostClient(Frost<E> frost, String prefix, SecureRandom random, byte[] merkleRoot) {
    this.frost = frost;
    this.json = frost.json();
    this.prefix = prefix;
    this.random = random;
    this.merkleRoot = merkleRoot == null ? null : merkleRoot.clone();
  }

  /**
   * A client that signs for the output key committing to the script tree {@code merkleRoot}
   * (FROST-secp256k1-SHA256-TR-v1): its requests carry {@code taproot_merkle_root}, and its own
   * signers and aggregation use the keys tweaked alike.
   */
  public FrostClient<E> withTaprootMerkleRoot(byte[] root) {
    return new FrostClient<>(frost, prefix, random, root);
  }

  /** The keys signatures are made with: as stored, or tweaked with the merkle root. */
  public Keys<E> signingKeys(Keys<E> keys) {
    if (merkleRoot == null) {
      return keys;
    }
    SortedMap<Identifier, KeyPackage<E>> tweaked = new TreeMap<>();
    keys.clientKeys().forEach((id, k) -> tweaked.put(id, frost.suite().tweak(k, merkleRoot)));
    return new Keys<>(
        keys.keyid(),
        keys.serverId(),
        tweaked,
        frost.suite().tweak(keys.publicKeyPackage(), merkleRoot));
  }

  private void addMerkleRoot(ObjectNode body) {
    if (merkleRoot != null) {
      body.put("taproot_merkle_root", dev.frostsandbox.frost.Bytes.toHex(merkleRoot));
    }
  }

  public Frost<E> frost() {
    return frost;
  }

  public String prefix() {
    return prefix;
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Reads part of an answer strictly, as frost-core deserializes: an element the group rejects
   * (identity, off the curve, non-canonical, small order) or any other invalid field is a {@link
   * FrostException} of kind INVALID_ENCODING naming {@code sender} (null when unknown).
   */
  private <T> T read(Identifier sender, java.util.function.Function<PackageReader<E>, T> f) {
    PackageReader<E> r = json.reader();
    T value = f.apply(r);
    try {
      r.finish();
    } catch (InvalidPackageException e) {
      throw new FrostException(
          FrostException.Kind.INVALID_ENCODING,
          sender,
          "the server answered an invalid package: " + e.getMessage());
    }
    return value;
  }

  // ---- DKG ----

  /** 2-of-2 with the shorthand request (client 1, server 2). */
  public Keys<E> dkg(SignerHttp http, String keyid) {
    return dkgRound2(http, dkgRound1(http, keyid, 2, 2, true));
  }

  /** t-of-n: the client plays participants 1..n-1, the server takes its default identifier n. */
  public Keys<E> dkg(SignerHttp http, String keyid, int minSigners, int maxSigners) {
    return dkgRound2(http, dkgRound1(http, keyid, minSigners, maxSigners, false));
  }

  /** The body of a DKG round-1 request for client participants 1..max-1. */
  public ObjectNode round1Request(
      SortedMap<Identifier, Dkg.Part1<E>> part1,
      int minSigners,
      int maxSigners,
      boolean shorthand) {
    ObjectNode body = object();
    if (shorthand) {
      body.set("round1_package", json.round1Package(part1.get(Identifier.of(1)).package_()));
    } else {
      ObjectNode packages = object();
      part1.forEach((id, p) -> packages.set(json.identifier(id), json.round1Package(p.package_())));
      body.set("round1_packages", packages);
      body.put("min_signers", minSigners);
      body.put("max_signers", maxSigners);
    }
    return body;
  }

  public SortedMap<Identifier, Dkg.Part1<E>> dkgPart1(int minSigners, int maxSigners) {
    SortedMap<Identifier, Dkg.Part1<E>> part1 = new TreeMap<>();
    for (int i = 1; i < maxSigners; i++) {
      part1.put(
          Identifier.of(i), frost.dkg().part1(Identifier.of(i), maxSigners, minSigners, random));
    }
    return part1;
  }

  public DkgSession<E> dkgRound1(
      SignerHttp http, String keyid, int minSigners, int maxSigners, boolean shorthand) {
    DkgStart<E> start = dkgStart(keyid, minSigners, maxSigners, shorthand);
    HttpAnswer a = http.post(start.path(), start.body()).expect(201);
    return dkgSession(keyid, start.part1(), a.json());
  }

  /** DKG round 1 request (answered 201): part 1 of every client participant. */
  public DkgStart<E> dkgStart(String keyid, int minSigners, int maxSigners, boolean shorthand) {
    SortedMap<Identifier, Dkg.Part1<E>> part1 = dkgPart1(minSigners, maxSigners);
    return new DkgStart<>(
        keyid,
        part1,
        prefix + "/dkg/round1/" + keyid,
        round1Request(part1, minSigners, maxSigners, shorthand));
  }

  /**
   * Reads the server's round-1 answer. Its proof of knowledge is checked by part 2 ({@link
   * #dkgRound2Request}) and its round-2 packages by part 3 ({@link #dkgKeys}), as frost-core does.
   */
  public DkgSession<E> dkgSession(
      String keyid, SortedMap<Identifier, Dkg.Part1<E>> part1, JsonNode answer) {
    Identifier serverId = read(null, r -> r.identifier(answer.get("identifier"), "/identifier"));
    Round1Package<E> serverRound1 =
        read(serverId, r -> r.round1Package(answer.get("round1_package"), "/round1_package"));
    SortedMap<Identifier, Round2Package> fromServer =
        read(
            serverId,
            r ->
                r.identifierMap(
                    answer.get("round2_packages"), "/round2_packages", r::round2Package));
    if (!fromServer.keySet().equals(part1.keySet())) {
      throw new FrostException(
          FrostException.Kind.INCORRECT_NUMBER_OF_PACKAGES,
          serverId,
          "the server sent round-2 packages for "
              + fromServer.keySet()
              + ", not for the client participants "
              + part1.keySet());
    }
    SortedMap<Identifier, Round1Package<E>> all = new TreeMap<>();
    part1.forEach((id, p) -> all.put(id, p.package_()));
    all.put(serverId, serverRound1);
    return new DkgSession<>(keyid, serverId, part1, all, fromServer);
  }

  public Keys<E> dkgRound2(SignerHttp http, DkgSession<E> s) {
    DkgFinish<E> finish = dkgRound2Request(s);
    HttpAnswer a = http.post(finish.path(), finish.body()).expect(201);
    return dkgKeys(finish, a.json());
  }

  /** DKG round 2 request (answered 201): part 2 of every client participant. */
  public DkgFinish<E> dkgRound2Request(DkgSession<E> s) {
    SortedMap<Identifier, Dkg.Part2<E>> part2 = new TreeMap<>();
    s.part1()
        .forEach(
            (id, p1) -> {
              SortedMap<Identifier, Round1Package<E>> others = new TreeMap<>(s.allRound1());
              others.remove(id);
              part2.put(id, frost.dkg().part2(p1.secretPackage(), others));
            });
    ObjectNode body = object();
    if (s.part1().size() == 1
        && s.part1().containsKey(Identifier.of(1))
        && s.serverId().equals(Identifier.of(2))) {
      body.set(
          "round2_package",
          json.round2Package(part2.get(Identifier.of(1)).packages().get(s.serverId())));
    } else {
      ObjectNode packages = object();
      part2.forEach(
          (id, p2) ->
              packages.set(
                  json.identifier(id), json.round2Package(p2.packages().get(s.serverId()))));
      body.set("round2_packages", packages);
    }
    return new DkgFinish<>(s, part2, prefix + "/dkg/round2/" + s.keyid(), body);
  }

  /**
   * Reads the server's round-2 answer: part 3 of every client participant (which checks the
   * server's round-2 packages against its commitment, naming it when one does not match), then the
   * server's public key package against the one part 3 derived.
   */
  public Keys<E> dkgKeys(DkgFinish<E> finish, JsonNode answer) {
    DkgSession<E> s = finish.session();
    SortedMap<Identifier, Dkg.Part2<E>> part2 = finish.part2();
    PublicKeyPackage<E> serverPub = serverPublicKeyPackage(s.serverId(), answer);
    SortedMap<Identifier, KeyPackage<E>> keys = new TreeMap<>();
    PublicKeyPackage<E> pub = null;
    for (Map.Entry<Identifier, Dkg.Part2<E>> e : part2.entrySet()) {
      Identifier id = e.getKey();
      SortedMap<Identifier, Round1Package<E>> others = new TreeMap<>(s.allRound1());
      others.remove(id);
      SortedMap<Identifier, Round2Package> received = new TreeMap<>();
      received.put(s.serverId(), s.fromServer().get(id));
      part2.forEach(
          (other, p2) -> {
            if (!other.equals(id)) {
              received.put(other, p2.packages().get(id));
            }
          });
      Dkg.Part3<E> part3 = frost.dkg().part3(e.getValue().secretPackage(), others, received);
      keys.put(id, part3.keyPackage());
      pub = part3.publicKeyPackage();
    }
    checkSamePublicKeyPackage(s.serverId(), pub, serverPub);
    return new Keys<>(s.keyid(), s.serverId(), keys, pub);
  }

  /**
   * The answer's public key package, and its top-level verifying_key, which must be the package's.
   */
  private PublicKeyPackage<E> serverPublicKeyPackage(Identifier serverId, JsonNode answer) {
    PublicKeyPackage<E> pub =
        read(
            serverId,
            r -> r.publicKeyPackage(answer.get("public_key_package"), "/public_key_package"));
    if (answer.has("verifying_key")) {
      E key = read(serverId, r -> r.element(answer.get("verifying_key"), "/verifying_key"));
      if (!frost.group().equal(key, pub.verifyingKey())) {
        throw new FrostException(
            FrostException.Kind.PUBLIC_KEY_PACKAGE_MISMATCH,
            serverId,
            "the server's verifying_key is not the verifying key of its public_key_package");
      }
    }
    return pub;
  }

  /** The server's public key package must be the one the client derived: the group key first. */
  private void checkSamePublicKeyPackage(
      Identifier serverId, PublicKeyPackage<E> mine, PublicKeyPackage<E> server) {
    if (!frost.group().equal(mine.verifyingKey(), server.verifyingKey())) {
      throw new FrostException(
          FrostException.Kind.PUBLIC_KEY_PACKAGE_MISMATCH,
          serverId,
          "the server's group verifying key differs from the one the client's DKG derived");
    }
    if (!json.publicKeyPackage(mine).equals(json.publicKeyPackage(server))) {
      throw new FrostException(
          FrostException.Kind.PUBLIC_KEY_PACKAGE_MISMATCH,
          serverId,
          "the server's public key package differs from the one the client's DKG derived");
    }
  }

  // ---- keys ----

  /** GET keys (answered 200). */
  public String keyPath(Keys<E> keys) {
    return prefix + "/keys/" + keys.keyid();
  }

  /** Reads a GET keys answer: the server's public key package, checked against the client's. */
  public PublicKeyPackage<E> keyAnswer(Keys<E> keys, JsonNode answer) {
    PublicKeyPackage<E> server = serverPublicKeyPackage(keys.serverId(), answer);
    checkSamePublicKeyPackage(keys.serverId(), keys.publicKeyPackage(), server);
    return server;
  }

  /** Reads the key back from the server and checks it is the one the DKG produced. */
  public PublicKeyPackage<E> getKey(SignerHttp http, Keys<E> keys) {
    return keyAnswer(keys, http.get(keyPath(keys)).expect(200).json());
  }

  // ---- key lifecycle: refresh ----

  /** Client state between refresh rounds 1 and 2. */
  public record RefreshSession<E>(
      Keys<E> keys,
      SortedMap<Identifier, Dkg.Part1<E>> part1,
      SortedMap<Identifier, Round1Package<E>> allRound1,
      SortedMap<Identifier, Round2Package> fromServer) {}

  /** A refresh round 2 about to be sent: the client participants' part 2 and the request body. */
  public record RefreshFinish<E>(
      RefreshSession<E> session,
      SortedMap<Identifier, Dkg.Part2<E>> part2,
      String path,
      ObjectNode body) {}

  /**
   * Share refresh by DKG with the server (frost-core refresh_dkg_part1/part2/shares): the client
   * participants {@code participants} and the server refresh; the others are left out (removed from
   * the group). Returns the refreshed keys: same group key, new shares.
   */
  public Keys<E> refresh(SignerHttp http, Keys<E> keys, Collection<Identifier> participants) {
    return refreshRound2(http, refreshRound1(http, keys, participants));
  }

  public String refreshPath(Keys<E> keys, int round) {
    return prefix + "/keys/" + keys.keyid() + "/refresh/round" + round;
  }

  /** Refresh round 1 (answered 201): part 1 of every refreshing client participant. */
  public RefreshSession<E> refreshRound1(
      SignerHttp http, Keys<E> keys, Collection<Identifier> participants) {
    int min = keys.publicKeyPackage().minSigners();
    int n = participants.size() + 1;
    SortedMap<Identifier, Dkg.Part1<E>> part1 = new TreeMap<>();
    for (Identifier id : participants) {
      part1.put(id, frost.refresh().refreshDkgPart1(id, n, min, random));
    }
    return refreshRound1(http, keys, part1);
  }

  /**
   * Refresh round 1 (answered 201) for client participants whose refresh part 1 ran already: the
   * same part 1 sent again restarts the round, and the round-2 packages stay valid for it.
   */
  public RefreshSession<E> refreshRound1(
      SignerHttp http, Keys<E> keys, SortedMap<Identifier, Dkg.Part1<E>> part1) {
    ObjectNode body = object();
    ObjectNode packages = object();
    part1.forEach((id, p) -> packages.set(json.identifier(id), json.round1Package(p.package_())));
    body.set("round1_packages", packages);
    JsonNode answer = http.post(refreshPath(keys, 1), body).expect(201).json();
    Identifier serverId = keys.serverId();
    Round1Package<E> serverRound1 =
        read(serverId, r -> r.round1Package(answer.get("round1_package"), "/round1_package"));
    SortedMap<Identifier, Round2Package> fromServer =
        read(
            serverId,
            r ->
                r.identifierMap(
                    answer.get("round2_packages"), "/round2_packages", r::round2Package));
    if (!fromServer.keySet().equals(part1.keySet())) {
      throw new FrostException(
          FrostException.Kind.INCORRECT_NUMBER_OF_PACKAGES,
          serverId,
          "the server sent refresh packages for "
              + fromServer.keySet()
              + ", not for "
              + part1.keySet());
    }
    SortedMap<Identifier, Round1Package<E>> all = new TreeMap<>();
    part1.forEach((id, p) -> all.put(id, p.package_()));
    all.put(serverId, serverRound1);
    return new RefreshSession<>(keys, part1, all, fromServer);
  }

  /** Refresh round 2 request (answered 200): the refreshing shares for the server. */
  public RefreshFinish<E> refreshRound2Request(RefreshSession<E> s) {
    SortedMap<Identifier, Dkg.Part2<E>> part2 = new TreeMap<>();
    s.part1()
        .forEach(
            (id, p1) -> {
              SortedMap<Identifier, Round1Package<E>> others = new TreeMap<>(s.allRound1());
              others.remove(id);
              part2.put(id, frost.refresh().refreshDkgPart2(p1.secretPackage(), others));
            });
    ObjectNode body = object();
    ObjectNode packages = object();
    part2.forEach(
        (id, p2) ->
            packages.set(
                json.identifier(id), json.round2Package(p2.packages().get(s.keys().serverId()))));
    body.set("round2_packages", packages);
    return new RefreshFinish<>(s, part2, refreshPath(s.keys(), 2), body);
  }

  public Keys<E> refreshRound2(SignerHttp http, RefreshSession<E> s) {
    RefreshFinish<E> finish = refreshRound2Request(s);
    JsonNode answer = http.post(finish.path(), finish.body()).expect(200).json();
    return refreshKeys(finish, answer);
  }

  /**
   * refresh_dkg_shares for every refreshing client participant; the server's new public key package
   * must match.
   */
  public Keys<E> refreshKeys(RefreshFinish<E> finish, JsonNode answer) {
    RefreshSession<E> s = finish.session();
    Keys<E> old = s.keys();
    PublicKeyPackage<E> serverPub = serverPublicKeyPackage(old.serverId(), answer);
    SortedMap<Identifier, KeyPackage<E>> keys = new TreeMap<>();
    PublicKeyPackage<E> pub = null;
    for (Map.Entry<Identifier, Dkg.Part2<E>> e : finish.part2().entrySet()) {
      Identifier id = e.getKey();
      SortedMap<Identifier, Round1Package<E>> others = new TreeMap<>(s.allRound1());
      others.remove(id);
      SortedMap<Identifier, Round2Package> received = new TreeMap<>();
      received.put(old.serverId(), s.fromServer().get(id));
      finish
          .part2()
          .forEach(
              (other, p2) -> {
                if (!other.equals(id)) {
                  received.put(other, p2.packages().get(id));
                }
              });
      Dkg.Part3<E> part3 =
          frost
              .refresh()
              .refreshDkgShares(
                  e.getValue().secretPackage(),
                  others,
                  received,
                  old.publicKeyPackage(),
                  old.clientKeys().get(id));
      keys.put(id, part3.keyPackage());
      pub = part3.publicKeyPackage();
    }
    checkSamePublicKeyPackage(old.serverId(), pub, serverPub);
    return new Keys<>(old.keyid(), old.serverId(), keys, pub);
  }

  // ---- key lifecycle: repair (RTS) ----

  public String repairPath(Keys<E> keys, int part) {
    return prefix + "/keys/" + keys.keyid() + "/repair/part" + part;
  }

  /**
   * Repairs the share of client participant {@code lost} with {@code helpers} (the server and
   * client participants, at least min_signers): the server answers its deltas (part 1), the client
   * helpers run part 1 and part 2 locally, the server its part 2 (its sigma), and the lost
   * participant part 3. Returns the keys with the repaired share in place of the lost one.
   */
  public Keys<E> repairClientShare(
      SignerHttp http, Keys<E> keys, Identifier lost, Collection<Identifier> helpers) {
    JsonNode part1 =
        http.post(repairPath(keys, 1), repairPart1Request(lost, helpers)).expect(201).json();
    SortedMap<Identifier, Delta> fromServer =
        read(keys.serverId(), r -> r.identifierMap(part1.get("deltas"), "/deltas", r::delta));
    SortedMap<Identifier, SortedMap<Identifier, Delta>> byHelper =
        clientDeltas(keys, lost, helpers);
    SortedMap<Identifier, Sigma> sigmas = new TreeMap<>();
    for (Identifier h : byHelper.keySet()) {
      List<Delta> received = new java.util.ArrayList<>();
      byHelper.values().forEach(d -> received.add(d.get(h)));
      received.add(fromServer.get(h));
      sigmas.put(h, frost.repair().repairSharePart2(received));
    }
    JsonNode answer =
        http.post(repairPath(keys, 2), repairPart2Request(keys, byHelper)).expect(200).json();
    sigmas.put(keys.serverId(), read(keys.serverId(), r -> r.sigma(answer.get("sigma"), "/sigma")));
    KeyPackage<E> repaired =
        frost.repair().repairSharePart3(sigmas.values(), lost, keys.publicKeyPackage());
    SortedMap<Identifier, KeyPackage<E>> clientKeys = new TreeMap<>(keys.clientKeys());
    clientKeys.put(lost, repaired);
    return new Keys<>(keys.keyid(), keys.serverId(), clientKeys, keys.publicKeyPackage());
  }

  /** The body of repair part 1: {@code {"helpers": [...], "participant": id}}. */
  public ObjectNode repairPart1Request(Identifier participant, Collection<Identifier> helpers) {
    ObjectNode body = object();
    com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("helpers");
    helpers.stream().sorted().forEach(id -> list.add(json.identifier(id)));
    body.put("participant", json.identifier(participant));
    return body;
  }

  /**
   * The body of repair part 2 for the server: {@code {"deltas": {helper: delta}}}, the deltas the
   * client helpers compute for it (their part 1) when repairing {@code participant}.
   */
  public ObjectNode repairPart2Request(
      Keys<E> keys, Identifier participant, Collection<Identifier> helpers) {
    return repairPart2Request(keys, clientDeltas(keys, participant, helpers));
  }

  private ObjectNode repairPart2Request(
      Keys<E> keys, SortedMap<Identifier, SortedMap<Identifier, Delta>> byHelper) {
    ObjectNode body = object();
    ObjectNode toServer = body.putObject("deltas");
    byHelper.forEach(
        (h, d) -> toServer.set(json.identifier(h), json.delta(d.get(keys.serverId()))));
    return body;
  }

  /** Part 1 of every client helper: {helper: {receiver: delta}}. */
  private SortedMap<Identifier, SortedMap<Identifier, Delta>> clientDeltas(
      Keys<E> keys, Identifier participant, Collection<Identifier> helpers) {
    SortedMap<Identifier, SortedMap<Identifier, Delta>> out = new TreeMap<>();
    for (Identifier h : helpers) {
      if (!h.equals(keys.serverId())) {
        out.put(
            h,
            frost
                .repair()
                .repairSharePart1(helpers, keys.clientKeys().get(h), random, participant));
      }
    }
    return out;
  }

  /**
   * The sigmas of client helpers (all of them client participants) for participant {@code
   * participant}.
   */
  public SortedMap<Identifier, Sigma> clientSigmas(
      Keys<E> keys, Identifier participant, Collection<Identifier> helpers) {
    SortedMap<Identifier, SortedMap<Identifier, Delta>> byHelper =
        clientDeltas(keys, participant, helpers);
    SortedMap<Identifier, Sigma> sigmas = new TreeMap<>();
    for (Identifier h : byHelper.keySet()) {
      List<Delta> received = new java.util.ArrayList<>();
      byHelper.values().forEach(d -> received.add(d.get(h)));
      sigmas.put(h, frost.repair().repairSharePart2(received));
    }
    return sigmas;
  }

  /** The body of repair part 3: {@code {"sigmas": {helper: sigma}}}. */
  public ObjectNode repairPart3Request(SortedMap<Identifier, Sigma> sigmas) {
    ObjectNode body = object();
    body.set("sigmas", json.identifierMap(sigmas, json::sigma));
    return body;
  }

  /**
   * Repairs the server's own share (a key whose share was lost) with client helpers only: their
   * sigmas go to repair part 3, which rebuilds and checks the share. Returns the key as answered.
   */
  public PublicKeyPackage<E> repairServerShare(
      SignerHttp http, Keys<E> keys, Collection<Identifier> helpers) {
    JsonNode answer =
        http.post(
                repairPath(keys, 3),
                repairPart3Request(clientSigmas(keys, keys.serverId(), helpers)))
            .expect(200)
            .json();
    return keyAnswer(keys, answer);
  }

  /** The sandbox admin operation dropping the server's share of a key (faults enabled). */
  public String dropSharePath(Keys<E> keys) {
    return "/admin/keys/" + keys.keyid() + "/drop-share";
  }

  // ---- signing ----

  /** Client signers: the first min_signers - 1 client participants. */
  public List<Identifier> defaultSigners(Keys<E> keys) {
    return keys.clientKeys().keySet().stream()
        .limit(keys.publicKeyPackage().minSigners() - 1L)
        .toList();
  }

  private SortedMap<Identifier, SigningNonces<E>> commit(Keys<E> keys, List<Identifier> signers) {
    SortedMap<Identifier, SigningNonces<E>> nonces = new TreeMap<>();
    for (Identifier id : signers) {
      nonces.put(id, frost.signing().commit(keys.clientKeys().get(id).signingShare(), random));
    }
    return nonces;
  }

  /** One round trip: the server commits and signs at once; the client aggregates and verifies. */
  public Signature<E> signOneRound(
      SignerHttp http, Keys<E> keys, byte[] message, List<Identifier> signers) {
    OneRoundSign<E> request = signOneRoundRequest(keys, message, commit(keys, signers));
    HttpAnswer a = http.post(request.path(), request.body()).expect(200);
    ServerShare<E> server = signOneRoundAnswer(keys, request, a.json());
    return aggregateLocally(keys, server.signingPackage(), request.nonces(), server.share());
  }

  /** The one-round sign request (answered 200) for client signers holding {@code nonces}. */
  public OneRoundSign<E> signOneRoundRequest(
      Keys<E> keys, byte[] message, SortedMap<Identifier, SigningNonces<E>> nonces) {
    ObjectNode body = object();
    body.put("message", Base64.getEncoder().encodeToString(message));
    ObjectNode commitments = object();
    nonces.forEach(
        (id, n) -> commitments.set(json.identifier(id), json.signingCommitments(n.commitments())));
    body.set("signing_commitments", commitments);
    addMerkleRoot(body);
    return new OneRoundSign<>(message, nonces, prefix + "/sign/" + keys.keyid(), body);
  }

  /** Reads the server's commitments and share from a one-round sign answer. */
  public ServerShare<E> signOneRoundAnswer(Keys<E> keys, OneRoundSign<E> request, JsonNode answer) {
    SigningCommitments<E> serverCommitments =
        read(
            keys.serverId(),
            r -> r.signingCommitments(answer.get("signing_commitments"), "/signing_commitments"));
    SignatureShare serverShare =
        read(
            keys.serverId(),
            r -> r.signatureShare(answer.get("signature_share"), "/signature_share"));
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>();
    request.nonces().forEach((id, n) -> all.put(id, n.commitments()));
    all.put(keys.serverId(), serverCommitments);
    return new ServerShare<>(new SigningPackage<>(all, request.message()), serverShare);
  }

  /**
   * Two rounds: server nonces from sign/round1, consumed by sign/round2 (possibly on another
   * instance).
   */
  public SigningPackage<E> signRound1(
      SignerHttp http,
      Keys<E> keys,
      byte[] message,
      SortedMap<Identifier, SigningNonces<E>> nonces) {
    HttpAnswer a = http.post(signRound1Path(keys), (JsonNode) null).expect(201);
    return signRound1Answer(keys, message, nonces, a.json());
  }

  /** sign/round1 takes no body (answered 201). */
  public String signRound1Path(Keys<E> keys) {
    return prefix + "/sign/round1/" + keys.keyid();
  }

  /** The signing package from the server's round-1 commitments and the client signers' nonces. */
  public SigningPackage<E> signRound1Answer(
      Keys<E> keys,
      byte[] message,
      SortedMap<Identifier, SigningNonces<E>> nonces,
      JsonNode answer) {
    SigningCommitments<E> serverCommitments =
        read(
            keys.serverId(),
            r -> r.signingCommitments(answer.get("signing_commitments"), "/signing_commitments"));
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>();
    nonces.forEach((id, n) -> all.put(id, n.commitments()));
    all.put(keys.serverId(), serverCommitments);
    return new SigningPackage<>(all, message);
  }

  public ObjectNode signRound2Request(SigningPackage<E> pkg) {
    ObjectNode body = object();
    body.set("signing_package", json.signingPackage(pkg));
    addMerkleRoot(body);
    return body;
  }

  /** sign/round2 (answered 200). */
  public String signRound2Path(Keys<E> keys) {
    return prefix + "/sign/round2/" + keys.keyid();
  }

  public SignatureShare signRound2(SignerHttp http, Keys<E> keys, SigningPackage<E> pkg) {
    HttpAnswer a = http.post(signRound2Path(keys), signRound2Request(pkg)).expect(200);
    return signRound2Answer(keys, a.json());
  }

  public SignatureShare signRound2Answer(JsonNode answer) {
    return read(null, r -> r.signatureShare(answer.get("signature_share"), "/signature_share"));
  }

  /**
   * As {@link #signRound2Answer(JsonNode)}, naming the server when the share does not deserialize.
   */
  public SignatureShare signRound2Answer(Keys<E> keys, JsonNode answer) {
    return read(
        keys.serverId(), r -> r.signatureShare(answer.get("signature_share"), "/signature_share"));
  }

  public Signature<E> signTwoRounds(
      SignerHttp round1,
      SignerHttp round2,
      Keys<E> keys,
      byte[] message,
      List<Identifier> signers) {
    SortedMap<Identifier, SigningNonces<E>> nonces = commit(keys, signers);
    SigningPackage<E> pkg = signRound1(round1, keys, message, nonces);
    SignatureShare serverShare = signRound2(round2, keys, pkg);
    return aggregateLocally(keys, pkg, nonces, serverShare);
  }

  public SortedMap<Identifier, SigningNonces<E>> newNonces(Keys<E> keys, List<Identifier> signers) {
    return commit(keys, signers);
  }

  /** The client's own shares for a package. */
  public SortedMap<Identifier, SignatureShare> clientShares(
      Keys<E> keys, SigningPackage<E> pkg, SortedMap<Identifier, SigningNonces<E>> nonces) {
    SortedMap<Identifier, SignatureShare> shares = new TreeMap<>();
    Keys<E> signing = signingKeys(keys);
    nonces.forEach(
        (id, n) -> shares.put(id, frost.signing().sign(pkg, n, signing.clientKeys().get(id))));
    return shares;
  }

  /**
   * The client's shares plus the server's, aggregated (and so verified) locally: when the signature
   * does not verify, frost-core's cheater detection runs verify_signature_share on every share and
   * names the first invalid one (the server's, for a share computed with other nonces than its
   * commitments say, or a wrong share).
   */
  public Signature<E> aggregateLocally(
      Keys<E> keys,
      SigningPackage<E> pkg,
      SortedMap<Identifier, SigningNonces<E>> nonces,
      SignatureShare serverShare) {
    SortedMap<Identifier, SignatureShare> shares = clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), serverShare);
    return frost.signing().aggregate(pkg, shares, signingKeys(keys).publicKeyPackage());
  }

  /** The server's aggregate endpoint: returns the signature it answers. */
  public Signature<E> aggregateOnServer(
      SignerHttp http,
      Keys<E> keys,
      SigningPackage<E> pkg,
      Map<Identifier, SignatureShare> shares) {
    ObjectNode body = object();
    body.set("signing_package", json.signingPackage(pkg));
    body.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    addMerkleRoot(body);
    HttpAnswer a = http.post(prefix + "/aggregate/" + keys.keyid(), body).expect(200);
    return aggregateAnswer(keys, a.json());
  }

  /** Reads the server's aggregate answer; its R must deserialize like any element. */
  public Signature<E> aggregateAnswer(Keys<E> keys, JsonNode answer) {
    return read(keys.serverId(), r -> r.signature(answer.get("signature"), "/signature"));
  }

  // ---- relay ----

  /** The relay's documented path for this client's service (also served at prefix + /relay). */
  public String relayPath() {
    return RelayRoutes.documentedPath(prefix);
  }

  /** A relay request: the keyid, the payload and the signature of the relay message, in 0x-hex. */
  public ObjectNode relayRequest(String keyid, byte[] payload, Signature<E> signature) {
    ObjectNode body = object();
    body.put("keyid", keyid);
    body.put("payload", "0x" + dev.frostsandbox.frost.Bytes.toHex(payload));
    body.put(
        "signature",
        "0x" + dev.frostsandbox.frost.Bytes.toHex(frost.suite().serializeSignature(signature)));
    return body;
  }

  /**
   * Relays a payload signed (by the group key) over the relay message; the answer, whatever its
   * status.
   */
  public HttpAnswer relay(SignerHttp http, String keyid, byte[] payload, Signature<E> signature) {
    return http.post(relayPath(), relayRequest(keyid, payload, signature));
  }

  public boolean verify(Keys<E> keys, byte[] message, Signature<E> signature) {
    return frost
        .signing()
        .verify(message, signature, signingKeys(keys).publicKeyPackage().verifyingKey());
  }
}
