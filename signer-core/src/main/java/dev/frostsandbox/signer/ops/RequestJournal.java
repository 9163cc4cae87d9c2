package dev.frostsandbox.signer.ops;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last N requests of this instance (SIGNER_JOURNAL_SIZE), for the sandbox console. Only
 * request metadata is kept: never bodies or credentials. Shared by all event loops, so guarded by
 * a lock held for a few pointer moves only.
 */
public final class RequestJournal {

  /** One request. {@code tenant} scopes visibility and is not shown. */
  public record Entry(
      String requestId,
      Instant time,
      String method,
      String path,
      String keyid,
      int status,
      double latencyMs,
      String fault,
      String tenant) {}

  private final int capacity;
  private final ArrayDeque<Entry> entries;

  public RequestJournal(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  public int capacity() {
    return capacity;
  }

  public void add(Entry e) {
    if (capacity == 0) {
      return;
    }
    synchronized (entries) {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(e);
    }
  }

  /** Newest first: entries of {@code tenant} and entries without a tenant (unauthenticated). */
  public List<Entry> recent(String tenant, int limit) {
    List<Entry> out = new ArrayList<>();
    synchronized (entries) {
      Iterator<Entry> it = entries.descendingIterator();
      while (it.hasNext() && out.size() < limit) {
        Entry e = it.next();
        if (e.tenant() == null || e.tenant().equals(tenant)) {
          out.add(e);
        }
      }
    }
    return out;
  }
}
