package dev.frostsandbox.junit.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.junit.FrostSandbox;
import dev.frostsandbox.junit.FrostSignerExtension;
import dev.frostsandbox.junit.SignerService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The programmatic form with options (one service, two tenants, faults off), used with a plain HTTP
 * client the way a client team that has its own FROST library would.
 */
class RegisteredExtensionTest {

  @RegisterExtension
  static FrostSignerExtension signer =
      FrostSignerExtension.builder()
          .services(SignerService.EDDSA)
          .apiKeys("alice=key-a", "bob=key-b")
          .faults(false)
          .build();

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(String method, String url, String apiKey, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (apiKey != null) {
      b.header("x-api-key", apiKey);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theOptionsApply(FrostSandbox sandbox) throws Exception {
    assertEquals(List.of(SignerService.EDDSA), sandbox.services());
    assertEquals(List.of("FROST-ED25519-SHA512-v1"), sandbox.ciphersuites(SignerService.EDDSA));
    assertEquals("key-a", sandbox.apiKey());
    String keys = sandbox.baseUrl() + "/signers/eddsa/keys/nothing-here";

    HttpResponse<String> noKey = send("GET", keys, null, null);
    assertEquals(401, noKey.statusCode(), noKey.body());
    assertEquals("application/problem+json", noKey.headers().firstValue("Content-Type").orElse(""));

    HttpResponse<String> missing = send("GET", keys, "key-b", null);
    assertEquals(404, missing.statusCode(), missing.body());
    assertTrue(missing.body().contains("no-key-found"), missing.body());

    // faults off: no fault admin API, no reset endpoint (sandbox-mode operations)
    assertEquals(404, send("GET", sandbox.baseUrl() + "/admin/faults", "key-a", null).statusCode());
    assertEquals(404, send("POST", sandbox.baseUrl() + "/admin/reset", "key-a", null).statusCode());
    assertThrows(IllegalStateException.class, () -> sandbox.faults(SignerService.EDDSA).list());
  }

  @Test
  void resetClearsEveryTenantInProcessEvenWithFaultsOff(FrostSandbox sandbox) {
    Flows.dkgAndSign(
        sandbox.client("FROST-ED25519-SHA512-v1"), sandbox.http(SignerService.EDDSA), "alices-key");
    var bob =
        new dev.frostsandbox.client.SignerHttp(sandbox.baseUrl()).header("x-api-key", "key-b");
    Flows.dkgAndSign(sandbox.client("FROST-ED25519-SHA512-v1"), bob, "bobs-key");
    assertEquals(404, bob.get("/signers/eddsa/keys/alices-key").status(), "tenants stay apart");

    sandbox.reset();

    assertEquals(List.of(), sandbox.journal(SignerService.EDDSA));
    assertEquals(
        404, sandbox.http(SignerService.EDDSA).get("/signers/eddsa/keys/alices-key").status());
    assertEquals(404, bob.get("/signers/eddsa/keys/bobs-key").status());
  }
}
