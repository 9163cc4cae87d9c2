package dev.frostsandbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoreKeysTest {

  @Test
  void names() {
    assertEquals("frost:{acme:k1}:key", StoreKeys.key("acme", "k1"));
    assertEquals("frost:{acme:k1}:dkg", StoreKeys.dkg("acme", "k1"));
    assertEquals("frost:{acme:k1}:nonces:n-9", StoreKeys.nonces("acme", "k1", "n-9"));
    assertEquals("frost:{acme}:keys", StoreKeys.keyIndex("acme"));
    assertEquals("frost:fault:{p7}", StoreKeys.fault("p7"));
    assertEquals("frost:{acme:k1}:relayed", StoreKeys.relayed("acme", "k1"));
    assertEquals("frost:{acme}:quota:dkg", StoreKeys.quota("acme", "dkg"));
  }

  @Test
  void quotaCountsShareTheSlotOfTheTenantKeyIndex() {
    int slot = slot(StoreKeys.keyIndex("svc.acme"));
    assertEquals(slot, slot(StoreKeys.quota("svc.acme", "dkg")));
    assertEquals(slot, slot(StoreKeys.quota("svc.acme", "nonces")));
    assertThrows(IllegalArgumentException.class, () -> StoreKeys.quota("a}", "dkg"));
  }

  @Test
  void everythingOfOneKeyShareASlot() {
    int slot = slot(StoreKeys.key("acme", "k1"));
    assertEquals(slot, slot(StoreKeys.dkg("acme", "k1")));
    assertEquals(slot, slot(StoreKeys.nonces("acme", "k1", "a")));
    assertEquals(slot, slot(StoreKeys.nonces("acme", "k1", "b")));
    assertEquals(slot, slot(StoreKeys.relayed("acme", "k1")));
    assertEquals(slot("{acme:k1}"), slot);
    // known CRC16 value from the cluster spec: "123456789" -> 0x31C3
    assertEquals(0x31C3 % 16384, slot("123456789"));
  }

  @Test
  void rejectsComponentsThatWouldBreakTheTagOrCollide() {
    assertThrows(IllegalArgumentException.class, () -> StoreKeys.key("a:b", "c"));
    // key ids may hold ':' (the API allows it); the tenant cannot, so keys stay unambiguous
    assertEquals("frost:{a:b:c}:key", StoreKeys.key("a", "b:c"));
    assertThrows(IllegalArgumentException.class, () -> StoreKeys.key("a", "{b}"));
    assertThrows(IllegalArgumentException.class, () -> StoreKeys.key("", "b"));
    assertThrows(IllegalArgumentException.class, () -> StoreKeys.keyIndex(null));
    assertThrows(IllegalArgumentException.class, () -> StoreKeys.nonces("a", "b", "x y"));
    assertThrows(IllegalArgumentException.class, () -> StoreKeys.fault("}"));
    assertThrows(IllegalArgumentException.class, () -> StoreKeys.relayed("a", "{b}"));
  }

  /** Redis Cluster slot: CRC16/XMODEM of the hash tag (or the whole key) mod 16384. */
  static int slot(String key) {
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        key = key.substring(open + 1, close);
      }
    }
    int crc = 0;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      crc ^= (b & 0xff) << 8;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
        crc &= 0xffff;
      }
    }
    return crc % 16384;
  }
}
