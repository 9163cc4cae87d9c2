package dev.frostsandbox.eddsa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Results of one operation used as inputs of the next. A multiplication that ended on doublings
 * once returned a point with a stale T coordinate: equal and encode looked right (they ignore T),
 * but the next addition was wrong. The RFC 9591 vectors caught it; this pins it down directly.
 */
class Ed25519ChainedOpsTest {

  private final Ed25519Group g = Ed25519Group.INSTANCE;
  private final BigInteger l = g.order();

  @Test
  void outputsOfEveryMultiplicationAddCorrectly() {
    Random rnd = new Random(7);
    for (int i = 0; i < 100; i++) {
      BigInteger p = new BigInteger(256, rnd).mod(l);
      BigInteger q = new BigInteger(256, rnd).mod(l);
      // trailing zero bits make the last NAF positions empty: the loop ends on doublings
      BigInteger a = new BigInteger(240, rnd).shiftLeft(i % 12).mod(l);
      BigInteger b = new BigInteger(240, rnd).shiftLeft((i + 5) % 12).mod(l);
      Ed25519Point pp = g.multiplyBase(p);
      Ed25519Point qq = g.multiplyBase(q);
      BigInteger expected = p.multiply(a).add(q.multiply(b)).mod(l);
      Ed25519Point viaMultiply = g.add(g.multiply(pp, a), g.multiply(qq, b));
      Ed25519Point viaAll = g.add(g.multiplyAll(List.of(pp, qq), List.of(a, b)), g.identity());
      Ed25519Point viaBase =
          g.add(g.multiplyBase(p.multiply(a).mod(l)), g.multiplyBase(q.multiply(b).mod(l)));
      assertTrue(g.equal(viaMultiply, g.multiplyBase(expected)), "multiply then add, i=" + i);
      assertTrue(g.equal(viaAll, g.multiplyBase(expected)), "multiplyAll then add, i=" + i);
      assertTrue(g.equal(viaBase, g.multiplyBase(expected)), "multiplyBase then add, i=" + i);
      assertTrue(
          g.equal(g.subtract(viaMultiply, g.multiply(qq, b)), g.multiply(pp, a)),
          "subtract, i=" + i);
    }
  }
}
