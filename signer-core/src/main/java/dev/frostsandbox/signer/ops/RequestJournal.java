package dev.frostsandbox.signer.ops;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The last N requests of each tenant on this instance (SIGNER_JOURNAL_SIZE), for the sandbox
 * console. Each tenant has a ring of its own, so one tenant's traffic never evicts another's; an
 * entry has a tenant (unauthenticated requests are not journaled, see {@link RequestLog}). The
 * number of rings is bounded by the configured API keys. Only request metadata is kept: never
 * bodies or credentials. Shared by all event loops, so guarded by a lock held for a few pointer
 * moves only.
 */
public final class RequestJournal {

  /** One request. {@code tenant} (never null) scopes visibility and is not shown. */
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
  private final Map<String, ArrayDeque<Entry>> byTenant = new HashMap<>();

  public RequestJournal(int capacity) {
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }

  public void add(Entry e) {
    java.util.Objects.requireNonNull(e.tenant(), "journal entries belong to a tenant");
    if (capacity == 0) {
      return;
    }
    synchronized (byTenant) {
      ArrayDeque<Entry> entries = byTenant.computeIfAbsent(e.tenant(), t -> new ArrayDeque<>(Math.min(capacity, 1024)));
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(e);
    }
  }

  /** Forgets every entry of {@code tenant} (a tenant reset). */
  public void clear(String tenant) {
    synchronized (byTenant) {
      byTenant.remove(tenant);
    }
  }

  /** Newest first: the entries of {@code tenant} only. */
  public List<Entry> recent(String tenant, int limit) {
    List<Entry> out = new ArrayList<>();
    synchronized (byTenant) {
      ArrayDeque<Entry> entries = byTenant.get(tenant);
      if (entries == null) {
        return out;
      }
      Iterator<Entry> it = entries.descendingIterator();
      while (it.hasNext() && out.size() < limit) {
        out.add(it.next());
      }
    }
    return out;
  }
}
