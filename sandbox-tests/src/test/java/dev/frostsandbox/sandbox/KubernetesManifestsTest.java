package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SignerConfig;
import dev.frostsandbox.signer.SignerServer;
import dev.frostsandbox.store.StoreConfig;
import dev.frostsandbox.testing.TestSigner;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every k8s/ overlay, rendered (by the test's JSON 6902 renderer, cross-checked against `kubectl
 * kustomize` when kubectl is installed), agrees with the code: probe paths are routes the services
 * answer 200, ports are the ports they listen on, every environment variable is one SignerConfig
 * reads, and the production settings make a service refuse to start without a storage key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest {

  private static final Map<String, ServiceDefinition> SERVICES =
      Map.of(
          "signer-ecdsa-schnorr", EcdsaSchnorrService.DEFINITION,
          "signer-eddsa", EddsaService.DEFINITION);
  private static final List<String> OVERLAYS =
      List.of("base", "overlays/sandbox", "overlays/production");

  private final Map<String, TestSigner> running = new HashMap<>();

  @BeforeAll
  void startServices() {
    SERVICES.forEach((name, def) -> running.put(name, TestSigner.memory(def)));
  }

  @AfterAll
  void stopServices() {
    running.values().forEach(TestSigner::close);
  }

  private static Path k8s() {
    return Sandbox.root().resolve("k8s");
  }

  private static Map<String, ObjectNode> byKindAndName(List<ObjectNode> objects) {
    Map<String, ObjectNode> m = new LinkedHashMap<>();
    for (ObjectNode o : objects) {
      String key = o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
      assertTrue(m.put(key, o) == null, "duplicate " + key);
    }
    return m;
  }

  @Test
  void theRendererAgreesWithKubectlWhereKubectlIsInstalled() throws Exception {
    Path kubectl = null;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (Files.isExecutable(Path.of(dir, "kubectl"))) {
        kubectl = Path.of(dir, "kubectl");
      }
    }
    int compared = 0;
    for (String overlay : OVERLAYS) {
      Map<String, ObjectNode> ours = byKindAndName(Kustomize.render(k8s().resolve(overlay)));
      assertFalse(ours.isEmpty());
      if (kubectl != null) {
        Process p =
            new ProcessBuilder(kubectl.toString(), "kustomize", k8s().resolve(overlay).toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(
            byKindAndName(Kustomize.documents(out)),
            ours,
            overlay + ": kubectl kustomize renders the same");
        compared++;
      }
    }
    // without kubectl the renderer alone is used; with it, every overlay was compared
    assertEquals(kubectl == null ? 0 : OVERLAYS.size(), compared);
  }

  @Test
  void deploymentsMatchWhatTheServicesServe() {
    String dockerUser =
        ComposeFile.lines(Sandbox.root().resolve("Dockerfile")).stream()
            .filter(l -> l.startsWith("USER "))
            .findFirst()
            .orElseThrow()
            .substring(5)
            .split(":", -1)[0];
    for (String overlay : OVERLAYS) {
      Map<String, ObjectNode> objects = byKindAndName(Kustomize.render(k8s().resolve(overlay)));
      for (Map.Entry<String, ServiceDefinition> s : SERVICES.entrySet()) {
        String name = s.getKey();
        String where = overlay + " " + name;
        JsonNode d = objects.get("Deployment/" + name);
        assertNotNull(d, where);
        assertEquals(2, d.path("spec").path("replicas").asInt(), where);
        JsonNode pod = d.path("spec").path("template");
        JsonNode spec = pod.path("spec");
        JsonNode c = spec.path("containers").get(0);
        Map<String, String> env = env(c);
        for (JsonNode e : c.path("env")) {
          assertTrue(
              SignerConfig.VARIABLES.contains(e.path("name").asText()),
              where + ": " + e.path("name").asText() + " is not read by the service");
        }
        int port =
            Integer.parseInt(
                env.getOrDefault("SIGNER_HTTP_PORT", Integer.toString(s.getValue().defaultPort())));
        assertEquals(s.getValue().defaultPort(), port, where + " keeps the documented port");
        JsonNode cp = c.path("ports").get(0);
        assertEquals(
            port, cp.path("containerPort").asInt(), where + ": containerPort is SIGNER_HTTP_PORT");
        String portName = cp.path("name").asText();

        JsonNode ready = c.path("readinessProbe").path("httpGet");
        JsonNode live = c.path("livenessProbe").path("httpGet");
        assertEquals("/health/ready", ready.path("path").asText(), where);
        assertEquals("/health/live", live.path("path").asText(), where);
        for (JsonNode probe : List.of(ready, live)) {
          assertEquals(
              portName, probe.path("port").asText(), where + ": probes use the container port");
          int status = running.get(name).http().get(probe.path("path").asText()).status();
          assertEquals(200, status, where + ": the service answers " + probe.path("path").asText());
        }

        assertTrue(
            c.path("resources").path("requests").has("cpu")
                && c.path("resources").path("requests").has("memory"),
            where);
        assertTrue(
            c.path("resources").path("limits").has("cpu")
                && c.path("resources").path("limits").has("memory"),
            where);
        assertTrue(spec.path("securityContext").path("runAsNonRoot").asBoolean(), where);
        assertEquals(
            dockerUser,
            spec.path("securityContext").path("runAsUser").asText(),
            where + ": the image's user");
        assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean(), where);
        JsonNode tmp = null;
        for (JsonNode m : c.path("volumeMounts")) {
          if (m.path("mountPath").asText().equals("/tmp")) {
            tmp = m;
          }
        }
        assertNotNull(tmp, where + ": /tmp is writable");
        String volume = tmp.path("name").asText();
        boolean emptyDir = false;
        for (JsonNode v : spec.path("volumes")) {
          emptyDir |= v.path("name").asText().equals(volume) && v.has("emptyDir");
        }
        assertTrue(emptyDir, where + ": /tmp is an emptyDir");
        List<String> preStop =
            ComposeFile.strings(c.path("lifecycle").path("preStop").path("exec").path("command"));
        assertEquals("sleep", preStop.get(0), where);
        // grace covers the preStop pause plus SignerMain's drain budget (15 s)
        assertTrue(
            spec.path("terminationGracePeriodSeconds").asInt()
                >= Integer.parseInt(preStop.get(1)) + 15,
            where);

        JsonNode svc = objects.get("Service/" + name);
        assertNotNull(svc, where);
        assertTrue(
            selects(svc.path("spec").path("selector"), pod),
            where + ": the Service selects the pods");
        JsonNode sp = svc.path("spec").path("ports").get(0);
        assertEquals(portName, sp.path("targetPort").asText(), where);
        assertEquals(port, sp.path("port").asInt(), where);
        JsonNode pdb = objects.get("PodDisruptionBudget/" + name);
        assertTrue(selects(pdb.path("spec").path("selector").path("matchLabels"), pod), where);
        JsonNode hpa = objects.get("HorizontalPodAutoscaler/" + name);
        assertEquals("Deployment", hpa.path("spec").path("scaleTargetRef").path("kind").asText());
        assertEquals(name, hpa.path("spec").path("scaleTargetRef").path("name").asText());
        assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 2, where);

        if (overlay.endsWith("sandbox")) {
          sandbox(objects, env, where);
        } else if (overlay.endsWith("production")) {
          production(c, env, s.getValue(), where);
        }
      }
    }
  }

  private static void sandbox(
      Map<String, ObjectNode> objects, Map<String, String> env, String where) {
    assertEquals("true", env.get("SIGNER_FAULTS_ENABLED"), where);
    String url = env.get("SIGNER_REDIS_URL");
    assertEquals("redis://redis:6379", url, where);
    JsonNode redisSvc = objects.get("Service/redis");
    assertEquals(6379, redisSvc.path("spec").path("ports").get(0).path("port").asInt());
    JsonNode sts = objects.get("StatefulSet/redis");
    assertTrue(selects(redisSvc.path("spec").path("selector"), sts.path("spec").path("template")));
    JsonNode rc = sts.path("spec").path("template").path("spec").path("containers").get(0);
    String args = String.join(" ", ComposeFile.strings(rc.path("args")));
    assertTrue(args.contains("--appendonly yes"), args);
    String claim =
        sts.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
    boolean dataOnClaim = false;
    for (JsonNode m : rc.path("volumeMounts")) {
      dataOnClaim |=
          m.path("name").asText().equals(claim) && m.path("mountPath").asText().equals("/data");
    }
    assertTrue(dataOnClaim, "Redis keeps /data on its persistent volume claim");
    StoreConfig.fromEnv(env); // valid as the service will read it
  }

  private void production(JsonNode c, Map<String, String> env, ServiceDefinition def, String where)
      throws AssertionError {
    for (String secret : List.of("SIGNER_REDIS_URL", "SIGNER_API_KEYS", "SIGNER_STORAGE_KEY")) {
      JsonNode ref = null;
      for (JsonNode e : c.path("env")) {
        if (e.path("name").asText().equals(secret)) {
          ref = e.path("valueFrom").path("secretKeyRef");
        }
      }
      assertNotNull(ref, where + " sets " + secret);
      assertFalse(
          ref.path("name").asText().isEmpty(), where + ": " + secret + " comes from a Secret");
    }
    assertEquals("true", env.get("SIGNER_REQUIRE_STORAGE_KEY"), where);
    assertEquals("true", env.get("SIGNER_REQUIRE_API_KEYS"), where);
    assertEquals("false", env.get("SIGNER_FAULTS_ENABLED"), where);
    // old storage keys (a key rotation) come from an optional Secret entry: pods start without it
    for (JsonNode e : c.path("env")) {
      if (e.path("name").asText().equals("SIGNER_STORAGE_OLD_KEYS")) {
        JsonNode ref = e.path("valueFrom").path("secretKeyRef");
        assertFalse(
            ref.path("name").asText().isEmpty(),
            where + ": SIGNER_STORAGE_OLD_KEYS comes from a Secret");
        assertTrue(
            ref.path("optional").asBoolean(), where + ": SIGNER_STORAGE_OLD_KEYS is optional");
      }
    }
    assertTrue(env.containsKey("SIGNER_REDIS_MODE"), where);

    // the manifest's settings with the Secret's values filled in
    Map<String, String> full = new HashMap<>(env);
    full.put("SIGNER_REDIS_URL", "redis://127.0.0.1:1");
    full.put("SIGNER_API_KEYS", "ops=example-api-key");
    full.put("SIGNER_STORAGE_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    if (full.containsKey("SIGNER_STORAGE_OLD_KEYS")) {
      full.put("SIGNER_STORAGE_OLD_KEYS", Base64.getEncoder().encodeToString(new byte[32]));
    }
    SignerConfig.fromEnv(full, def.defaultPort());
    // a managed HA Redis behind the standalone address fails over: round 2 waits for its replica
    assertEquals(1, StoreConfig.fromEnv(full).redis().orElseThrow().waitReplicas(), where);
    full.remove("SIGNER_STORAGE_OLD_KEYS"); // the optional entry absent, as in most deployments
    SignerConfig.fromEnv(full, def.defaultPort());
    // and with the storage key missing from the Secret: the service refuses to start
    full.remove("SIGNER_STORAGE_KEY");
    full.put("SIGNER_HTTP_PORT", "0");
    Vertx vertx = Vertx.vertx();
    try {
      SignerServer.start(vertx, def, SignerConfig.fromEnv(full, def.defaultPort()))
          .await(30, TimeUnit.SECONDS);
      throw new AssertionError(where + ": started without a storage key");
    } catch (Exception e) {
      assertTrue(String.valueOf(e.getMessage()).contains("SIGNER_STORAGE_KEY"), e.toString());
    } finally {
      vertx.close();
    }
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : container.path("env")) {
      env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : null);
    }
    return env;
  }

  private static boolean selects(JsonNode selector, JsonNode podTemplate) {
    List<String> missing = new ArrayList<>();
    selector
        .fields()
        .forEachRemaining(
            f -> {
              if (!f.getValue()
                  .asText()
                  .equals(podTemplate.path("metadata").path("labels").path(f.getKey()).asText())) {
                missing.add(f.getKey());
              }
            });
    return !selector.isEmpty() && missing.isEmpty();
  }
}
