package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml run without Docker: redis-server with the options the file gives it, and each
 * signer as {@code java -jar} with its entrypoint (the file's, else the Dockerfile's ENTRYPOINT)
 * and exactly the environment the file declares (only Redis's address and the published ports
 * remapped to free local ports), started in depends_on order, each declared ready by the file's own
 * healthcheck command. Then DKG and signatures for every ciphersuite go through them, Redis
 * restarts, and the keys are still there (the append-only file kept them).
 */
class ComposeTopologyIT {

  private static final Map<String, ServiceDefinition> DEFINITIONS =
      Map.of(
          "signer-ecdsa-schnorr", EcdsaSchnorrService.DEFINITION,
          "signer-eddsa", EddsaService.DEFINITION);

  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  @Test
  void theComposeTopologyRunsDkgAndSigningAndKeepsKeysAcrossARedisRestart() throws Exception {
    ComposeFile compose = ComposeFile.load();
    Path dockerfile = Sandbox.root().resolve("Dockerfile");
    RedisProcess redis = null;
    Map<String, ServiceProcess> services = new LinkedHashMap<>();

    for (String name : compose.startOrder()) {
      JsonNode svc = compose.service(name);
      assertDependenciesHealthy(compose, svc, name);
      if (name.equals("redis")) {
        List<String> command = ComposeFile.strings(svc.path("command"));
        assertEquals("redis-server", command.get(0));
        redis = new RedisProcess(command.subList(1, command.size())).start();
        running.add(redis);
        RedisProcess r = redis;
        awaitHealthy(name, () -> redisHealthcheck(svc, r.port));
        continue;
      }
      String module = svc.path("build").path("args").path("SERVICE").asText();
      assertEquals(name, module, "the build arg SERVICE names the module of " + name);
      Path jar = Sandbox.jarOfModule(module);
      Map<String, String> env = ComposeFile.environment(svc);
      int containerPort = Integer.parseInt(env.get("SIGNER_HTTP_PORT"));
      List<int[]> ports = ComposeFile.ports(svc);
      assertEquals(1, ports.size(), name + " publishes one port");
      assertEquals(containerPort, ports.get(0)[1], name + " publishes the port it listens on");
      int port = Sandbox.freePort();
      Map<String, String> local = new HashMap<>(env);
      local.put("SIGNER_HTTP_PORT", Integer.toString(port));
      local.put(
          "SIGNER_REDIS_URL",
          env.get("SIGNER_REDIS_URL").replace("redis:6379", "127.0.0.1:" + redis.port));
      local.put("SIGNER_EVENT_LOOPS", "2"); // 2 cores here; not a Compose setting
      // the image's archive is made by the same script at build time (ComposeFileTest checks the
      // RUN)
      Path archive = Sandbox.cdsArchive(jar);
      List<String> cmd = new ArrayList<>();
      for (String part : ComposeFile.entrypoint(svc, dockerfile)) {
        cmd.add(
            part.equals("java")
                ? Sandbox.javaBin()
                : part.replace("/app/app.jar", jar.toString())
                    .replace("/app/app.jsa", archive.toString()));
      }
      cmd.add(1, "-Xmx256m");
      ServiceProcess p = ServiceProcess.start(cmd, local, port);
      running.add(p);
      services.put(name, p);
      List<String> check = healthcheck(svc, jar, containerPort, port);
      awaitHealthy(name, () -> run(check) == 0);
      assertTrue(
          Sandbox.mapsArchive(p.pid(), archive), name + " runs with its class-data archive mapped");
    }

    assertEquals(List.of("signer-ecdsa-schnorr", "signer-eddsa"), List.copyOf(services.keySet()));
    Map<String, FrostClient.Keys<?>> keys = new LinkedHashMap<>();
    for (Map.Entry<String, ServiceProcess> e : services.entrySet()) {
      ServiceDefinition def = DEFINITIONS.get(e.getKey());
      SignerHttp http = new SignerHttp(e.getValue().baseUrl());
      for (SuiteBinding<?> suite : def.suites()) {
        keys.put(suite.ciphersuite(), Flows.dkgAndSign(http, def, suite, Flows.newKeyId()));
      }
    }
    assertEquals(
        DEFINITIONS.values().stream().mapToInt(d -> d.suites().size()).sum(),
        keys.size(),
        "a key per suite");

    // persistence: the AOF on the "volume" brings every key back after a restart
    redis.stop();
    redis.start();
    for (Map.Entry<String, ServiceProcess> e : services.entrySet()) {
      ServiceDefinition def = DEFINITIONS.get(e.getKey());
      SignerHttp http = new SignerHttp(e.getValue().baseUrl());
      awaitHealthy(
          e.getKey() + " after the Redis restart",
          () ->
              dev.frostsandbox.signer.ops.HealthProbe.check(
                  e.getValue().baseUrl() + "/health/ready", Duration.ofSeconds(2)));
      for (SuiteBinding<?> suite : def.suites()) {
        signAgain(http, def, suite, keys.get(suite.ciphersuite()));
      }
    }
    for (Map.Entry<String, ServiceProcess> e : services.entrySet()) {
      assertTrue(e.getValue().jsonLines().size() > 3, "the service logs JSON lines");
      assertEquals(
          List.of(),
          e.getValue().nonJsonLines(),
          e.getKey() + " logs JSON lines only, on stdout and stderr (docker logs shows both)");
    }
  }

