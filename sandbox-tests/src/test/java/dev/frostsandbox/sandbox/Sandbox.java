package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the repository and the service jars are, and small helpers shared by the tests. */
final class Sandbox {
  private Sandbox() {}

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  static Path root() {
    return Paths.get(System.getProperty("sandbox.root", "..")).toAbsolutePath().normalize();
  }

  static Path ecdsaJar() {
    return jar("sandbox.ecdsaJar", "signer-ecdsa-schnorr");
  }

  static Path eddsaJar() {
    return jar("sandbox.eddsaJar", "signer-eddsa");
  }

  /** The jar of a service module, named like the module (what the Compose build copies). */
  static Path jarOfModule(String module) {
    return root().resolve(module).resolve("target").resolve(module + ".jar");
  }

  private static Path jar(String property, String module) {
    String p = System.getProperty(property);
    Path jar = p != null ? Paths.get(p).toAbsolutePath().normalize() : jarOfModule(module);
    assertTrue(
        Files.isRegularFile(jar),
        jar + " is missing: run `mvn -DskipTests package` (mvn verify builds it)");
    return jar;
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String javaBin() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * A class-data archive of {@code jar} made by scripts/cds-archive.sh, as the Dockerfile makes
   * /app/app.jsa and scripts/sandbox.sh makes its own (one per jar and test JVM).
   */
  static synchronized Path cdsArchive(Path jar) {
    return ARCHIVES.computeIfAbsent(
        jar,
        j -> {
          Path archive =
              tempDir("cds-").resolve(j.getFileName().toString().replace(".jar", ".jsa"));
          try {
            Process p =
                new ProcessBuilder(
                        "bash",
                        root().resolve("scripts/cds-archive.sh").toString(),
                        j.toString(),
                        archive.toString(),
                        Integer.toString(freePort()))
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
              p.destroyForcibly();
              throw new AssertionError("scripts/cds-archive.sh failed for " + j + ":\n" + out);
            }
            assertTrue(out.contains("class-data archive " + archive), out);
            assertTrue(
                Files.size(archive) > 1 << 20,
                "an archive of the service's classes: " + Files.size(archive));
            return archive;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        });
  }

  private static final java.util.Map<Path, Path> ARCHIVES = new java.util.HashMap<>();

  /**
   * Whether process {@code pid} has mapped {@code archive}: the JVM uses it (it maps, not reads).
   */
  static boolean mapsArchive(long pid, Path archive) {
    try {
      return Files.readAllLines(Paths.get("/proc", Long.toString(pid), "maps")).stream()
          .anyMatch(l -> l.endsWith(archive.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The local addresses with a socket listening on {@code port}, from /proc/net/tcp and tcp6
   * ("0.0.0.0" or "::" when it listens on every interface).
   */
  static java.util.List<String> listeningAddresses(int port) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      try {
        for (String line : Files.readAllLines(Paths.get(table))) {
          String[] f = line.trim().split("\\s+", -1);
          // sl local_address rem_address st ...; state 0A is LISTEN
          if (f.length < 4 || !f[3].equals("0A") || !f[1].contains(":")) {
            continue;
          }
          String[] local = f[1].split(":", -1);
          if (Integer.parseInt(local[1], 16) == port) {
            out.add(procAddress(local[0]));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** /proc/net's hex address (32-bit words in host byte order, little-endian here) as text. */
  private static String procAddress(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int w = 0; w < b.length / 4; w++) {
      for (int i = 0; i < 4; i++) {
        b[w * 4 + i] =
            (byte)
                Integer.parseInt(hex.substring(w * 8 + (3 - i) * 2, w * 8 + (3 - i) * 2 + 2), 16);
      }
    }
    try {
      return java.net.InetAddress.getByAddress(b).getHostAddress().replace("0:0:0:0:0:0:0:0", "::");
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
