package dev.frostsandbox.signer.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.signer.http.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Path patterns of fault rules: their size estimate, the bounds it enforces, and where a match
 * runs.
 */
class FaultRulePatternTest {

  private static FaultRule rule(String member, String pattern, List<InvalidField> errors) {
    ObjectNode o = Json.object();
    o.put(member, pattern);
    o.put("fault", "conflict");
    return FaultRule.parse(o, "f1", 0, false, errors);
  }

  @Test
  void sizeCountsUnitsAndMultipliesCountedRepetitions() {
    assertEquals(3, FaultRule.regexSize("abc"));
    assertEquals(64, FaultRule.regexSize("[0-9a-f]{64}"));
    assertEquals(36, FaultRule.regexSize("(.*a){12}"));
    assertEquals(FaultRule.MAX_REGEX_SIZE + 1, FaultRule.regexSize("((a{100}){100}){100}"));
    assertEquals(FaultRule.MAX_REGEX_SIZE + 1, FaultRule.regexSize("(?:x{40}){40}"));
    // escapes, quoting, classes with brackets and flags are single units, not structure
    assertEquals(4, FaultRule.regexSize("\\Qa{9}\\E"));
    assertEquals(2, FaultRule.regexSize("[]{(]\\{"));
    assertEquals(3, FaultRule.regexSize("(?i)a(?P<n>b)[[:alpha:]]"));
    // a brace that is no repetition is a literal
    assertEquals(4, FaultRule.regexSize("a{,5"));
  }

  @Test
  void theSizeBoundIsWhatRe2jCanBuildQuickly() {
    List<InvalidField> errors = new ArrayList<>();
    assertNull(rule("path_regex", "(a{1000}){1000}", errors));
    assertEquals("/path_regex", errors.get(0).pointer());
    errors.clear();
    assertNull(
        rule("path", "/" + "*/".repeat(400), errors), "400 wildcards of 2 units and 400 slashes");
    assertEquals("/path", errors.get(0).pointer());
    errors.clear();
    FaultRule ok = rule("path_regex", "/signers/eddsa/keys/k[0-9a-f]{64}", errors);
    assertNotNull(ok, errors.toString());
    assertTrue(ok.size() > 64 && ok.size() < 100, "size " + ok.size());
  }

  @Test
  void aPathLongerThanTheBoundMatchesNoPattern() {
    List<InvalidField> errors = new ArrayList<>();
    FaultRule any = rule("path_regex", "/.*", errors);
    assertTrue(any.matches("GET", "/" + "x".repeat(FaultRule.MAX_MATCHED_PATH - 1), null, 0));
    assertTrue(!any.matches("GET", "/" + "x".repeat(FaultRule.MAX_MATCHED_PATH), null, 0));
  }

  @Test
  void cheapRuleSetsAreMatchedInlineExpensiveOnesOnAWorker() {
    List<InvalidField> errors = new ArrayList<>();
    FaultRule catastrophic = rule("path_regex", "(.*a){12}$", errors);
    String apiPath = "/signers/ecdsa-schnorr/sign/round2/" + "k".repeat(128);
    // the finding's pattern on the longest API path: inline
    assertTrue(
        FaultRules.matchCost(List.of(catastrophic), apiPath) <= FaultRules.INLINE_MATCH_BUDGET);
    // typical rules, ten of them: inline
    FaultRule typical = rule("path", "/signers/eddsa/keys/*", errors);
    assertTrue(
        FaultRules.matchCost(Collections.nCopies(10, typical), apiPath)
            <= FaultRules.INLINE_MATCH_BUDGET);
    // large patterns on a long path: a worker
    FaultRule big = rule("path_regex", "(.*a){300}$", errors);
    assertTrue(
        FaultRules.matchCost(List.of(big), "/" + "a".repeat(FaultRule.MAX_MATCHED_PATH - 1))
            > FaultRules.INLINE_MATCH_BUDGET);
    assertEquals(
        0,
        FaultRules.matchCost(List.of(big), "/" + "a".repeat(FaultRule.MAX_MATCHED_PATH)),
        "never tried");
    // keyid and method rules have no pattern: free
    FaultRule keyOnly =
        FaultRule.parse(
            Json.object().put("keyid", "k").put("fault", "conflict"), "f2", 0, false, errors);
    assertEquals(0, FaultRules.matchCost(Collections.nCopies(50, keyOnly), apiPath));
    assertTrue(errors.isEmpty(), errors.toString());
  }
}
