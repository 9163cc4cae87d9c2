package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.testing.StoreMode;
import dev.frostsandbox.testing.SuiteContract;
import dev.frostsandbox.testing.SuiteUnderTest;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.params.provider.Arguments;

/** signer-ecdsa-schnorr's ciphersuites as the HTTP contracts test them. */
final class EcdsaSchnorrSuites {
  private EcdsaSchnorrSuites() {}

  private static final BigInteger P =
      BigInteger.TWO.pow(256).subtract(BigInteger.TWO.pow(32)).subtract(BigInteger.valueOf(977));

  static final SuiteUnderTest<ECPoint> SHA256 =
      new SuiteUnderTest<>(
          EcdsaSchnorrService.DEFINITION,
          SuiteUnderTest.binding(EcdsaSchnorrService.DEFINITION, "FROST-secp256k1-SHA256-v1"),
          "ecdsa",
          "FROST-secp256k1-POSEIDON-v1",
          Secp256k1SchnorrVerifier::verify,
          EcdsaSchnorrSuites::invalidElements);

  static final SuiteUnderTest<ECPoint> POSEIDON =
      new SuiteUnderTest<>(
          EcdsaSchnorrService.DEFINITION,
          SuiteUnderTest.binding(EcdsaSchnorrService.DEFINITION, "FROST-secp256k1-POSEIDON-v1"),
          "ecdsa",
          "FROST-secp256k1-SHA256-v1",
          PoseidonDefinitionVerifier::verify,
          EcdsaSchnorrSuites::invalidElements);

  /** Taproot: signatures checked by the independent BIP-340 verifier under the x-only group key. */
  static final SuiteUnderTest<ECPoint> TAPROOT =
      new SuiteUnderTest<>(
          EcdsaSchnorrService.DEFINITION,
          SuiteUnderTest.binding(EcdsaSchnorrService.DEFINITION, "FROST-secp256k1-SHA256-TR-v1"),
          "ecdsa",
          "FROST-secp256k1-SHA256-v1",
          Bip340Verifier::verifyCompressedKey,
          EcdsaSchnorrSuites::invalidElements);

  /**
   * Every suite the HTTP contracts run over (EcdsaSchnorrServiceTest, EcdsaSchnorrErrorsTest,
   * EcdsaSchnorrInstancesTest; EcdsaSchnorrRelayTest over {@link #RELAYING}): a new ciphersuite is
   * one constant above and one entry here.
   */
  static final List<SuiteUnderTest<ECPoint>> ALL = List.of(SHA256, POSEIDON, TAPROOT);

  /**
   * The suites whose keys relay (a RelayScheme: Ethereum accounts); Taproot keys answer the relay's
   * 422, which TaprootSigningTest pins.
   */
  static final List<SuiteUnderTest<ECPoint>> RELAYING = List.of(SHA256, POSEIDON);

  /**
   * Each suite on the embedded store and on Redis: the @MethodSource of the parameterised
   * contracts.
   */
  static Stream<Arguments> onEveryStore() {
    return SuiteContract.suitesTimesStores(ALL, StoreMode.MEMORY, StoreMode.REDIS);
  }

  /** Each relaying suite on the embedded store and on Redis. */
  static Stream<Arguments> relayingOnEveryStore() {
    return SuiteContract.suitesTimesStores(RELAYING, StoreMode.MEMORY, StoreMode.REDIS);
  }

  /** Each suite on Redis (the instances contract shares one Redis between instances). */
  static Stream<Arguments> onRedis() {
    return SuiteContract.suitesTimesStores(ALL, StoreMode.REDIS);
  }

  /**
   * The Ethereum address of a compressed secp256k1 point, by hand: y from x (p = 3 mod 4, so the
   * square root is a power), then the last 20 bytes of Keccak-256(X || Y) with the tests' Keccak.
   */
  static byte[] ethereumAddress(byte[] compressed) {
    BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(compressed, 1, 33));
    BigInteger y =
        x.pow(3).add(BigInteger.valueOf(7)).mod(P).modPow(P.add(BigInteger.ONE).shiftRight(2), P);
    if (y.testBit(0) != (compressed[0] == 3)) {
      y = P.subtract(y);
    }
    byte[] xy = Bytes.concat(Bytes.fromHex(hex32(x)), Bytes.fromHex(hex32(y)));
    return java.util.Arrays.copyOfRange(dev.frostsandbox.testing.TestKeccak.keccak256(xy), 12, 32);
  }

  private static String hex32(BigInteger x) {
    String h = x.toString(16);
    return "0".repeat(64 - h.length()) + h;
  }

  private static boolean onCurve(BigInteger x) {
    BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
    return rhs.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
  }

  /** secp256k1 encodings the group must reject. */
  private static Map<String, String> invalidElements() {
    String g =
        Bytes.toHex(Secp256k1Group.INSTANCE.serializeElement(Secp256k1Group.INSTANCE.generator()));
    BigInteger off = BigInteger.ONE;
    while (onCurve(off)) {
      off = off.add(BigInteger.ONE);
    }
    BigInteger small = BigInteger.ONE;
    while (!onCurve(small)) {
      small = small.add(BigInteger.ONE);
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("identity (33 zero bytes)", "00".repeat(33));
    m.put("prefix 04", "04" + g.substring(2));
    m.put("prefix 00", "00" + g.substring(2));
    m.put("off curve", "02" + hex32(off));
    m.put("x = p", "02" + hex32(P));
    m.put("x + p alias", "02" + hex32(small.add(P)));
    m.put("x all ones", "03" + "ff".repeat(32));
    return m;
  }
}
