package dev.frostsandbox.signer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The journal's bodies: cut one by one, bounded per tenant, freed with their entries. */
class RequestJournalTest {

  private static RequestJournal.Entry entry(
      String id, String tenant, String keyid, String request, String response) {
    return new RequestJournal.Entry(
        id, Instant.EPOCH, "POST", "/p/" + keyid, keyid, 200, 1, null, tenant, request, response);
  }

  @Test
  void aLongBodyIsCutAndMarked() {
    RequestJournal j = new RequestJournal(10, true);
    String kept =
        j.keep("x".repeat(RequestJournal.MAX_BODY_CHARS + 1).getBytes(StandardCharsets.UTF_8));
    assertEquals(RequestJournal.MAX_BODY_CHARS + RequestJournal.CUT.length(), kept.length());
    assertTrue(kept.endsWith(RequestJournal.CUT));
    assertEquals("{}", j.keep("{}".getBytes(StandardCharsets.UTF_8)));
    assertNull(
        new RequestJournal(10, false).keep("{}".getBytes(StandardCharsets.UTF_8)),
        "off: nothing kept");
  }

  @Test
  void aTenantsBodiesAreBoundedOldestDroppedFirstTheirEntriesStay() {
    int perEntry = 2 * RequestJournal.MAX_BODY_CHARS;
    int fit = (int) (RequestJournal.MAX_TENANT_BODY_CHARS / perEntry);
    RequestJournal j = new RequestJournal(100_000, true);
    String body = "b".repeat(RequestJournal.MAX_BODY_CHARS);
    for (int i = 0; i < fit + 10; i++) {
      j.add(entry("r" + i, "alice", "k", body, body));
    }
    j.add(entry("bob-1", "bob", "k", "{}", "{}"));

    assertEquals(fit + 10, j.ofKey("alice", "k").size(), "every entry stays");
    assertNull(j.find("alice", "r0").requestBody(), "the oldest lost their bodies");
    assertNull(j.find("alice", "r9").responseBody());
    assertEquals(body, j.find("alice", "r10").requestBody(), "the newest that fit kept theirs");
    assertEquals(body, j.find("alice", "r" + (fit + 9)).responseBody());
    assertEquals("{}", j.find("bob", "bob-1").requestBody(), "another tenant's budget is its own");
    assertTrue(
        j.recent("alice", 5).stream().allMatch(e -> e.requestBody() == null),
        "listings carry no bodies");
  }

  @Test
  void anEntryLeavingTheRingTakesItsBodiesAlong() {
    RequestJournal j = new RequestJournal(2, true);
    j.add(entry("a", "t", "k", "{\"a\":1}", null));
    j.add(entry("b", "t", "k", "{\"b\":1}", null));
    j.add(entry("c", "t", "k", "{\"c\":1}", "{}"));
    assertNull(j.find("t", "a"));
    assertNotNull(j.find("t", "b").requestBody());
    assertEquals("{}", j.find("t", "c").responseBody());
    assertEquals(2, j.ofKey("t", "k").size());
    j.clear("t");
    assertNull(j.find("t", "c"));
  }
}
