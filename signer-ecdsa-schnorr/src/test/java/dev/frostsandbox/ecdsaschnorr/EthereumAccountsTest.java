package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** A secp256k1 key's relay account is its Ethereum address. */
class EthereumAccountsTest {

  private static final Frost<ECPoint> FROST = new Frost<>(Secp256k1Sha256.INSTANCE);

  private static String account(long secret) {
    ECPoint pk = Secp256k1Group.INSTANCE.multiplyBase(BigInteger.valueOf(secret));
    return "0x" + Bytes.toHex(EthereumAccounts.INSTANCE.account(FROST, pk));
  }

  @Test
  void theAddressesOfWellKnownKeys() {
    // the public addresses of the private keys 1, 2 and 3, as every Ethereum tool shows them
    assertEquals("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", account(1));
    assertEquals("0x2b5ad5c4795c026514f8317c7a215e218dccd6cf", account(2));
    assertEquals("0x6813eb9362372eef6200f3b1dbc3f819671cba69", account(3));
  }

  @Test
  void theTestsOwnDerivationAgreesForEvenAndOddY() {
    ECPoint one = Secp256k1Group.INSTANCE.multiplyBase(BigInteger.ONE);
    assertEquals(
        "7e5f4552091a69125d5dfcb7b8c2659029395bdf",
        Bytes.toHex(
            EcdsaSchnorrSuites.ethereumAddress(Secp256k1Group.INSTANCE.serializeElement(one))));
    // the first multiple of G with an odd y (compressed prefix 03)
    long k = 1;
    while (Secp256k1Group.INSTANCE
            .serializeElement(Secp256k1Group.INSTANCE.multiplyBase(BigInteger.valueOf(k)))[0]
        != 3) {
      k++;
    }
    ECPoint odd = Secp256k1Group.INSTANCE.multiplyBase(BigInteger.valueOf(k));
    assertEquals(
        account(k).substring(2),
        Bytes.toHex(
            EcdsaSchnorrSuites.ethereumAddress(Secp256k1Group.INSTANCE.serializeElement(odd))));
  }
}
