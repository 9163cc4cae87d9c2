package dev.frostsandbox.frost.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.InvalidEncodingException;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads frost-core serde JSON strictly, collecting every invalid field with its JSON Pointer
 * instead of stopping at the first: a client sees all its mistakes at once. Each read method
 * returns null when the value is invalid; {@link #finish()} throws if anything was.
 */
public final class PackageReader<E> {

  private final String ciphersuite;
  private final Ciphersuite<E> suite;
  private final Group<E> group;
  private final List<InvalidField> errors = new ArrayList<>();

  PackageReader(Ciphersuite<E> suite) {
    this.ciphersuite = suite.contextString();
    this.suite = suite;
    this.group = suite.group();
  }

  public void error(String pointer, String detail) {
    errors.add(new InvalidField(pointer, detail));
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public List<InvalidField> errors() {
    return List.copyOf(errors);
  }

  public void finish() throws InvalidPackageException {
    if (!errors.isEmpty()) {
      throw new InvalidPackageException(errors);
    }
  }

  // ---- structure ----

  /** An object with exactly the allowed members, all required ones present; null otherwise. */
  public JsonNode object(JsonNode node, String ptr, Set<String> required, Set<String> optional) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      error(ptr, "is required");
      return null;
    }
    if (!node.isObject()) {
      error(ptr, "must be an object");
      return null;
    }
    boolean ok = true;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!required.contains(f) && !optional.contains(f)) {
        error(InvalidField.child(ptr, f), "unknown field");
        ok = false;
      }
    }
    for (String r : required) {
      if (!node.has(r)) {
        error(InvalidField.child(ptr, r), "is required");
        ok = false;
      }
    }
    return ok ? node : null;
  }

  /** frost-core's header: version 0 and this suite's context string. */
  public boolean header(JsonNode node, String ptr) {
    JsonNode h = object(node, ptr, Set.of("version", "ciphersuite"), Set.of());
    if (h == null) {
      return false;
    }
    boolean ok = true;
    JsonNode v = h.get("version");
    // canConvertToInt first: asLong() truncates a BigInteger node (2^64 would read as 0)
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != 0) {
      error(ptr + "/version", "must be 0");
      ok = false;
    }
    JsonNode cs = h.get("ciphersuite");
    if (!cs.isTextual()) {
      error(ptr + "/ciphersuite", "must be a string");
      ok = false;
    } else if (!cs.asText().equals(ciphersuite)) {
      error(ptr + "/ciphersuite", "must be " + ciphersuite + ", not " + abbreviate(cs.asText()));
      ok = false;
    }
    return ok;
  }

  private static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  public byte[] hex(JsonNode node, String ptr) {
    if (node == null || !node.isTextual()) {
      error(ptr, "must be a hex string");
      return null;
    }
    byte[] b = Bytes.fromHex(node.asText());
    if (b == null) {
      error(ptr, "is not hexadecimal");
    }
    return b;
  }

  public E element(JsonNode node, String ptr) {
    byte[] b = hex(node, ptr);
    return b == null ? null : element(b, ptr);
  }

  public E element(byte[] b, String ptr) {
    try {
      return group.deserializeElement(b);
    } catch (InvalidEncodingException e) {
      error(ptr, "element " + e.reason().text());
      return null;
    }
  }

  public BigInteger scalar(JsonNode node, String ptr) {
    byte[] b = hex(node, ptr);
    if (b == null) {
      return null;
    }
    try {
      return group.deserializeScalar(b);
    } catch (InvalidEncodingException e) {
      error(ptr, "scalar " + e.reason().text());
      return null;
    }
  }

  /** An identifier in its serialized-scalar hex form (map keys and `identifier` fields). */
  public Identifier identifier(String hex, String ptr) {
    byte[] b = Bytes.fromHex(hex);
    if (b == null) {
      error(ptr, "identifier is not hexadecimal");
      return null;
    }
    try {
      BigInteger v = group.deserializeScalar(b);
      if (v.signum() == 0) {
        error(ptr, "identifier " + InvalidEncodingException.Reason.ZERO_IDENTIFIER.text());
        return null;
      }
      return new Identifier(v);
    } catch (InvalidEncodingException e) {
      error(ptr, "identifier " + e.reason().text());
      return null;
    }
  }

  public Identifier identifier(JsonNode node, String ptr) {
    if (node == null || !node.isTextual()) {
      error(ptr, "must be a hex string");
      return null;
    }
    return identifier(node.asText(), ptr);
  }

  /** A JSON integer in [min, max]. */
  public Integer integer(JsonNode node, String ptr, int min, int max) {
    if (node == null
        || !node.isIntegralNumber()
        || !node.canConvertToInt()
        || node.asInt() < min
        || node.asInt() > max) {
      error(ptr, "must be an integer from " + min + " to " + max);
      return null;
    }
    return node.asInt();
  }

  /** A map keyed by identifier hex; values read by {@code reader}; null if any part is invalid. */
  public <T> SortedMap<Identifier, T> identifierMap(
      JsonNode node, String ptr, java.util.function.BiFunction<JsonNode, String, T> reader) {
    if (node == null || !node.isObject()) {
      error(ptr, "must be an object keyed by identifier");
      return null;
    }
    int before = errors.size();
    SortedMap<Identifier, T> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = InvalidField.child(ptr, e.getKey());
      Identifier id = identifier(e.getKey(), p);
      T value = reader.apply(e.getValue(), p);
      if (id != null && value != null && out.put(id, value) != null) {
        error(p, "duplicated identifier");
      }
    }
    return errors.size() == before ? out : null;
  }

  private List<E> elementList(JsonNode node, String ptr) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      error(ptr, "must be a non-empty array of elements");
      return null;
    }
    int before = errors.size();
    List<E> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(element(node.get(i), InvalidField.child(ptr, i)));
    }
    return errors.size() == before ? out : null;
  }

  // ---- packages ----

  public SigningCommitments<E> signingCommitments(JsonNode node, String ptr) {
    JsonNode o = object(node, ptr, Set.of("header", "hiding", "binding"), Set.of());
    if (o == null) {
      return null;
    }
    boolean h = header(o.get("header"), ptr + "/header");
    E hiding = element(o.get("hiding"), ptr + "/hiding");
    E binding = element(o.get("binding"), ptr + "/binding");
    return h && hiding != null && binding != null
        ? new SigningCommitments<>(hiding, binding)
        : null;
  }

  public SigningPackage<E> signingPackage(JsonNode node, String ptr) {
    JsonNode o = object(node, ptr, Set.of("header", "signing_commitments", "message"), Set.of());
    if (o == null) {
      return null;
    }
    boolean h = header(o.get("header"), ptr + "/header");
    SortedMap<Identifier, SigningCommitments<E>> c =
        identifierMap(
            o.get("signing_commitments"), ptr + "/signing_commitments", this::signingCommitments);
    byte[] message = hex(o.get("message"), ptr + "/message");
    return h && c != null && message != null ? new SigningPackage<>(c, message) : null;
  }

  public SignatureShare signatureShare(JsonNode node, String ptr) {
    JsonNode o = object(node, ptr, Set.of("header", "share"), Set.of());
    if (o == null) {
      return null;
    }
    boolean h = header(o.get("header"), ptr + "/header");
    BigInteger s = scalar(o.get("share"), ptr + "/share");
    return h && s != null ? new SignatureShare(s) : null;
  }

  public SecretShare<E> secretShare(JsonNode node, String ptr) {
    JsonNode o =
        object(node, ptr, Set.of("header", "identifier", "signing_share", "commitment"), Set.of());
    if (o == null) {
      return null;
    }
    boolean h = header(o.get("header"), ptr + "/header");
    Identifier id = identifier(o.get("identifier"), ptr + "/identifier");
    BigInteger s = scalar(o.get("signing_share"), ptr + "/signing_share");
    List<E> c = elementList(o.get("commitment"), ptr + "/commitment");
    return h && id != null && s != null && c != null ? new SecretShare<>(id, s, c) : null;
  }

  public KeyPackage<E> keyPackage(JsonNode node, String ptr) {
    JsonNode o =
        object(
            node,
            ptr,
            Set.of(
                "header",
                "identifier",
                "signing_share",
                "verifying_share",
                "verifying_key",
                "min_signers"),
            Set.of());
    if (o == null) {
      return null;
    }
    boolean h = header(o.get("header"), ptr + "/header");
    Identifier id = identifier(o.get("identifier"), ptr + "/identifier");
    BigInteger s = scalar(o.get("signing_share"), ptr + "/signing_share");
    E vs = element(o.get("verifying_share"), ptr + "/verifying_share");
    E vk = element(o.get("verifying_key"), ptr + "/verifying_key");
    Integer min = integer(o.get("min_signers"), ptr + "/min_signers", 2, 65535);
    return h && id != null && s != null && vs != null && vk != null && min != null
        ? new KeyPackage<>(id, s, vs, vk, min)
        : null;
  }

  public PublicKeyPackage<E> publicKeyPackage(JsonNode node, String ptr) {
    JsonNode o =
        object(
            node,
            ptr,
            Set.of("header", "verifying_shares", "verifying_key"),
            Set.of("min_signers"));
    if (o == null) {
      return null;
    }
    boolean h = header(o.get("header"), ptr + "/header");
    SortedMap<Identifier, E> shares =
        identifierMap(o.get("verifying_shares"), ptr + "/verifying_shares", this::element);
    E vk = element(o.get("verifying_key"), ptr + "/verifying_key");
    Integer min = null;
    boolean minOk = true;
    if (o.has("min_signers") && !o.get("min_signers").isNull()) {
      min = integer(o.get("min_signers"), ptr + "/min_signers", 2, 65535);
      minOk = min != null;
    }
    return h && shares != null && vk != null && minOk
        ? new PublicKeyPackage<>(shares, vk, min)
        : null;
  }

  public Round1Package<E> round1Package(JsonNode node, String ptr) {
    JsonNode o = object(node, ptr, Set.of("header", "commitment", "proof_of_knowledge"), Set.of());
    if (o == null) {
      return null;
    }
    boolean h = header(o.get("header"), ptr + "/header");
    List<E> c = elementList(o.get("commitment"), ptr + "/commitment");
    Signature<E> proof = signature(o.get("proof_of_knowledge"), ptr + "/proof_of_knowledge");
    return h && c != null && proof != null ? new Round1Package<>(c, proof) : null;
  }

  public Round2Package round2Package(JsonNode node, String ptr) {
    JsonNode o = object(node, ptr, Set.of("header", "signing_share"), Set.of());
    if (o == null) {
      return null;
    }
    boolean h = header(o.get("header"), ptr + "/header");
    BigInteger s = scalar(o.get("signing_share"), ptr + "/signing_share");
    return h && s != null ? new Round2Package(s) : null;
  }

  /** A repair delta: a scalar's hex string (frost-core serializes {@code Delta} transparently). */
  public Delta delta(JsonNode node, String ptr) {
    BigInteger s = scalar(node, ptr);
    return s == null ? null : new Delta(s);
  }

  /** A repair sigma: a scalar's hex string (frost-core serializes {@code Sigma} transparently). */
  public Sigma sigma(JsonNode node, String ptr) {
    BigInteger s = scalar(node, ptr);
    return s == null ? null : new Sigma(s);
  }

  /**
   * A signature or proof of knowledge in the suite's serialization (default SerializeElement(R) ||
   * SerializeScalar(z)).
   */
  public Signature<E> signature(JsonNode node, String ptr) {
    byte[] b = hex(node, ptr);
    if (b == null) {
      return null;
    }
    try {
      return suite.deserializeSignature(b);
    } catch (InvalidEncodingException e) {
      error(ptr, "signature " + e.reason().text());
      return null;
    }
  }
}
