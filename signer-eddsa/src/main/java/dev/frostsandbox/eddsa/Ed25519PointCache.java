package dev.frostsandbox.eddsa;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded cache of successfully decoded points keyed by their 32-byte encoding: two-round signing
 * sends the same commitments again in round 2 and aggregation resends them. Direct-mapped (each
 * encoding has one slot, a newer entry replaces an older one), so it never holds more than {@code
 * capacity} points and needs no lock: slots hold immutable entries. Points are immutable, so a hit
 * returns the cached instance. Only encodings that passed every check are stored.
 */
final class Ed25519PointCache {

  private static final class Entry {
    final byte[] encoding;
    final Ed25519Point point;

    Entry(byte[] encoding, Ed25519Point point) {
      this.encoding = encoding;
      this.point = point;
    }
  }

  /** The system property that sizes {@link Ed25519Group}'s cache. */
  static final String PROPERTY = "frostsandbox.ed25519.pointCache";

  static final int DEFAULT_CAPACITY = 4096;

  private static final int MAX_CAPACITY = 1 << 30;

  /**
   * The capacity for a value of {@link #PROPERTY}: unset means {@value #DEFAULT_CAPACITY}, 0 no
   * cache; a positive value that is not a power of two is rounded up to the next one (the slot
   * index is a mask). Anything else (negative, not an integer, above 2^30) is a configuration error
   * naming the property.
   */
  static int capacityFromProperty(String raw) {
    if (raw == null) {
      return DEFAULT_CAPACITY;
    }
    int n;
    try {
      n = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || n > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "-D"
              + PROPERTY
              + "='"
              + raw
              + "': expected 0 (no cache) or a number of cached points from 1 to 2^30");
    }
    return n <= 1 ? n : Integer.highestOneBit(n - 1) << 1;
  }

  private final AtomicReferenceArray<Entry> slots;
  private final int mask;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /** capacity: a power of two, or 0 for no cache. */
  Ed25519PointCache(int capacity) {
    if (capacity < 0 || Integer.bitCount(capacity) > 1) {
      throw new IllegalArgumentException("capacity must be 0 or a power of two: " + capacity);
    }
    slots = new AtomicReferenceArray<>(capacity);
    mask = capacity - 1;
  }

  int capacity() {
    return slots.length();
  }

  /** The cached point for this encoding (32 bytes), or null. Counts a hit or a miss. */
  Ed25519Point get(byte[] encoding) {
    if (slots.length() == 0) {
      misses.increment();
      return null;
    }
    Entry e = slots.get(slot(encoding));
    if (e != null && Arrays.equals(e.encoding, encoding)) {
      hits.increment();
      return e.point;
    }
    misses.increment();
    return null;
  }

  /** Stores a point decoded from (and valid for) this encoding. */
  void put(byte[] encoding, Ed25519Point point) {
    if (slots.length() != 0) {
      slots.set(slot(encoding), new Entry(encoding.clone(), point));
    }
  }

  /** Number of cached points. */
  int size() {
    int n = 0;
    for (int i = 0; i < slots.length(); i++) {
      if (slots.get(i) != null) {
        n++;
      }
    }
    return n;
  }

  long hits() {
    return hits.sum();
  }

  long misses() {
    return misses.sum();
  }

  void clear() {
    for (int i = 0; i < slots.length(); i++) {
      slots.set(i, null);
    }
  }

  private int slot(byte[] encoding) {
    int h = Arrays.hashCode(encoding);
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h & mask;
  }
}
