package dev.frostsandbox.signer.fault.cosigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.dkg.Round2SecretPackage;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.InvalidPackageException;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The server's side of the API played by the engine in memory, with the answers shaped as the
 * routes render them, and a cosigner fault applied where docs/faults.md says: the typed result is
 * corrupted before rendering (the JSON after it, for invalid-element) and the state keeps the
 * correct result. It is the reference the HTTP wiring reproduces; the tests drive the project's
 * client against it.
 */
final class EngineCosigner<E> {

  /** The fault of one answer: none, or a slug with its invalid-element variant. */
  record Fault(CosignerFault slug, InvalidElementKind variant) {
    static final Fault NONE = new Fault(null, null);

    static Fault of(CosignerFault slug) {
      return new Fault(
          slug, slug == CosignerFault.INVALID_ELEMENT ? InvalidElement.DEFAULT_KIND : null);
    }

    static Fault invalidElement(InvalidElementKind variant) {
      return new Fault(CosignerFault.INVALID_ELEMENT, variant);
    }

    boolean is(CosignerFault f) {
      return slug == f;
    }
  }

  private final Frost<E> frost;
  private final Group<E> group;
  private final FrostJson<E> json;
  private final SecureRandom random = new SecureRandom();

  private Identifier serverId;
  private Round2SecretPackage<E> dkgSecret;
  private SortedMap<Identifier, Round1Package<E>> peers;
  private KeyPackage<E> key;
  private PublicKeyPackage<E> publicKeyPackage;

  /** Stored nonces by their commitments' hex, consumed once, as sign/round2 finds them. */
  private final Map<String, SigningNonces<E>> nonces = new HashMap<>();

  EngineCosigner(Frost<E> frost) {
    this.frost = frost;
    this.group = frost.group();
    this.json = frost.json();
  }

  KeyPackage<E> key() {
    return key;
  }

  PublicKeyPackage<E> publicKeyPackage() {
    return publicKeyPackage;
  }

  int storedNonces() {
    return nonces.size();
  }

  private <T> T read(Function<PackageReader<E>, T> f) {
    PackageReader<E> r = json.reader();
    T value = f.apply(r);
    try {
      r.finish();
    } catch (InvalidPackageException e) {
      throw new IllegalArgumentException("the client sent an invalid package: " + e.getMessage());
    }
    return value;
  }

  private ObjectNode render(ObjectNode answer, Fault fault) {
    if (fault.is(CosignerFault.INVALID_ELEMENT)) {
      if (InvalidElement.corrupt(group, answer, fault.variant()).isEmpty()) {
        throw new IllegalArgumentException("this answer carries no element");
      }
    }
    return answer;
  }

  // ---- DKG ----

