package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.signer.SignerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and the Dockerfile, statically: official images, Redis persistence on a named
 * volume, a non-root runtime user, faults on, and only variables the services read.
 * (ComposeTopologyIT runs the same file; .ci/compose-check.sh validates it with docker-compose.)
 */
class ComposeFileTest {

  @Test
  void composeFileDeclaresTheSandbox() {
    ComposeFile compose = ComposeFile.load();
    assertEquals(List.of("redis", "signer-ecdsa-schnorr", "signer-eddsa"), compose.startOrder());
    JsonNode redis = compose.service("redis");
    assertTrue(
        redis.path("image").asText().matches("redis:7[.\\-a-z0-9]*"), "official Redis 7 image");
    String command = String.join(" ", ComposeFile.strings(redis.path("command")));
    assertTrue(command.contains("--appendonly yes"), command);
    String volume = redis.path("volumes").get(0).asText();
    assertEquals("redis-data:/data", volume);
    assertTrue(compose.root.path("volumes").has("redis-data"), "a named volume");

    for (String name : List.of("signer-ecdsa-schnorr", "signer-eddsa")) {
      JsonNode svc = compose.service(name);
      Map<String, String> env = ComposeFile.environment(svc);
      assertEquals("true", env.get("SIGNER_FAULTS_ENABLED"), name);
      // only the service's variables: no JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS either, whose
      // "NOTE: Picked up ..." line on stderr would break the JSON log
      env.keySet()
          .forEach(
              k ->
                  assertTrue(SignerConfig.VARIABLES.contains(k), name + ": " + k + " is not read"));
      // the sandbox's JIT flag on the Dockerfile's ENTRYPOINT, which is otherwise kept as it is
      List<String> image = ComposeFile.entrypoint(Sandbox.root().resolve("Dockerfile"));
      List<String> expected = new ArrayList<>(image);
      expected.add(1, "-XX:TieredStopAtLevel=1");
      assertEquals(expected, ComposeFile.strings(svc.path("entrypoint")), name);
      assertEquals("Dockerfile", svc.path("build").path("dockerfile").asText());
      assertEquals(
          "service_healthy", svc.path("depends_on").path("redis").path("condition").asText());
      for (JsonNode port : svc.path("ports")) {
        assertTrue(
            port.asText().startsWith("${SANDBOX_PUBLISH_ADDRESS:-127.0.0.1}:"),
            name
                + " is published on 127.0.0.1 unless SANDBOX_PUBLISH_ADDRESS opens it: "
                + port.asText());
      }
      List<String> test = ComposeFile.strings(svc.path("healthcheck").path("test"));
      assertEquals(
          List.of("CMD", "java", "-cp", "/app/app.jar", "dev.frostsandbox.signer.ops.HealthProbe"),
          test.subList(0, 5));
    }
  }

  @Test
  void dockerfileBuildsOnOfficialImagesAndRunsAsNonRoot() {
    Path dockerfile = Sandbox.root().resolve("Dockerfile");
    List<String> from =
        ComposeFile.lines(dockerfile).stream().filter(l -> l.startsWith("FROM ")).toList();
    assertEquals(
        List.of("FROM maven:3.9-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre"), from);
    String user =
        ComposeFile.lines(dockerfile).stream()
            .filter(l -> l.startsWith("USER "))
            .findFirst()
            .orElseThrow();
    assertTrue(
        user.matches("USER [0-9]+:[0-9]+"), "numeric, so runAsNonRoot can verify it: " + user);
    assertNotEquals("0", user.substring(5).split(":", -1)[0]);
    assertTrue(ComposeFile.lines(dockerfile).contains("COPY --from=build /app.jar /app/app.jar"));
    assertEquals(
        List.of(
            "java",
            "-XX:MaxRAMPercentage=75",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:SharedArchiveFile=/app/app.jsa",
            "-jar",
            "/app/app.jar"),
        ComposeFile.entrypoint(dockerfile));
    // the archive is made in the runtime stage (its JVM is the one that maps it), before USER
    List<String> lines = ComposeFile.lines(dockerfile);
    int run =
        lines.indexOf(
            "RUN bash /app/cds-archive.sh /app/app.jar /app/app.jsa && chmod 444 /app/app.jsa");
    assertTrue(
        run > lines.indexOf("FROM eclipse-temurin:17-jre"),
        "the archive is built on the runtime image");
    assertTrue(
        run > lines.indexOf("COPY scripts/cds-archive.sh /app/cds-archive.sh")
            && lines.indexOf("COPY scripts/cds-archive.sh /app/cds-archive.sh") > 0);
    assertTrue(run < lines.indexOf(user), "written as root, read-only for the service user");
    assertTrue(
        ComposeFile.lines(dockerfile).stream()
            .anyMatch(l -> l.contains("cp \"${SERVICE}/target/${SERVICE}.jar\" /app.jar")),
        "copies the module's shaded jar");
  }
}
