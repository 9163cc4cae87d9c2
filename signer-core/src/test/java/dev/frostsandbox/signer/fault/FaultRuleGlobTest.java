package dev.frostsandbox.signer.fault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

class FaultRuleGlobTest {

  @Test
  void starStaysInASegmentDoubleStarCrossesThem() {
    Pattern one = FaultRule.glob("/signers/eddsa/keys/*");
    assertTrue(one.matcher("/signers/eddsa/keys/abc").matches());
    assertFalse(one.matcher("/signers/eddsa/keys/abc/def").matches());
    assertFalse(one.matcher("/signers/eddsa/dkg/round1/abc").matches());
    Pattern any = FaultRule.glob("/signers/**");
    assertTrue(any.matcher("/signers/eddsa/dkg/round1/abc").matches());
    Pattern literal = FaultRule.glob("/a.b/c?");
    assertTrue(literal.matcher("/a.b/c1").matches());
    assertFalse(literal.matcher("/aXb/c1").matches(), "a dot is literal");
  }
}
