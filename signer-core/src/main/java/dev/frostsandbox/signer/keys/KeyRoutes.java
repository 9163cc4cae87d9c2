package dev.frostsandbox.signer.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.state.KeyRecord;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** Reading and deleting stored keys. */
public final class KeyRoutes {

  private final SignerContext sc;

  public KeyRoutes(SignerContext sc) {
    this.sc = sc;
  }

  public Router router(Vertx vertx) {
    Router r = Router.router(vertx);
    r.get("/:keyid").handler(this::get);
    r.delete("/:keyid").handler(this::delete);
    return r;
  }

  private void get(RoutingContext ctx) {
    Call call = sc.call(ctx, "/keys");
    sc.state()
        .findKey(call)
        .map(key -> {
          if (key == null) {
            throw SignerProblems.noKey(call, sc.definition().keyKind());
          }
          return describe(call, key);
        })
        .compose(answer -> Json.send(ctx, 200, answer))
        .onFailure(ctx::fail);
  }

  public static <E> ObjectNode describe(Call call, KeyRecord<E> key) {
    FrostJson<E> json = key.suite().frost().json();
    ObjectNode out = Json.object();
    out.put("keyid", call.keyid());
    out.put("ciphersuite", key.suite().ciphersuite());
    out.put("verifying_key", json.element(key.publicKeyPackage().verifyingKey()));
    if (key.suite().frost().suite().tweaks()) {
      // the x-only key a wallet puts in its P2TR output (BIP-341 key path)
      out.put("taproot_output_key",
          dev.frostsandbox.frost.Bytes.toHex(key.suite().frost().suite().outputKey(key.publicKeyPackage().verifyingKey())));
    }
    out.set("public_key_package", json.publicKeyPackage(key.publicKeyPackage()));
    out.put("created_at", Instant.ofEpochMilli(key.createdAtMillis()).toString());
    return out;
  }

  private void delete(RoutingContext ctx) {
    Call call = sc.call(ctx, "/keys");
    sc.state()
        .deleteKey(call)
        .compose(deleted -> {
          if (!deleted) {
            throw SignerProblems.noKey(call, sc.definition().keyKind());
          }
          return ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }
}
