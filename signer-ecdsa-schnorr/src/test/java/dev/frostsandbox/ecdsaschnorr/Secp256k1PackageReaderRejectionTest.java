package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.InvalidEncodingException.Reason;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.frost.json.InvalidPackageException;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.testing.FrostPropertyChecks;
import java.math.BigInteger;
import java.util.List;
import java.util.function.BiFunction;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The strict JSON reader on invalid secp256k1 encodings: each is rejected with the pointer of the
 * field and the reason. (secp256k1 has no 33-byte identity encoding; SEC1's one-byte 0x00 and other
 * prefixes are rejected instead.)
 */
class Secp256k1PackageReaderRejectionTest {

  private static final Secp256k1Group G = Secp256k1Group.INSTANCE;
  private static final BigInteger P =
      new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);
  private static final BigInteger N = G.order();

  private final Frost<ECPoint> frost = new Frost<>(Secp256k1Sha256.INSTANCE);
  private final FrostJson<ECPoint> json = frost.json();
  private final ECPoint point = G.multiplyBase(BigInteger.valueOf(12345));
  private final String valid = Bytes.toHex(G.serializeElement(point));

  private static String hex32(BigInteger v) {
    return String.format("%064x", v);
  }

  /** An x with x^3 + 7 not a square mod p: no point has it. */
  private static BigInteger offCurveX() {
    BigInteger exp = P.subtract(BigInteger.ONE).shiftRight(1);
    for (BigInteger x = BigInteger.ONE; ; x = x.add(BigInteger.ONE)) {
      BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
      if (!rhs.modPow(exp, P).equals(BigInteger.ONE)) {
        return x;
      }
    }
  }

  private ObjectNode commitments() {
    ObjectNode o =
        json.signingCommitments(
            frost.signing().noncesFrom(BigInteger.TWO, BigInteger.TEN).commitments());
    return o;
  }

  private static <T> InvalidField rejectedAt(
      PackageReader<ECPoint> reader, T value, String pointer, String reason) {
    assertNull(value);
    InvalidPackageException e = assertThrows(InvalidPackageException.class, reader::finish);
    assertEquals(1, e.errors().size(), e.errors().toString());
    InvalidField f = e.errors().get(0);
    assertEquals(pointer, f.pointer());
    assertTrue(f.detail().contains(reason), f.detail() + " should say " + reason);
    assertTrue(e.getMessage().startsWith(pointer + ": "), e.getMessage());
    return f;
  }

  private void hidingRejected(String hidingHex, Reason reason) {
    ObjectNode doc = commitments();
    doc.put("hiding", hidingHex);
    PackageReader<ECPoint> reader = json.reader();
    rejectedAt(reader, reader.signingCommitments(doc, ""), "/hiding", reason.text());
    // the same inside a signing package names the nested field
    ObjectNode pkg =
        json.signingPackage(
            new dev.frostsandbox.frost.signing.SigningPackage<>(
                new java.util.TreeMap<>(
                    java.util.Map.of(
                        Identifier.of(3),
                        frost.signing().noncesFrom(BigInteger.TWO, BigInteger.TEN).commitments())),
                new byte[] {1}));
    ((ObjectNode) pkg.get("signing_commitments").get(hex32(BigInteger.valueOf(3))))
        .put("hiding", hidingHex);
    PackageReader<ECPoint> r2 = json.reader();
    rejectedAt(
        r2,
        r2.signingPackage(pkg, ""),
        "/signing_commitments/" + hex32(BigInteger.valueOf(3)) + "/hiding",
        reason.text());
  }

  @Test
  void validDocumentIsAccepted() throws Exception {
    PackageReader<ECPoint> reader = json.reader();
    assertNotNull(reader.signingCommitments(commitments(), ""));
    reader.finish();
  }

  @Test
  void identityLikeEncodingsAreRejected() {
    // SEC1's identity is the single byte 00: wrong length for FROST
    hidingRejected("00", Reason.WRONG_LENGTH);
    // 33 zero bytes, and prefixes other than 02/03 (00, 01, 04, 05, ff)
    hidingRejected("00".repeat(33), Reason.NON_CANONICAL);
    for (String prefix : List.of("00", "01", "04", "05", "06", "07", "ff")) {
      hidingRejected(prefix + valid.substring(2), Reason.NON_CANONICAL);
    }
    // the uncompressed form of a valid point
    hidingRejected(Bytes.toHex(point.normalize().getEncoded(false)), Reason.WRONG_LENGTH);
  }

  @Test
  void offCurvePointIsRejected() {
    BigInteger x = offCurveX();
    hidingRejected("02" + hex32(x), Reason.NOT_ON_CURVE);
    hidingRejected("03" + hex32(x), Reason.NOT_ON_CURVE);
  }

  @Test
  void nonCanonicalXIsRejected() {
    // x >= p: x = p + x0 for a valid x0 would decode to a valid point if reduced
    hidingRejected("02" + hex32(P), Reason.NON_CANONICAL);
    hidingRejected("02" + hex32(P.add(BigInteger.ONE)), Reason.NON_CANONICAL);
    hidingRejected("03" + "ff".repeat(32), Reason.NON_CANONICAL);
    BigInteger small = BigInteger.ONE;
    while (!onCurve(small)) {
      small = small.add(BigInteger.ONE);
    }
    // small is a valid x; small + p fits in 256 bits and must not be accepted as an alias
    assertTrue(small.add(P).bitLength() <= 256);
    hidingRejected("02" + hex32(small.add(P)), Reason.NON_CANONICAL);
    String alias = "02" + hex32(small.add(P));
    assertThrows(InvalidEncodingException.class, () -> G.deserializeElement(Bytes.fromHex(alias)));
  }

  private static boolean onCurve(BigInteger x) {
    BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
    return rhs.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
  }

  @Test
  void wrongLengthAndNonHexElements() {
    hidingRejected(valid.substring(0, 64), Reason.WRONG_LENGTH);
    hidingRejected(valid + "00", Reason.WRONG_LENGTH);
    ObjectNode doc = commitments();
    doc.put("binding", valid.substring(0, 65));
    PackageReader<ECPoint> reader = json.reader();
    rejectedAt(reader, reader.signingCommitments(doc, ""), "/binding", "hex");
    doc = commitments();
    doc.put("binding", "g" + valid.substring(1));
    reader = json.reader();
    rejectedAt(reader, reader.signingCommitments(doc, ""), "/binding", "hex");
  }

  private void scalarRejected(
      ObjectNode doc,
      String field,
      BiFunction<PackageReader<ECPoint>, JsonNode, ?> read,
      String pointer) {
    for (BigInteger bad :
        List.of(
            N, N.add(BigInteger.ONE), P, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))) {
      ObjectNode d = doc.deepCopy();
      d.put(field, hex32(bad));
      PackageReader<ECPoint> reader = json.reader();
      rejectedAt(reader, read.apply(reader, d), pointer, Reason.SCALAR_OUT_OF_RANGE.text());
    }
    ObjectNode d = doc.deepCopy();
    d.put(field, hex32(N.subtract(BigInteger.ONE)));
    PackageReader<ECPoint> reader = json.reader();
    assertNotNull(read.apply(reader, d));
    assertTrue(reader.errors().isEmpty());
    d.put(field, hex32(N).substring(2));
    reader = json.reader();
    rejectedAt(reader, read.apply(reader, d), pointer, Reason.WRONG_LENGTH.text());
  }

  @Test
  void scalarOutOfRangeIsRejected() {
    scalarRejected(
        json.signatureShare(new dev.frostsandbox.frost.signing.SignatureShare(BigInteger.TEN)),
        "share",
        (r, n) -> r.signatureShare(n, ""),
        "/share");
    scalarRejected(
        json.round2Package(new dev.frostsandbox.frost.dkg.Round2Package(BigInteger.TEN)),
        "signing_share",
        (r, n) -> r.round2Package(n, ""),
        "/signing_share");
    var dealt = frost.dealer().generate(3, 2, FrostPropertyChecks.seeded(11));
    var share = dealt.shares().get(Identifier.of(2));
    scalarRejected(
        json.secretShare(share), "signing_share", (r, n) -> r.secretShare(n, ""), "/signing_share");
    scalarRejected(
        json.keyPackage(frost.dealer().keyPackage(share)),
        "signing_share",
        (r, n) -> r.keyPackage(n, ""),
        "/signing_share");
    // identifiers must be in [1, n)
    ObjectNode d = json.secretShare(share);
    d.put("identifier", hex32(N));
    PackageReader<ECPoint> reader = json.reader();
    rejectedAt(reader, reader.secretShare(d, ""), "/identifier", Reason.SCALAR_OUT_OF_RANGE.text());
    d.put("identifier", hex32(BigInteger.ZERO));
    reader = json.reader();
    rejectedAt(reader, reader.secretShare(d, ""), "/identifier", Reason.ZERO_IDENTIFIER.text());
    // an invalid element inside the commitment array names its index
    d = json.secretShare(share);
    ((ArrayNode) d.get("commitment")).set(1, json.element(point).replaceFirst("^0[23]", "04"));
    reader = json.reader();
    rejectedAt(reader, reader.secretShare(d, ""), "/commitment/1", Reason.NON_CANONICAL.text());
  }

  @Test
  void proofOfKnowledgeWithBadPartsIsRejected() {
    var part1 = frost.dkg().part1(Identifier.of(1), 3, 2, FrostPropertyChecks.seeded(12));
    ObjectNode doc = json.round1Package(part1.package_());
    String proof = doc.get("proof_of_knowledge").asText();
    String r = proof.substring(0, 66);
    for (String[] bad :
        new String[][] {
          {r + hex32(N), Reason.SCALAR_OUT_OF_RANGE.text()},
          {"02" + hex32(offCurveX()) + proof.substring(66), Reason.NOT_ON_CURVE.text()},
          {"04" + proof.substring(2), Reason.NON_CANONICAL.text()},
          {proof.substring(2), Reason.WRONG_LENGTH.text()}
        }) {
      ObjectNode d = doc.deepCopy();
      d.put("proof_of_knowledge", bad[0]);
      PackageReader<ECPoint> reader = json.reader();
      rejectedAt(reader, reader.round1Package(d, ""), "/proof_of_knowledge", bad[1]);
    }
  }

  @Test
  void verifyingSharesAndKeyAreChecked() {
    var dealt = frost.dealer().generate(3, 2, FrostPropertyChecks.seeded(13));
    ObjectNode doc = json.publicKeyPackage(dealt.publicKeyPackage());
    ObjectNode d = doc.deepCopy();
    d.put("verifying_key", "02" + hex32(offCurveX()));
    PackageReader<ECPoint> reader = json.reader();
    rejectedAt(
        reader, reader.publicKeyPackage(d, ""), "/verifying_key", Reason.NOT_ON_CURVE.text());
    d = doc.deepCopy();
    ((ObjectNode) d.get("verifying_shares")).put(hex32(BigInteger.TWO), "02" + hex32(P));
    reader = json.reader();
    rejectedAt(
        reader,
        reader.publicKeyPackage(d, ""),
        "/verifying_shares/" + hex32(BigInteger.TWO),
        Reason.NON_CANONICAL.text());
  }
}
