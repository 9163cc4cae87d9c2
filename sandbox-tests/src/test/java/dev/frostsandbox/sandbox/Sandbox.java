package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run `mvn -DskipTests package` (mvn verify builds it)");
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

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
