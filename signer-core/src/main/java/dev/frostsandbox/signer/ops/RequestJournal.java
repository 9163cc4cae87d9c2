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
 * number of rings is bounded by the configured API keys. Request metadata is kept, never
 * credentials; request and response bodies only with SIGNER_JOURNAL_BODIES (sandbox mode: a DKG's
 * bodies carry the shares it exchanges), each cut at {@link #MAX_BODY_CHARS}. Shared by all event
 * loops, so guarded by a lock held for a few pointer moves only.
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
      String tenant,
      String requestBody,
      String responseBody) {

    /** An entry without bodies. */
    public Entry(String requestId, Instant time, String method, String path, String keyid, int status,
        double latencyMs, String fault, String tenant) {
      this(requestId, time, method, path, keyid, status, latencyMs, fault, tenant, null, null);
    }
  }

  /** The most characters of one body kept (a longer one is cut, and marked by {@link #CUT}). */
  public static final int MAX_BODY_CHARS = 16_384;

  /** Ends a body that was cut at {@link #MAX_BODY_CHARS}. */
  public static final String CUT = "...[cut]";

  private final int capacity;
  private final Map<String, ArrayDeque<Entry>> byTenant = new HashMap<>();

  private final boolean bodies;

  public RequestJournal(int capacity) {
    this(capacity, false);
  }

  public RequestJournal(int capacity, boolean bodies) {
    this.capacity = capacity;
    this.bodies = bodies;
  }

  /** Whether entries keep their bodies (SIGNER_JOURNAL_BODIES). */
  public boolean bodies() {
    return bodies;
  }

  /** A body as kept: null when bodies are off or there was none, else at most MAX_BODY_CHARS and CUT. */
  public String keep(byte[] body) {
    if (!bodies || body == null || body.length == 0) {
      return null;
    }
    // decode at most what is kept: a 16 MiB body costs no more than a small one
    int n = Math.min(body.length, MAX_BODY_CHARS * 4);
    String s = new String(body, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    return s.length() > MAX_BODY_CHARS || n < body.length ? s.substring(0, Math.min(s.length(), MAX_BODY_CHARS)) + CUT : s;
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

  /** The entry of {@code tenant} with this request id, or null. */
  public Entry find(String tenant, String requestId) {
    synchronized (byTenant) {
      ArrayDeque<Entry> entries = byTenant.get(tenant);
      if (entries != null) {
        for (Entry e : entries) {
          if (e.requestId().equals(requestId)) {
            return e;
          }
        }
      }
    }
    return null;
  }

  /** Oldest first: the entries of {@code tenant} about one keyid (its transcript). */
  public List<Entry> ofKey(String tenant, String keyid) {
    List<Entry> out = new ArrayList<>();
    synchronized (byTenant) {
      ArrayDeque<Entry> entries = byTenant.get(tenant);
      if (entries != null) {
        for (Entry e : entries) {
          if (keyid.equals(e.keyid())) {
            out.add(e);
          }
        }
      }
    }
    return out;
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
