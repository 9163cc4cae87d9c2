package dev.frostsandbox.signer.keys;

import static dev.frostsandbox.signer.route.FaultPoint.AFTER_COMMIT;
import static dev.frostsandbox.signer.route.FaultPoint.KEY_LOOKUP;
import static dev.frostsandbox.signer.route.FaultPoint.STATE_DECODE;
import static dev.frostsandbox.signer.route.FaultPoint.STORE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.http.Answers;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.ApiRoutes;
import dev.frostsandbox.signer.route.Artefact;
import dev.frostsandbox.signer.service.KeyService;
import dev.frostsandbox.signer.service.RequestScope;
import dev.frostsandbox.signer.state.KeyRecord;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;

/** Reading and deleting stored keys. */
public final class KeyRoutes {

  public static final ApiRoute<KeyRecord<?>> GET =
      ApiRoute.keyed(
          HttpMethod.GET,
          "/keys",
          Set.of(STORE, STATE_DECODE, KEY_LOOKUP),
          Set.of(Artefact.VERIFYING_KEY, Artefact.ELEMENT));
  // deleting never decodes the stored key: no serialize-error point
  public static final ApiRoute<Void> DELETE =
      ApiRoute.keyed(HttpMethod.DELETE, "/keys", Set.of(STORE, KEY_LOOKUP, AFTER_COMMIT), Set.of());

  private final SignerContext sc;
  private final KeyService keys;

  public KeyRoutes(SignerContext sc, KeyService keys) {
    this.sc = sc;
    this.keys = keys;
  }

  public void addTo(ApiRoutes api) {
    String prefix = sc.definition().prefix();
    api.add(prefix, GET).handler(this::get);
    api.add(prefix, DELETE).handler(this::delete);
  }

  private void get(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, GET);
    Answers.send(
        ctx, s, GET, 200, keys.find(s), key -> Future.succeededFuture(describe(s.call(), key)));
  }

  public static <E> ObjectNode describe(Call call, KeyRecord<E> key) {
    FrostJson<E> json = key.suite().frost().json();
    ObjectNode out = Json.object();
    out.put("keyid", call.keyid());
    out.put("ciphersuite", key.suite().ciphersuite());
    out.put("verifying_key", json.element(key.publicKeyPackage().verifyingKey()));
    if (key.suite().frost().suite().tweaks()) {
      // the x-only key a wallet puts in its P2TR output (BIP-341 key path)
      out.put(
          "taproot_output_key",
          dev.frostsandbox.frost.Bytes.toHex(
              key.suite().frost().suite().outputKey(key.publicKeyPackage().verifyingKey())));
    }
    out.set("public_key_package", json.publicKeyPackage(key.publicKeyPackage()));
    if (!key.hasShare()) {
      // dropped (sandbox admin): the key signs again once repair part 3 rebuilt the share
      out.put("share_lost", true);
    }
    out.put("created_at", Instant.ofEpochMilli(key.createdAtMillis()).toString());
    return out;
  }

  private void delete(RoutingContext ctx) {
    RequestScope s = sc.scope(ctx, DELETE);
    Answers.send(ctx, s, DELETE, 204, keys.delete(s), v -> Future.succeededFuture(null));
  }
}
