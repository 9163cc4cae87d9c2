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
    public Entry(
        String requestId,
        Instant time,
        String method,
        String path,
        String keyid,
        int status,
        double latencyMs,
        String fault,
        String tenant) {
      this(requestId, time, method, path, keyid, status, latencyMs, fault, tenant, null, null);
    }
  }

  /** The most characters of one body kept (a longer one is cut, and marked by {@link #CUT}). */
  public static final int MAX_BODY_CHARS = 16_384;

  /** Ends a body that was cut at {@link #MAX_BODY_CHARS}. */
  public static final String CUT = "...[cut]";

  /**
   * The most body characters a tenant's ring keeps (about 4 MB): past it the oldest entries lose
   * their bodies (the entries stay), so SIGNER_JOURNAL_SIZE times two bodies never adds up to GBs.
   */
  public static final long MAX_TENANT_BODY_CHARS = 4L * 1024 * 1024;

  /**
   * One tenant's ring. Entries are kept without bodies; the bodies of those that have them sit in
   * {@code bodies}, oldest first in {@code withBodies}, so dropping one frees it.
   */
  private static final class Ring {
    final ArrayDeque<Entry> entries;
    final java.util.IdentityHashMap<Entry, String[]> bodies = new java.util.IdentityHashMap<>();
    final ArrayDeque<Entry> withBodies = new ArrayDeque<>();
    long bodyChars;

    Ring(int capacity) {
      entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    void dropBodies(Entry e) {
      String[] b = bodies.remove(e);
      if (b != null) {
        bodyChars -= length(b);
      }
    }

    Entry withBodies(Entry e) {
      String[] b = bodies.get(e);
      return b == null
          ? e
          : new Entry(
              e.requestId(),
              e.time(),
              e.method(),
              e.path(),
              e.keyid(),
              e.status(),
              e.latencyMs(),
              e.fault(),
              e.tenant(),
              b[0],
              b[1]);
    }

    static long length(String[] b) {
      return (b[0] == null ? 0L : b[0].length()) + (b[1] == null ? 0L : b[1].length());
    }
  }

  private final int capacity;
  private final Map<String, Ring> byTenant = new HashMap<>();

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

  /**
   * A body as kept: null when bodies are off or there was none, else at most MAX_BODY_CHARS and
   * CUT.
   */
  public String keep(byte[] body) {
    if (!bodies || body == null || body.length == 0) {
      return null;
    }
    // decode at most what is kept: a 16 MiB body costs no more than a small one
    int n = Math.min(body.length, MAX_BODY_CHARS * 4);
    String s = new String(body, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    return s.length() > MAX_BODY_CHARS || n < body.length
        ? s.substring(0, Math.min(s.length(), MAX_BODY_CHARS)) + CUT
        : s;
  }

  public int capacity() {
    return capacity;
  }

  public void add(Entry e) {
    java.util.Objects.requireNonNull(e.tenant(), "journal entries belong to a tenant");
    if (capacity == 0) {
      return;
    }
    Entry stored =
        new Entry(
            e.requestId(),
            e.time(),
            e.method(),
            e.path(),
            e.keyid(),
            e.status(),
            e.latencyMs(),
            e.fault(),
            e.tenant());
    synchronized (byTenant) {
      Ring ring = byTenant.computeIfAbsent(e.tenant(), t -> new Ring(capacity));
      if (ring.entries.size() == capacity) {
        ring.dropBodies(ring.entries.removeFirst());
      }
      ring.entries.addLast(stored);
      if (e.requestBody() != null || e.responseBody() != null) {
        String[] b = {e.requestBody(), e.responseBody()};
        ring.bodies.put(stored, b);
        ring.withBodies.addLast(stored);
        ring.bodyChars += Ring.length(b);
      }
      while (ring.bodyChars > MAX_TENANT_BODY_CHARS && !ring.withBodies.isEmpty()) {
        ring.dropBodies(ring.withBodies.removeFirst());
      }
      // entries evicted from the ring leave references here: forget those (amortised, each once)
      while (!ring.withBodies.isEmpty() && !ring.bodies.containsKey(ring.withBodies.peekFirst())) {
        ring.withBodies.removeFirst();
      }
    }
  }

  /** Forgets every entry of {@code tenant} (a tenant reset). */
  public void clear(String tenant) {
    synchronized (byTenant) {
      byTenant.remove(tenant);
    }
  }

  /** The entry of {@code tenant} with this request id (with its bodies if kept), or null. */
  public Entry find(String tenant, String requestId) {
    synchronized (byTenant) {
      Ring ring = byTenant.get(tenant);
      if (ring != null) {
        for (Entry e : ring.entries) {
          if (e.requestId().equals(requestId)) {
            return ring.withBodies(e);
          }
        }
      }
    }
    return null;
  }

  /**
   * Oldest first: the entries of {@code tenant} about one keyid, with their bodies (its
   * transcript).
   */
  public List<Entry> ofKey(String tenant, String keyid) {
    List<Entry> out = new ArrayList<>();
    synchronized (byTenant) {
      Ring ring = byTenant.get(tenant);
      if (ring != null) {
        for (Entry e : ring.entries) {
          if (keyid.equals(e.keyid())) {
            out.add(ring.withBodies(e));
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
      Ring ring = byTenant.get(tenant);
      if (ring == null) {
        return out;
      }
      Iterator<Entry> it = ring.entries.descendingIterator();
      while (it.hasNext() && out.size() < limit) {
        out.add(it.next());
      }
    }
    return out;
  }
}
