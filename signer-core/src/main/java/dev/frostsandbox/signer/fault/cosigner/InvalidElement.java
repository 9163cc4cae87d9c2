package dev.frostsandbox.signer.fault.cosigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.InvalidElementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code invalid-element}: one element of a rendered answer replaced by an encoding the group's
 * DeserializeElement must reject ({@link Group#invalidElementEncodings()}). An invalid element has
 * no typed value, so this works on the answer's JSON, after rendering. The element chosen, by the
 * first of these the answer carries:
 *
 * <ol>
 *   <li>{@code /signing_commitments/hiding}: sign, sign/round1;
 *   <li>{@code /round1_package/commitment/0}: dkg/round1 (the server's phi_0);
 *   <li>{@code /verifying_key} and {@code /public_key_package/verifying_key}, both, so that the
 *       answer stays self-consistent: dkg/round2, GET keys;
 *   <li>R, the first element-length bytes of {@code /signature}: aggregate.
 * </ol>
 *
 * sign/round2 answers a scalar only and carries no element.
 */
public final class InvalidElement {
  private InvalidElement() {}

  /** The variant when the client names none: every group has an off-curve encoding. */
  public static final InvalidElementKind DEFAULT_KIND = InvalidElementKind.OFF_CURVE;

  /** The variants a group offers (small-order only where the cofactor is not 1). */
  public static Set<InvalidElementKind> kinds(Group<?> group) {
    return group.invalidElementEncodings().keySet();
  }

  /**
   * Replaces the element (see the class comment) in {@code answer}, in place; returns the JSON
   * Pointers replaced, empty when the answer carries no element (it is then left as it is).
   *
   * @throws IllegalArgumentException when the group has no encoding of {@code kind}
   */
  public static List<String> corrupt(Group<?> group, ObjectNode answer, InvalidElementKind kind) {
    byte[] bad = group.invalidElementEncodings().get(kind);
    if (bad == null) {
      throw new IllegalArgumentException("this group has no " + kind.slug() + " element encoding");
    }
    String hex = Bytes.toHex(bad);
    List<String> replaced = new ArrayList<>();
    JsonNode commitments = answer.get("signing_commitments");
    if (commitments instanceof ObjectNode c && c.path("hiding").isTextual()) {
      c.put("hiding", hex);
      replaced.add("/signing_commitments/hiding");
      return replaced;
    }
    JsonNode commitment = answer.path("round1_package").get("commitment");
    if (commitment instanceof ArrayNode a && !a.isEmpty() && a.get(0).isTextual()) {
      a.set(0, answer.textNode(hex));
      replaced.add("/round1_package/commitment/0");
      return replaced;
    }
    if (answer.path("verifying_key").isTextual()) {
      answer.put("verifying_key", hex);
      replaced.add("/verifying_key");
    }
    JsonNode pub = answer.get("public_key_package");
    if (pub instanceof ObjectNode p && p.path("verifying_key").isTextual()) {
      p.put("verifying_key", hex);
      replaced.add("/public_key_package/verifying_key");
    }
    if (!replaced.isEmpty()) {
      return replaced;
    }
    JsonNode signature = answer.get("signature");
    int rHex = 2 * group.elementLength();
    if (signature != null && signature.isTextual() && signature.asText().length() > rHex) {
      answer.put("signature", hex + signature.asText().substring(rHex));
      replaced.add("/signature");
    }
    return replaced;
  }
}
