package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SignerVerticle;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.ops.OpsRoutes;
import dev.frostsandbox.signer.ratelimit.RateLimiter;
import dev.frostsandbox.testing.TestKeccak;
import dev.frostsandbox.testing.TestSigner;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document each service serves describes exactly the routes its router has: every
 * method and path the router answers is documented, and every documented operation exists. The
 * router is walked (sub-routers included), not a hand-kept list.
 */
class OpenApiCoverageTest {

  static ServiceDefinition[] services() {
    return new ServiceDefinition[] {EcdsaSchnorrService.DEFINITION, EddsaService.DEFINITION};
  }

  @ParameterizedTest
  @MethodSource("services")
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted(ServiceDefinition definition)
      throws Exception {
    try (TestSigner signer =
        TestSigner.start(definition, Map.of("SIGNER_FAULTS_ENABLED", "true"))) {
      SignerVerticle verticle =
          new SignerVerticle(signer.server().context(), Tenants.parse(""), new RateLimiter(0, 1));
      verticle.init(signer.vertx(), signer.vertx().getOrCreateContext());
      Set<String> routed = new TreeSet<>();
      collect(verticle.router(), "", routed);

      String yaml = OpsRoutes.openApiDocument(signer.server().context());
      JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(yaml);
      Set<String> documented = new TreeSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
          paths.hasNext(); ) {
        Map.Entry<String, JsonNode> p = paths.next();
        for (Iterator<String> ops = p.getValue().fieldNames(); ops.hasNext(); ) {
          String op = ops.next();
          if (Set.of("get", "post", "put", "delete", "patch").contains(op)) {
            documented.add(op.toUpperCase(Locale.ROOT) + " " + p.getKey());
          }
        }
      }
      assertTrue(routed.size() >= 12, "the router walk found the routes: " + routed);
      assertEquals(routed, documented, "routes (left) vs OpenAPI operations (right)");
    }
  }

  /**
   * The relay's examples agree: the answer's tx_hash is Keccak-256(payload || signature) of the
   * request's.
   */
  @Test
  void theRelayExampleTxHashIsKeccakOfTheExamplePayloadAndSignature() throws Exception {
    try (TestSigner signer = TestSigner.start(EcdsaSchnorrService.DEFINITION, Map.of())) {
      JsonNode doc =
          new ObjectMapper(new YAMLFactory())
              .readTree(OpsRoutes.openApiDocument(signer.server().context()));
      String prefix = EcdsaSchnorrService.DEFINITION.prefix();
      for (String path : List.of("/v1" + prefix + "/relay", prefix + "/relay")) {
        JsonNode op = doc.path("paths").path(path).path("post");
        JsonNode request =
            op.path("requestBody").path("content").path("application/json").path("example");
        JsonNode answer =
            op.path("responses")
                .path("200")
                .path("content")
                .path("application/json")
                .path("example");
        byte[] payload = hex(request.path("payload").asText());
        byte[] signature = hex(request.path("signature").asText());
        byte[] preimage = new byte[payload.length + signature.length];
        System.arraycopy(payload, 0, preimage, 0, payload.length);
        System.arraycopy(signature, 0, preimage, payload.length, signature.length);
        assertEquals(
            "0x" + HexFormat.of().formatHex(TestKeccak.keccak256(preimage)),
            answer.path("tx_hash").asText(),
            path);
        assertEquals(request.path("keyid").asText(), answer.path("keyid").asText(), path);
      }
    }
  }

  private static byte[] hex(String s) {
    assertTrue(s.startsWith("0x") && s.length() > 2, s);
    return HexFormat.of().parseHex(s.substring(2));
  }

  /** Every (method, path) with a handler; ":param" written "{param}" as OpenAPI does. */
  private static void collect(Router router, String mount, Set<String> out) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (route.getSubRouter() != null) {
        String sub =
            path == null ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        collect(route.getSubRouter(), mount + sub, out);
        continue;
      }
      if (path == null || route.methods() == null || route.methods().isEmpty()) {
        continue; // handlers for every request (metrics, logging, tenants, faults)
      }
      String full = (mount + path).replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      for (HttpMethod m : route.methods()) {
        out.add(m.name() + " " + full);
      }
    }
  }
}
