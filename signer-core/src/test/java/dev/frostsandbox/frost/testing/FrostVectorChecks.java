package dev.frostsandbox.frost.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.keys.TrustedDealer;
import dev.frostsandbox.frost.signing.BindingFactors;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Published-vector checks written once for every ciphersuite: RFC 9591 Appendix E and the
 * frost-core signing, 257-participant, DKG and serde vectors. Each signer module calls these with
 * its own suite and its copies of the vector files.
 */
public final class FrostVectorChecks<E> {

  private final Frost<E> frost;
  private final Group<E> group;

  public FrostVectorChecks(Frost<E> frost) {
    this.frost = frost;
    this.group = frost.group();
  }

  public static JsonNode load(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      assertNotNull(in, "missing test resource " + resource);
      return FrostJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private BigInteger scalar(JsonNode n) {
    return scalar(n.asText());
  }

  private BigInteger scalar(String hex) {
    try {
      return group.deserializeScalar(Bytes.fromHex(hex));
    } catch (Exception e) {
      throw new AssertionError("vector scalar does not decode: " + hex, e);
    }
  }

  private E element(String hex) {
    try {
      return group.deserializeElement(Bytes.fromHex(hex));
    } catch (Exception e) {
      throw new AssertionError("vector element does not decode: " + hex, e);
    }
  }

  private String hex(E e) {
    return Bytes.toHex(group.serializeElement(e));
  }

  private String hex(BigInteger s) {
    return Bytes.toHex(group.serializeScalar(s));
  }

  /**
   * The RFC 9591 / frost-core signing vector layout: dealer shares from the polynomial, nonces from
   * the given randomness, commitments, binding factor inputs and factors, signature shares, the
   * aggregate signature, and its verification.
   */
  public void checkSigningVector(JsonNode v) {
    JsonNode in = v.get("inputs");
    int max = v.get("config").get("MAX_PARTICIPANTS").asInt();
    int min = v.get("config").get("MIN_PARTICIPANTS").asInt();
    BigInteger secret = scalar(in.get("group_secret_key"));
    String pkHex =
        in.has("group_public_key")
            ? in.get("group_public_key").asText()
            : in.get("verifying_key_key").asText();
    E pk = element(pkHex);
    assertEquals(pkHex, hex(group.multiplyBase(secret)), "group public key");
    byte[] message = Bytes.fromHex(in.get("message").asText());

    List<BigInteger> coefficients = new ArrayList<>();
    coefficients.add(secret);
    in.get("share_polynomial_coefficients").forEach(c -> coefficients.add(scalar(c)));
    assertEquals(min, coefficients.size());
    List<Identifier> all = new ArrayList<>();
    for (int i = 1; i <= max; i++) {
      all.add(Identifier.of(i));
    }
    TrustedDealer.DealerOutput<E> dealt = frost.dealer().splitWithCoefficients(coefficients, all);
    for (JsonNode s : in.get("participant_shares")) {
      Identifier id = Identifier.of(s.get("identifier").asInt());
      assertEquals(
          s.get("participant_share").asText(),
          hex(dealt.shares().get(id).signingShare()),
          "share of participant " + id);
    }
    PublicKeyPackage<E> pub = dealt.publicKeyPackage();
    assertTrue(group.equal(pk, pub.verifyingKey()));

    SortedMap<Identifier, SigningNonces<E>> nonces = new TreeMap<>();
    for (JsonNode o : v.get("round_one_outputs").get("outputs")) {
      Identifier id = Identifier.of(o.get("identifier").asInt());
      BigInteger share = dealt.shares().get(id).signingShare();
      BigInteger d =
          frost
              .signing()
              .nonceGenerate(share, Bytes.fromHex(o.get("hiding_nonce_randomness").asText()));
      BigInteger e =
          frost
              .signing()
              .nonceGenerate(share, Bytes.fromHex(o.get("binding_nonce_randomness").asText()));
      assertEquals(o.get("hiding_nonce").asText(), hex(d), "hiding nonce " + id);
      assertEquals(o.get("binding_nonce").asText(), hex(e), "binding nonce " + id);
      SigningNonces<E> n = frost.signing().noncesFrom(d, e);
      assertEquals(o.get("hiding_nonce_commitment").asText(), hex(n.commitments().hiding()));
      assertEquals(o.get("binding_nonce_commitment").asText(), hex(n.commitments().binding()));
      nonces.put(id, n);
    }
    SortedMap<Identifier, dev.frostsandbox.frost.signing.SigningCommitments<E>> commitments =
        new TreeMap<>();
    nonces.forEach((id, n) -> commitments.put(id, n.commitments()));
    SigningPackage<E> pkg = new SigningPackage<>(commitments, message);
    // the key the binding factors bind is the one the suite aggregates with (pre_aggregate)
    BindingFactors rho =
        frost.signing().bindingFactors(frost.suite().preAggregate(pub).verifyingKey(), pkg);
    for (JsonNode o : v.get("round_one_outputs").get("outputs")) {
      Identifier id = Identifier.of(o.get("identifier").asInt());
      assertEquals(
          o.get("binding_factor_input").asText(),
          Bytes.toHex(rho.inputs().get(id)),
          "binding factor input " + id);
      assertEquals(o.get("binding_factor").asText(), hex(rho.of(id)), "binding factor " + id);
    }

    Map<Identifier, SignatureShare> shares = new TreeMap<>();
    for (JsonNode o : v.get("round_two_outputs").get("outputs")) {
      Identifier id = Identifier.of(o.get("identifier").asInt());
      KeyPackage<E> key = frost.dealer().keyPackage(dealt.shares().get(id));
      SignatureShare z = frost.signing().sign(pkg, nonces.get(id), key);
      assertEquals(o.get("sig_share").asText(), hex(z.share()), "signature share " + id);
      frost.signing().verifySignatureShare(id, pub.verifyingShares().get(id), z, pkg, pk);
      shares.put(id, z);
    }
    Signature<E> sig = frost.signing().aggregate(pkg, shares, pub);
    assertEquals(
        v.get("final_output").get("sig").asText(), frost.json().signature(sig), "signature");
    assertTrue(frost.signing().verify(message, sig, pk));
  }

  /**
   * frost-core DKG vectors: every participant's commitment and proof, the shares it sends, and what
   * part 3 derives from what it receives.
   */
  public void checkDkgVector(JsonNode v) {
    JsonNode in = v.get("inputs");
    int max = v.get("config").get("MAX_PARTICIPANTS").asInt();
    int min = v.get("config").get("MIN_PARTICIPANTS").asInt();
    E vk = element(in.get("verifying_key").asText());
    SortedMap<Identifier, Round1Package<E>> round1 = new TreeMap<>();
    for (int i = 1; i <= max; i++) {
      JsonNode p = in.get(String.valueOf(i));
      List<E> commitment = new ArrayList<>();
      p.get("vss_commitments").forEach(c -> commitment.add(element(c.asText())));
      Signature<E> proof;
      try {
        proof =
            frost.suite().deserializeSignature(Bytes.fromHex(p.get("proof_of_knowledge").asText()));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      round1.put(Identifier.of(i), new Round1Package<>(commitment, proof));
    }
    Dkg<E> dkg = frost.dkg();
    for (int i = 1; i <= max; i++) {
      Identifier self = Identifier.of(i);
      JsonNode p = in.get(String.valueOf(i));
      dkg.verifyProofOfKnowledge(self, round1.get(self));
      List<BigInteger> coefficients =
          List.of(scalar(p.get("signing_key")), scalar(p.get("coefficient")));
      assertEquals(min, coefficients.size());
      // part1 from the vector's polynomial reproduces its commitment (the proof nonce is not
      // published)
      Dkg.Part1<E> part1 = dkg.part1(self, max, min, coefficients, BigInteger.ONE);
      for (int k = 0; k < min; k++) {
        assertTrue(
            group.equal(
                round1.get(self).commitment().get(k), part1.package_().commitment().get(k)));
      }
      SortedMap<Identifier, Round1Package<E>> others = new TreeMap<>(round1);
      others.remove(self);
      Dkg.Part2<E> part2 = dkg.part2(part1.secretPackage(), others);
      // what i sends to j is what j lists as received from i
      for (Map.Entry<Identifier, Round2Package> sent : part2.packages().entrySet()) {
        JsonNode receiver = in.get(sent.getKey().value().toString());
        assertEquals(
            receiver.get("signing_shares").get(String.valueOf(i)).asText(),
            hex(sent.getValue().signingShare()),
            "share " + i + " -> " + sent.getKey());
      }
      SortedMap<Identifier, Round2Package> received = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = p.get("signing_shares").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Identifier sender = Identifier.of(Integer.parseInt(e.getKey()));
        BigInteger share = scalar(e.getValue());
        dkg.verifyShare(self, sender, share, round1.get(sender).commitment());
        received.put(sender, new Round2Package(share));
      }
      Dkg.Part3<E> part3 = dkg.part3(part2.secretPackage(), others, received);
      assertEquals(
          p.get("signing_share").asText(),
          hex(part3.keyPackage().signingShare()),
          "signing share " + i);
      assertEquals(
          p.get("verifying_share").asText(),
          hex(part3.keyPackage().verifyingShare()),
          "verifying share " + i);
      assertTrue(group.equal(vk, part3.keyPackage().verifyingKey()), "verifying key");
      for (int j = 1; j <= max; j++) {
        assertEquals(
            in.get(String.valueOf(j)).get("verifying_share").asText(),
            hex(part3.publicKeyPackage().verifyingShares().get(Identifier.of(j))),
            "public verifying share " + j);
      }
    }
  }

  /** Every serde example parses strictly and re-serializes to the same JSON text. */
  public int checkSerdeExamples(JsonNode v) throws Exception {
    Map<String, BiFunction<PackageReader<E>, JsonNode, ObjectNode>> codecs = new TreeMap<>();
    FrostJson<E> json = frost.json();
    codecs.put(
        "check_signing_commitments_serialization",
        (r, n) -> json.signingCommitments(r.signingCommitments(n, "")));
    codecs.put(
        "check_signing_package_serialization",
        (r, n) -> json.signingPackage(r.signingPackage(n, "")));
    codecs.put(
        "check_signature_share_serialization",
        (r, n) -> json.signatureShare(r.signatureShare(n, "")));
    codecs.put(
        "check_secret_share_serialization", (r, n) -> json.secretShare(r.secretShare(n, "")));
    codecs.put("check_key_package_serialization", (r, n) -> json.keyPackage(r.keyPackage(n, "")));
    codecs.put(
        "check_public_key_package_serialization",
        (r, n) -> json.publicKeyPackage(r.publicKeyPackage(n, "")));
    codecs.put(
        "check_round1_package_serialization", (r, n) -> json.round1Package(r.round1Package(n, "")));
    codecs.put(
        "check_round2_package_serialization", (r, n) -> json.round2Package(r.round2Package(n, "")));
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = v.get("examples").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      BiFunction<PackageReader<E>, JsonNode, ObjectNode> codec = codecs.get(e.getKey());
      assertNotNull(codec, "no codec for " + e.getKey());
      for (JsonNode example : e.getValue()) {
        PackageReader<E> reader = json.reader();
        ObjectNode out = codec.apply(reader, example);
        reader.finish();
        assertEquals(
            FrostJson.MAPPER.writeValueAsString(example),
            FrostJson.MAPPER.writeValueAsString(out),
            e.getKey());
        checked++;
      }
    }
    return checked;
  }
}