  ObjectNode dkgRound1(String keyid, JsonNode body, Fault fault) {
    int min;
    int max;
    SortedMap<Identifier, Round1Package<E>> received;
    if (body.has("round1_package")) {
      received = new TreeMap<>();
      received.put(
          Identifier.of(1),
          read(r -> r.round1Package(body.get("round1_package"), "/round1_package")));
      min = 2;
      max = 2;
    } else {
      received =
          read(
              r ->
                  r.identifierMap(
                      body.get("round1_packages"), "/round1_packages", r::round1Package));
      min = body.get("min_signers").asInt();
      max = body.get("max_signers").asInt();
    }
    Identifier self = null;
    for (long i = 1; self == null; i++) {
      if (!received.containsKey(Identifier.of(i))) {
        self = Identifier.of(i);
      }
    }
    Dkg.Part1<E> part1 = frost.dkg().part1(self, max, min, random);
    Dkg.Part2<E> part2 = frost.dkg().part2(part1.secretPackage(), received);
    serverId = self;
    dkgSecret = part2.secretPackage();
    peers = received;
    Round1Package<E> round1 = part1.package_();
    SortedMap<Identifier, Round2Package> round2 = part2.packages();
    if (fault.is(CosignerFault.BAD_DKG_PROOF)) {
      round1 = BadDkgProof.corrupt(group, round1);
    }
    if (fault.is(CosignerFault.BAD_DKG_SHARE)) {
      round2 = BadDkgShare.corrupt(group, round2);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("keyid", keyid);
    out.put("ciphersuite", frost.contextString());
    out.put("identifier", json.identifier(self));
    out.set("round1_package", json.round1Package(round1));
    out.set("round2_packages", json.identifierMap(round2, json::round2Package));
    return render(out, fault);
  }

  ObjectNode dkgRound2(String keyid, JsonNode body, Fault fault) {
    SortedMap<Identifier, Round2Package> received;
    if (body.has("round2_package")) {
      received = new TreeMap<>();
      received.put(
          Identifier.of(1),
          read(r -> r.round2Package(body.get("round2_package"), "/round2_package")));
    } else {
      received =
          read(
              r ->
                  r.identifierMap(
                      body.get("round2_packages"), "/round2_packages", r::round2Package));
    }
    Dkg.Part3<E> part3 = frost.dkg().part3(dkgSecret, peers, received);
    key = part3.keyPackage();
    publicKeyPackage = part3.publicKeyPackage();
    dkgSecret = null;
    return keyAnswer(keyid, fault);
  }

  ObjectNode getKey(String keyid, Fault fault) {
    return keyAnswer(keyid, fault);
  }

  private ObjectNode keyAnswer(String keyid, Fault fault) {
    PublicKeyPackage<E> pub = publicKeyPackage;
    if (fault.is(CosignerFault.WRONG_VERIFYING_KEY)) {
      pub = WrongVerifyingKey.corrupt(group, pub);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("keyid", keyid);
    out.put("ciphersuite", frost.contextString());
    out.put("verifying_key", json.element(pub.verifyingKey()));
    out.set("public_key_package", json.publicKeyPackage(pub));
    return render(out, fault);
  }

  // ---- signing ----

  ObjectNode sign(JsonNode body, Fault fault) {
    byte[] message = Base64.getDecoder().decode(body.get("message").asText());
    SortedMap<Identifier, SigningCommitments<E>> all =
        read(
            r ->
                r.identifierMap(
                    body.get("signing_commitments"),
                    "/signing_commitments",
                    r::signingCommitments));
    SigningNonces<E> n = frost.signing().commit(key.signingShare(), random);
    all.put(serverId, n.commitments());
    SignatureShare share = frost.signing().sign(new SigningPackage<>(all, message), n, key);
    SigningCommitments<E> commitments = n.commitments();
    if (fault.is(CosignerFault.BAD_SIGNING_COMMITMENT)) {
      commitments = BadSigningCommitment.corrupt(group, commitments);
    }
    if (fault.is(CosignerFault.BAD_SIGNATURE_SHARE)) {
      share = BadSignatureShare.corrupt(group, share);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("identifier", json.identifier(serverId));
    out.set("signing_commitments", json.signingCommitments(commitments));
    out.set("signature_share", json.signatureShare(share));
    return render(out, fault);
  }

  ObjectNode signRound1(Fault fault) {
    SigningNonces<E> n = frost.signing().commit(key.signingShare(), random);
    nonces.put(nonceId(n.commitments()), n);
    SigningCommitments<E> commitments = n.commitments();
    if (fault.is(CosignerFault.BAD_SIGNING_COMMITMENT)) {
      commitments = BadSigningCommitment.corrupt(group, commitments);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("identifier", json.identifier(serverId));
    out.set("signing_commitments", json.signingCommitments(commitments));
    return render(out, fault);
  }

  /**
   * Nonces are found by the presented commitments, else by the commitments a bad-signing-commitment
   * round 1 corrupted; the share is then computed over the package holding the real ones.
   */
  ObjectNode signRound2(JsonNode body, Fault fault) {
    SigningPackage<E> pkg =
        read(r -> r.signingPackage(body.get("signing_package"), "/signing_package"));
    SigningCommitments<E> presented = pkg.signingCommitments().get(serverId);
    SigningNonces<E> n = nonces.remove(nonceId(presented));
    if (n == null) {
      n = nonces.remove(nonceId(BadSigningCommitment.restore(group, presented)));
      pkg = BadSigningCommitment.restore(group, pkg, serverId);
    }
    if (n == null) {
      throw new IllegalStateException("no-signing-round-found");
    }
    SignatureShare share = frost.signing().sign(pkg, n, key);
    if (fault.is(CosignerFault.BAD_SIGNATURE_SHARE)) {
      share = BadSignatureShare.corrupt(group, share);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("signature_share", json.signatureShare(share));
    return render(out, fault);
  }

  ObjectNode aggregate(SigningPackage<E> pkg, Map<Identifier, SignatureShare> shares, Fault fault) {
    Signature<E> signature = frost.signing().aggregate(pkg, shares, publicKeyPackage);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("signature", json.signature(signature));
    return render(out, fault);
  }

  private String nonceId(SigningCommitments<E> c) {
    return json.element(c.hiding()) + json.element(c.binding());
  }
}
