package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.StoreMode;
import dev.frostsandbox.testing.SuiteContract;
import dev.frostsandbox.testing.SuiteUnderTest;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.params.provider.Arguments;

/**
 * signer-eddsa's ciphersuite as the HTTP contracts test it; signatures verify as plain RFC 8032
 * Ed25519.
 */
final class EddsaSuites {
  private EddsaSuites() {}

  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final String T8 =
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a";

  static final SuiteUnderTest<Ed25519Point> ED25519 =
      new SuiteUnderTest<>(
          EddsaService.DEFINITION,
          SuiteUnderTest.binding(EddsaService.DEFINITION, "FROST-ED25519-SHA512-v1"),
          "eddsa",
          "FROST-secp256k1-SHA256-v1",
          (message, signature, key) ->
              Ed25519.verify(signature, 0, key, 0, message, 0, message.length),
          EddsaSuites::invalidElements);

  /**
   * Every suite the HTTP contracts run over (EddsaServiceTest, EddsaErrorsTest, EddsaQuotaTest,
   * EddsaInstancesTest): a new ciphersuite is one constant above and one entry here.
   */
  static final List<SuiteUnderTest<Ed25519Point>> ALL = List.of(ED25519);

  /**
   * Each suite on the embedded store and on Redis: the @MethodSource of the parameterised
   * contracts.
   */
  static Stream<Arguments> onEveryStore() {
    return SuiteContract.suitesTimesStores(ALL, StoreMode.MEMORY, StoreMode.REDIS);
  }

  /** Each suite on Redis (the instances contract shares one Redis between instances). */
  static Stream<Arguments> onRedis() {
    return SuiteContract.suitesTimesStores(ALL, StoreMode.REDIS);
  }

  /** Ed25519 encodings the group must reject: small and mixed order, non-canonical, off curve. */
  private static Map<String, String> invalidElements() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("identity", "0100000000000000000000000000000000000000000000000000000000000000");
    m.put("order 2", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    m.put("order 4", "0000000000000000000000000000000000000000000000000000000000000080");
    m.put("order 8", T8);
    Ed25519Point mixed =
        TestSupport.G.add(TestSupport.G.generator(), Ed25519Group.decompress(TestSupport.hex(T8)));
    m.put("mixed order", TestSupport.hex(mixed.encode()));
    m.put(
        "non-canonical y = p", "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    m.put(
        "x = 0 with sign bit", "0100000000000000000000000000000000000000000000000000000000000080");
    m.put("off curve", TestSupport.hex(offCurve()));
    return m;
  }

  /** The first y for which (y^2 - 1)/(d y^2 + 1) is not a square: no point has it. */
  private static byte[] offCurve() {
    BigInteger d =
        BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    BigInteger exp = P.subtract(BigInteger.ONE).shiftRight(1);
    for (int y = 2; ; y++) {
      BigInteger yy = BigInteger.valueOf(y);
      BigInteger x2 =
          yy.multiply(yy)
              .subtract(BigInteger.ONE)
              .multiply(d.multiply(yy).multiply(yy).add(BigInteger.ONE).modInverse(P))
              .mod(P);
      if (x2.signum() != 0 && !x2.modPow(exp, P).equals(BigInteger.ONE)) {
        byte[] le = new byte[32];
        le[0] = (byte) y;
        return le;
      }
    }
  }
}
