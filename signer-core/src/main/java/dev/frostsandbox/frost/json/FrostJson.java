package dev.frostsandbox.frost.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.keys.Delta;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.frost.keys.SecretShare;
import dev.frostsandbox.frost.keys.Sigma;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * frost-core serde JSON for one ciphersuite: every package carries {@code {"header": {"version": 0,
 * "ciphersuite": ...}}}, scalars and elements are lowercase hex, participant maps are keyed by
 * identifier hex in identifier order. Members are written in frost-core's field order, so documents
 * round-trip byte for byte.
 */
public final class FrostJson<E> {

  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String ciphersuite;
  private final Ciphersuite<E> suite;
  private final Group<E> group;

  public FrostJson(Ciphersuite<E> suite) {
    this.ciphersuite = suite.contextString();
    this.suite = suite;
    this.group = suite.group();
  }

  /** A strict reader; call {@link PackageReader#finish()} after reading. */
  public PackageReader<E> reader() {
    return new PackageReader<>(suite);
  }

  // ---- values ----

  public String element(E e) {
    return Bytes.toHex(group.serializeElement(e));
  }

  public String scalar(BigInteger s) {
    byte[] b = group.serializeScalar(s);
    String hex = Bytes.toHex(b);
    // a round-2 package's share is a secret of its recipient
    java.util.Arrays.fill(b, (byte) 0);
    return hex;
  }

  public String identifier(Identifier id) {
    return scalar(id.value());
  }

  public String signature(Signature<E> s) {
    return Bytes.toHex(suite.serializeSignature(s));
  }

  // ---- packages ----

  public ObjectNode header() {
    ObjectNode h = NODES.objectNode();
    h.put("version", 0);
    h.put("ciphersuite", ciphersuite);
    return h;
  }

  private ObjectNode withHeader() {
    ObjectNode o = NODES.objectNode();
    o.set("header", header());
    return o;
  }

  public <T> ObjectNode identifierMap(Map<Identifier, T> map, Function<T, JsonNode> value) {
    ObjectNode o = NODES.objectNode();
    new java.util.TreeMap<>(map).forEach((id, v) -> o.set(identifier(id), value.apply(v)));
    return o;
  }

  private ArrayNode elements(List<E> list) {
    ArrayNode a = NODES.arrayNode();
    list.forEach(e -> a.add(element(e)));
    return a;
  }

  public ObjectNode signingCommitments(SigningCommitments<E> c) {
    ObjectNode o = withHeader();
    o.put("hiding", element(c.hiding()));
    o.put("binding", element(c.binding()));
    return o;
  }

  public ObjectNode signingPackage(SigningPackage<E> p) {
    ObjectNode o = withHeader();
    o.set("signing_commitments", identifierMap(p.signingCommitments(), this::signingCommitments));
    o.put("message", Bytes.toHex(p.message()));
    return o;
  }

  public ObjectNode signatureShare(SignatureShare s) {
    ObjectNode o = withHeader();
    o.put("share", scalar(s.share()));
    return o;
  }

  public ObjectNode secretShare(SecretShare<E> s) {
    ObjectNode o = withHeader();
    o.put("identifier", identifier(s.identifier()));
    o.put("signing_share", scalar(s.signingShare()));
    o.set("commitment", elements(s.commitment()));
    return o;
  }

  public ObjectNode keyPackage(KeyPackage<E> k) {
    ObjectNode o = withHeader();
    o.put("identifier", identifier(k.identifier()));
    o.put("signing_share", scalar(k.signingShare()));
    o.put("verifying_share", element(k.verifyingShare()));
    o.put("verifying_key", element(k.verifyingKey()));
    o.put("min_signers", k.minSigners());
    return o;
  }

  public ObjectNode publicKeyPackage(PublicKeyPackage<E> p) {
    ObjectNode o = withHeader();
    o.set("verifying_shares", identifierMap(p.verifyingShares(), e -> NODES.textNode(element(e))));
    o.put("verifying_key", element(p.verifyingKey()));
    if (p.minSigners() != null) {
      o.put("min_signers", p.minSigners());
    }
    return o;
  }

  public ObjectNode round1Package(Round1Package<E> p) {
    ObjectNode o = withHeader();
    o.set("commitment", elements(p.commitment()));
    o.put("proof_of_knowledge", signature(p.proofOfKnowledge()));
    return o;
  }

  public ObjectNode round2Package(Round2Package p) {
    ObjectNode o = withHeader();
    o.put("signing_share", scalar(p.signingShare()));
    return o;
  }

  // ---- repair (RTS) ----

  /** A repair delta: serde-transparent, so the scalar's hex string itself, with no header. */
  public JsonNode delta(Delta d) {
    return NODES.textNode(scalar(d.value()));
  }

  /** A repair sigma: serde-transparent, so the scalar's hex string itself, with no header. */
  public JsonNode sigma(Sigma s) {
    return NODES.textNode(scalar(s.value()));
  }

  /** repair_share_part1's output: {@code {helper id: delta}}. */
  public ObjectNode deltas(Map<Identifier, Delta> deltas) {
    return identifierMap(deltas, this::delta);
  }
}
