package dev.frostsandbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.testing.TestSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay is ecdsa-schnorr's: Ed25519 keys have no relay scheme, so eddsa has no relay route. */
class EddsaHasNoRelayTest {

  @Test
  void theRelayPathsAreNotFound() {
    try (TestSigner signer =
        TestSigner.start(EddsaService.DEFINITION, Map.of("SIGNER_FAULTS_ENABLED", "true"))) {
      String body = "{\"keyid\":\"k\",\"payload\":\"00\",\"signature\":\"00\"}";
      for (String path : new String[] {"/v1/signers/eddsa/relay", "/signers/eddsa/relay"}) {
        HttpAnswer a = signer.http().post(path, body, "application/json");
        assertEquals(404, a.status(), path + ": " + a.body());
        assertEquals("Not Found", a.json().path("title").asText());
      }
      assertTrue(
          !signer.http().get("/openapi.yaml").body().contains("/relay"),
          "the OpenAPI document has no relay");
    }
  }

  @Test
  void demoClientRefusesToRelayEd25519Keys() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int exit =
        new DemoClient(new PrintStream(buf, true, StandardCharsets.UTF_8))
            .run(new String[] {"--url", "http://127.0.0.1:1", "--relay"});
    String out = buf.toString(StandardCharsets.UTF_8);
    assertEquals(2, exit, out);
    assertTrue(out.contains("Keys of FROST-ED25519-SHA512-v1 cannot be relayed"), out);
  }
}
