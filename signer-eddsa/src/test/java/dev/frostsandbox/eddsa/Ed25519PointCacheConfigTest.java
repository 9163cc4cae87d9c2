package dev.frostsandbox.eddsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** -Dfrostsandbox.ed25519.pointCache: rounding, errors, and the service's start-up check. */
class Ed25519PointCacheConfigTest {

  @Test
  void valuesAreRoundedUpToAPowerOfTwo() {
    assertEquals(4096, Ed25519PointCache.capacityFromProperty(null));
    assertEquals(0, Ed25519PointCache.capacityFromProperty("0"));
    assertEquals(1, Ed25519PointCache.capacityFromProperty("1"));
    assertEquals(2, Ed25519PointCache.capacityFromProperty("2"));
    assertEquals(4, Ed25519PointCache.capacityFromProperty("3"));
    assertEquals(1024, Ed25519PointCache.capacityFromProperty("1000"));
    assertEquals(4096, Ed25519PointCache.capacityFromProperty(" 4096 "));
    assertEquals(1 << 30, Ed25519PointCache.capacityFromProperty(String.valueOf((1 << 29) + 1)));
    assertEquals(1 << 30, Ed25519PointCache.capacityFromProperty(String.valueOf(1 << 30)));
    // every rounded value is accepted by the cache itself
    for (int n = 0; n < 300; n++) {
      int c = Ed25519PointCache.capacityFromProperty(String.valueOf(n));
      assertTrue(c >= n && c < 2 * n + 1 && Integer.bitCount(c) <= 1, n + " -> " + c);
      assertEquals(c, new Ed25519PointCache(c).capacity());
    }
  }

  @Test
  void badValuesNameTheProperty() {
    for (String bad :
        List.of("-1", "abc", "", "4k", "1.5", String.valueOf((1 << 30) + 1), "99999999999")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> Ed25519PointCache.capacityFromProperty(bad));
      assertTrue(
          e.getMessage().contains("-Dfrostsandbox.ed25519.pointCache='" + bad + "'"),
          e.getMessage());
    }
  }

  /** The service exits with status 2 and the message before initializing the group. */
  @Test
  void serviceRefusesToStartWithABadValue() throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dfrostsandbox.ed25519.pointCache=-5",
                Main.class.getName())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "exited");
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("Invalid configuration: -Dfrostsandbox.ed25519.pointCache='-5'"), out);
    assertTrue(!out.contains("ExceptionInInitializerError"), out);
  }
}
