package dev.frostsandbox.junit.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.junit.FrostSandbox;
import dev.frostsandbox.junit.FrostSignerTest;
import dev.frostsandbox.junit.SignerService;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /admin/reset}, what a Compose sandbox's user calls between tests: the caller's tenant
 * only, its keys, rules and journal; another tenant keeps everything.
 */
@FrostSignerTest(
    services = SignerService.EDDSA,
    apiKeys = {"alice=key-a", "bob=key-b"})
class ResetEndpointTest {

  @Test
  void resetDeletesTheCallersTenantOnly(FrostSandbox sandbox) {
    SignerHttp alice = sandbox.http(SignerService.EDDSA);
    SignerHttp bob = new SignerHttp(sandbox.baseUrl()).header("x-api-key", "key-b");
    Flows.dkgAndSign(sandbox.client("FROST-ED25519-SHA512-v1"), alice, "alices");
    Flows.dkgAndSign(sandbox.client("FROST-ED25519-SHA512-v1"), bob, "bobs");
    assertEquals(
        201,
        alice
            .post(
                "/admin/faults",
                "{\"method\": \"GET\", \"path\": \"/nothing\", \"fault\": \"redis-error\"}",
                "application/json")
            .status());
    HttpAnswer started = startDkg(sandbox.client("FROST-ED25519-SHA512-v1"), alice, "half-done");
    assertEquals(201, started.status(), started.body());

    HttpAnswer reset = alice.post("/admin/reset", null, null);

    assertEquals(200, reset.status(), reset.body());
    // the key and its index entry, the DKG round and its quota entry, the rule, index and version
    assertTrue(reset.json().path("deleted").asLong() >= 5, reset.body());
    // the reset itself is not journaled, nor are journal reads
    assertEquals(0, alice.get("/admin/requests").json().path("requests").size());
    assertEquals(404, alice.get("/signers/eddsa/keys/alices").status());
    assertEquals(
        404, alice.post("/signers/eddsa/dkg/round2/half-done", "{}", "application/json").status());
    assertEquals(List.of(), sandbox.faults(SignerService.EDDSA).list());
    assertEquals(
        200, bob.get("/signers/eddsa/keys/bobs").status(), "another tenant keeps its keys");
    assertTrue(bob.get("/admin/requests").json().path("requests").size() >= 3);
    assertEquals(401, new SignerHttp(sandbox.baseUrl()).post("/admin/reset", null, null).status());
  }

  private static <E> HttpAnswer startDkg(FrostClient<E> client, SignerHttp http, String keyid) {
    FrostClient.DkgStart<E> start = client.dkgStart(keyid, 2, 2, true);
    return http.post(start.path(), start.body());
  }
}
