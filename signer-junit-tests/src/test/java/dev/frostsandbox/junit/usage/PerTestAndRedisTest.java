package dev.frostsandbox.junit.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.frostsandbox.junit.FrostSandbox;
import dev.frostsandbox.junit.FrostSignerExtension;
import dev.frostsandbox.junit.SignerService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fresh services for each test against a real Redis: a key written in one test is in Redis, and the
 * reset of the next test's start removes it there too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerTestAndRedisTest {

  private static final LocalRedis REDIS = startRedis();
  private static final List<Integer> PORTS = new ArrayList<>();

  private static LocalRedis startRedis() {
    try {
      return LocalRedis.start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopRedis() {
    REDIS.close();
  }

  @RegisterExtension
  static FrostSignerExtension signer =
      FrostSignerExtension.builder()
          .services(SignerService.ECDSA_SCHNORR)
          .redisUrl(REDIS.url())
          .apiKeys("redis-user=" + java.util.UUID.randomUUID())
          .perTest(true)
          .build();

  @Test
  @Order(1)
  void writesAKeyToRedis(FrostSandbox sandbox) {
    PORTS.add(sandbox.server(SignerService.ECDSA_SCHNORR).port());
    Flows.dkgAndSign(
        sandbox.client("FROST-secp256k1-SHA256-v1"),
        sandbox.http(SignerService.ECDSA_SCHNORR),
        "in-redis");
    assertEquals(
        1L,
        sandbox
            .server(SignerService.ECDSA_SCHNORR)
            .store()
            .setSize("frost:{ecdsa-schnorr.redis-user}:keys")
            .toCompletionStage()
            .toCompletableFuture()
            .join());
  }

  @Test
  @Order(2)
  void theNextTestHasNewServicesAndAnEmptyTenant(FrostSandbox sandbox) {
    int port = sandbox.server(SignerService.ECDSA_SCHNORR).port();
    assertNotEquals(PORTS.get(0), port, "perTest starts new services");
    // the key is still in Redis after the earlier test's services stopped: the reset before this
    // test removed it
    assertEquals(
        404,
        sandbox
            .http(SignerService.ECDSA_SCHNORR)
            .get("/signers/ecdsa-schnorr/keys/in-redis")
            .status());
    assertNull(
        sandbox
            .server(SignerService.ECDSA_SCHNORR)
            .store()
            .get("frost:{ecdsa-schnorr.redis-user:in-redis}:key")
            .toCompletionStage()
            .toCompletableFuture()
            .join());
  }
}
