package dev.frostsandbox.service.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.testing.TestSigner;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exposure defaults: SIGNER_REQUIRE_API_KEYS refuses to start open, and an API key listed twice
 * refuses to start (never naming the key), instead of serving with an ambiguous tenant.
 */
class ApiKeyConfigTest {

  private static String refusal(Map<String, String> env) {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class, () -> TestSigner.start(EddsaService.DEFINITION, env));
    return String.valueOf(refused.getCause().getMessage());
  }

  @Test
  void requiringApiKeysRefusesToStartWithoutAny() {
    assertTrue(
        refusal(Map.of("SIGNER_REQUIRE_API_KEYS", "true")).contains("SIGNER_REQUIRE_API_KEYS"));
    assertTrue(
        refusal(Map.of("SIGNER_REQUIRE_API_KEYS", "true", "SIGNER_API_KEYS", " , "))
            .contains("SIGNER_REQUIRE_API_KEYS"));
    try (TestSigner signer =
        TestSigner.start(
            EddsaService.DEFINITION,
            Map.of("SIGNER_REQUIRE_API_KEYS", "true", "SIGNER_API_KEYS", "alice=key-a"))) {
      assertEquals(401, signer.http().get(EddsaService.DEFINITION.prefix() + "/keys/k").status());
      assertEquals(
          404,
          signer
              .http()
              .header("x-api-key", "key-a")
              .get(EddsaService.DEFINITION.prefix() + "/keys/k")
              .status());
    }
  }

  @Test
  void aDuplicatedApiKeyRefusesToStartWithoutNamingIt() {
    for (String spec :
        new String[] {
          "alice=key-dup-9f,bob=key-dup-9f",
          "key-dup-9f,key-dup-9f",
          "alice=key-dup-9f, key-dup-9f "
        }) {
      String message = refusal(Map.of("SIGNER_API_KEYS", spec));
      assertTrue(message.contains("SIGNER_API_KEYS") && message.contains("twice"), message);
      assertFalse(message.contains("key-dup-9f"), "the key is not in the message: " + message);
    }
    // one tenant with two keys (rotation) is fine
    try (TestSigner signer =
        TestSigner.start(
            EddsaService.DEFINITION, Map.of("SIGNER_API_KEYS", "alice=key-old,alice=key-new"))) {
      assertEquals(
          404,
          signer
              .http()
              .header("x-api-key", "key-old")
              .get(EddsaService.DEFINITION.prefix() + "/keys/k")
              .status());
      assertEquals(
          404,
          signer
              .http()
              .header("x-api-key", "key-new")
              .get(EddsaService.DEFINITION.prefix() + "/keys/k")
              .status());
    }
  }
}