  @SuppressWarnings("unchecked")
  private static <E> void signAgain(
      SignerHttp http, ServiceDefinition def, SuiteBinding<E> suite, FrostClient.Keys<?> keys) {
    Flows.sign(http, def, suite, (FrostClient.Keys<E>) keys);
  }

  private static void assertDependenciesHealthy(ComposeFile compose, JsonNode svc, String name) {
    svc.path("depends_on")
        .fields()
        .forEachRemaining(
            d -> {
              assertEquals(
                  "service_healthy",
                  d.getValue().path("condition").asText(),
                  name + " waits for " + d.getKey() + " to be healthy");
              assertTrue(
                  compose.service(d.getKey()).has("healthcheck"),
                  d.getKey() + " has a healthcheck");
            });
  }

  /** The file's healthcheck with the image's jar path and the container port remapped. */
  private static List<String> healthcheck(JsonNode svc, Path jar, int containerPort, int port) {
    List<String> test = ComposeFile.strings(svc.path("healthcheck").path("test"));
    assertEquals("CMD", test.get(0), "exec-form healthcheck (no shell needed in the image)");
    List<String> cmd = new ArrayList<>();
    for (String part : test.subList(1, test.size())) {
      cmd.add(
          part.equals("java")
              ? Sandbox.javaBin()
              : part.replace("/app/app.jar", jar.toString())
                  .replace("localhost:" + containerPort, "127.0.0.1:" + port));
    }
    assertTrue(
        cmd.contains(jar.toString()),
        "the healthcheck runs the jar the image holds at /app/app.jar");
    return cmd;
  }

  private static boolean redisHealthcheck(JsonNode svc, int port) {
    List<String> test = ComposeFile.strings(svc.path("healthcheck").path("test"));
    assertEquals(List.of("CMD", "redis-cli", "ping"), test);
    return run(List.of("redis-cli", "-p", Integer.toString(port), "ping")) == 0;
  }

  private static int run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      // redis-cli exits 0 even on a refused connection: require the PONG too
      return cmd.get(0).equals("redis-cli") && !out.contains("PONG") ? 1 : p.exitValue();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void awaitHealthy(String what, java.util.function.BooleanSupplier healthy) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (healthy.getAsBoolean()) {
        return;
      }
      ServiceProcess.sleep(200);
    }
    throw new AssertionError(what + " did not become healthy");
  }
}
