package dev.frostsandbox.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values copied from shared/design/error-catalogue.md (and the brief for generic titles).
 */
class CatalogueTest {

  static final String BASE = "https://docs.keyban.io/products/embedded-wallet/exceptions";

  // slug | title | status | type (#slug => <base>#slug) | fixed detail (backend errors only)
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      base64-decode-error               | Base64 decode error               | 400 | #base64-decode-error           |
      frost-request-json-invalid        | Frost request json invalid        | 400 | #frost-request-json-invalid    |
      no-dkg-round-found                | No DKG round found                | 404 | #no-dkg-round-found            |
      no-key-found                      | No key found                      | 404 | #no-key-found                  |
      frost-internal-error              | Frost internal error              | 500 | #frost-internal-error          |
      frost-poseidon-internal-error     | Frost Poseidon internal error     | 500 | #frost-poseidon-internal-error |
      redis-error                       | Redis error                       | 500 | #redis-error                   |
      serialize-error                   | Serialize error                   | 500 | #serialize-error               |
      no-signing-round-found            | No signing round found            | 404 | #no-signing-round-found        |
      invalid-relay-signature           | Invalid relay signature           | 422 | #invalid-relay-signature       |
      invalid-account-nonce             | Invalid account nonce             | 422 | #invalid-account-nonce         |
      insufficient-funds                | Insufficient funds                | 422 | #insufficient-funds            |
      account-not-deployed              | Account not deployed              | 422 | #account-not-deployed          |
      relay-reverted                    | Relay reverted                    | 422 | #relay-reverted                |
      relay-rpc-error                   | Relay RPC error                   | 502 | #relay-rpc-error               |
      relay-pool-exhausted              | Relay pool exhausted              | 503 | #relay-pool-exhausted          |
      relay-timeout                     | Relay timeout                     | 504 | #relay-timeout                 |
      feature-not-allowed               | Feature not allowed               | 403 | about:blank | One or more requested features are not allowed for your organization. Contact your administrator.
      network-not-allowed               | Network not allowed               | 403 | about:blank | The requested network is not allowed for your organization. Contact your administrator.
      quota-active-users-limit-exceeded | Quota active users limit exceeded | 429 | about:blank | You have reached your monthly active users quota. Contact your administrator to increase your limit.
      quota-application-limit-exceeded  | Quota application limit exceeded  | 429 | about:blank | You have reached your application limit. Contact your administrator to increase your quota.
      quota-dpp-limit-exceeded          | Quota DPP limit exceeded          | 429 | about:blank | You have reached your monthly DPP quota (products and passports). Contact your administrator to increase your limit.
      bad-request                       | Bad Request                       | 400 | about:blank |
      unauthorized                      | Unauthorized                      | 401 | about:blank |
      forbidden                         | Forbidden                         | 403 | about:blank |
      not-found                         | Not Found                         | 404 | about:blank |
      method-not-allowed                | Method Not Allowed                | 405 | about:blank |
      conflict                          | Conflict                          | 409 | about:blank |
      payload-too-large                 | Content Too Large                 | 413 | about:blank |
      unsupported-media-type            | Unsupported Media Type            | 415 | about:blank |
      unprocessable                     | Unprocessable Content             | 422 | about:blank |
      rate-limited                      | Too Many Requests                 | 429 | about:blank |
      internal-error                    | Internal Server Error             | 500 | about:blank |
      service-unavailable               | Service Unavailable               | 503 | about:blank |
      """)
  void entryMatchesDocument(
      String slug, String title, int status, String type, String fixedDetail) {
    ProblemType t = Catalogue.bySlug(slug).orElseThrow(() -> new AssertionError("missing " + slug));
    assertEquals(slug, t.slug());
    assertEquals(title, t.title());
    assertEquals(status, t.status());
    String expectedType = type.startsWith("#") ? BASE + type : type;
    assertEquals(expectedType, t.typeUri(BASE));
    assertEquals(type.equals("about:blank"), t.aboutBlank());
    if (fixedDetail != null) {
      assertEquals(fixedDetail, t.defaultDetail());
      assertEquals(fixedDetail, Problem.of(t).detail());
    }
    // rendered body carries the same three members
    String json = Problem.of(t).toJson(BASE);
    assertTrue(
        json.startsWith(
            "{\"type\":\"" + expectedType + "\",\"title\":\"" + title + "\",\"status\":" + status),
        json);
  }

  @Test
  void allHasEveryEntryOnceAndNothingElse() {
    assertEquals(34, Catalogue.all().size());
    Set<String> slugs = new HashSet<>();
    for (ProblemType t : Catalogue.all()) {
      assertTrue(slugs.add(t.slug()), "duplicate " + t.slug());
      assertSame(t, Catalogue.bySlug(t.slug()).orElseThrow());
    }
    assertFalse(Catalogue.bySlug("no-such-problem").isPresent());
    assertFalse(Catalogue.bySlug(null).isPresent());
  }

  @Test
  void constantsAreTheCatalogueEntries() {
    assertSame(Catalogue.NO_DKG_ROUND_FOUND, Catalogue.bySlug("no-dkg-round-found").orElseThrow());
    assertSame(Catalogue.PAYLOAD_TOO_LARGE, Catalogue.genericForStatus(413).orElseThrow());
    assertSame(Catalogue.INTERNAL_ERROR, Catalogue.genericForStatus(500).orElseThrow());
    assertFalse(Catalogue.genericForStatus(418).isPresent());
    assertEquals("An error occurred while accessing Redis", Catalogue.REDIS_ERROR.defaultDetail());
    assertEquals("An error occurred while serializing", Catalogue.SERIALIZE_ERROR.defaultDetail());
    assertNull(Catalogue.NO_KEY_FOUND.defaultDetail());
  }

  @Test
  void typeBaseIsConfigurable() {
    assertEquals(
        "http://localhost/errors#redis-error",
        Catalogue.REDIS_ERROR.typeUri("http://localhost/errors"));
    assertEquals(
        "http://localhost/errors#redis-error",
        Catalogue.REDIS_ERROR.typeUri("http://localhost/errors/"));
    assertEquals("about:blank", Catalogue.CONFLICT.typeUri("http://localhost/errors"));
  }
}
