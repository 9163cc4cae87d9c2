package dev.frostsandbox.signer.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.fault.FaultPoints;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.state.KeyRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1<prefix>/relay} (also {@code <prefix>/relay}): an emulated transaction relay,
 * without a chain. The client signs a payload with the group key of a key this service holds (the
 * message is {@link RelayScheme#message}); the relay checks the signature with the key's suite,
 * refuses a payload it relayed before (the account's nonce is used), and answers the transaction
 * hash and the account's relay nonce. Reverts are answered as an EVM node reports them (revert
 * data of an OpenZeppelin-style custom error); the relay's own failures (RPC error, operator pool
 * exhausted, timeout) and the other reverts exist only as injected faults.
 */
public final class RelayRoutes {

  /** The documented path is {@code /v1<prefix>/relay}, outside the service prefix. */
  public static final String V1 = "/v1";
  public static final String ROUTE = "/relay";
  /** The reason of an injected {@code relay-reverted} without X-Fault-Revert-Reason. */
  static final String DEFAULT_REVERT_REASON = "transaction reverted (injected fault)";
  static final Duration POOL_RETRY_AFTER = Duration.ofSeconds(1);

  private static final Set<String> MEMBERS = Set.of("keyid", "payload", "signature");

  private final SignerContext sc;
  private final Vertx vertx;
  private final String url;
  private final RelayState state;

  /** {@code mount} is the prefix the router is mounted under: the service prefix, or {@link #V1} + it. */
  public RelayRoutes(SignerContext sc, Vertx vertx, String mount) {
    this.sc = sc;
    this.vertx = vertx;
    this.url = mount + ROUTE;
    this.state = new RelayState(sc.state().store(), sc.definition().name());
  }

  /** The documented path of a service's relay. */
  public static String documentedPath(ServiceDefinition definition) {
    return V1 + definition.prefix() + ROUTE;
  }

  /** Adds {@code POST /relay} to a router mounted under this relay's mount. */
  public Router addTo(Router r, BodyHandler body) {
    r.post(ROUTE).consumes("application/json").handler(body).handler(this::relay);
    return r;
  }

  /** A relay request, checked: the keyid, the payload's bytes and the signature's. */
  private record Request(String keyid, byte[] payload, byte[] signature) {}

  /** The key's account as the answers name it. */
  private record Account(Call call, byte[] address, String hex) {}

  private void relay(RoutingContext ctx) {
    String tenant = ctx.get(Tenants.CONTEXT_KEY);
    FaultPoints faults = ctx.get(SignerContext.FAULTS_KEY);
    Call bare = new Call(tenant == null ? Tenants.OPEN_TENANT : tenant, null, url, faults == null ? FaultPoints.NONE : faults);
    Request req = read(Json.bodyObject(ctx, bare), bare);
    Call call = new Call(bare.tenant(), req.keyid(), url, bare.faults());
    sc.state()
        .findKey(call)
        .compose(key -> {
          if (key == null) {
            throw SignerProblems.noKey(call, sc.definition().keyKind());
          }
          return relay(call, key, req);
        })
        .compose(answer -> Json.send(ctx, 200, answer))
        .onFailure(ctx::fail);
  }

  private static Request read(JsonNode body, Call call) {
    List<InvalidField> errors = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!MEMBERS.contains(f)) {
        errors.add(new InvalidField(InvalidField.child("", f), "unknown field"));
      }
    }
    String keyid = null;
    JsonNode k = body.get("keyid");
    if (k == null || k.isNull()) {
      errors.add(new InvalidField("/keyid", "is required"));
    } else if (!k.isTextual() || !SignerContext.KEYID.matcher(k.asText()).matches()) {
      errors.add(new InvalidField("/keyid", "must be 1 to 128 characters of [A-Za-z0-9._:-]"));
    } else {
      keyid = k.asText();
    }
    byte[] payload = hex(body, "payload", errors);
    byte[] signature = hex(body, "signature", errors);
    if (!errors.isEmpty()) {
      throw SignerProblems.jsonInvalid(call, errors);
    }
    return new Request(keyid, payload, signature);
  }

  /** A non-empty hex string, with or without 0x, either case. */
  private static byte[] hex(JsonNode body, String name, List<InvalidField> errors) {
    JsonNode v = body.get(name);
    String ptr = "/" + name;
    if (v == null || v.isNull()) {
      errors.add(new InvalidField(ptr, "is required"));
      return null;
    }
    String s = v.isTextual() ? v.asText() : null;
    if (s != null && (s.startsWith("0x") || s.startsWith("0X"))) {
      s = s.substring(2);
    }
    byte[] b = s == null ? null : Bytes.fromHex(s);
    if (b == null) {
      errors.add(new InvalidField(ptr, "must be a hex string (0x optional)"));
    } else if (b.length == 0) {
      errors.add(new InvalidField(ptr, "must not be empty"));
    }
    return b;
  }

  private <E> Future<ObjectNode> relay(Call call, KeyRecord<E> key, Request req) {
    SuiteBinding<E> suite = key.suite();
    RelayScheme<E> scheme = suite.relay();
    if (scheme == null) {
      throw Problem.of(Catalogue.UNPROCESSABLE, "Keys of " + suite.ciphersuite() + " cannot be relayed")
          .withKeyId(call.keyid())
          .toException();
    }
    E vk = key.publicKeyPackage().verifyingKey();
    byte[] address = scheme.account(suite.frost(), vk);
    Account account = new Account(call, address, Abi.hex(address));
    // the checks a chain makes, in its order: signature, then nonce
    if (!scheme.verify(suite.frost(), scheme.message(call.keyid(), req.payload()), req.signature(), vk)) {
      throw revert(Catalogue.INVALID_RELAY_SIGNATURE, account, Revert.invalidSignature(address));
    }
    String payloadId = Bytes.toHex(Keccak.keccak256(req.payload()));
    String txHash = Abi.hex(Keccak.keccak256(req.payload(), req.signature()));
    return state.wasRelayed(call, account.hex(), payloadId).compose(relayed -> {
      if (relayed) {
        return nonceRevert(account);
      }
      ProblemType injected = call.faults().relayFailure();
      if (injected != null) {
        // the submission fails: nothing is claimed or counted, so a retry can succeed
        return injected(account, injected, call.faults().revertReason());
      }
      return state.claim(call, account.hex(), payloadId, txHash).compose(claimed -> claimed
          ? state.advance(call, account.hex()).map(nonce -> answer(suite, account, txHash, nonce))
          : nonceRevert(account));
    });
  }

  private static ObjectNode answer(SuiteBinding<?> suite, Account account, String txHash, long nonce) {
    ObjectNode out = Json.object();
    out.put("tx_hash", txHash);
    out.put("keyid", account.call().keyid());
    out.put("ciphersuite", suite.ciphersuite());
    out.put("account", account.hex());
    out.put("relay_nonce", nonce);
    return out;
  }

  private <T> Future<T> nonceRevert(Account account) {
    return state.nonce(account.call(), account.hex()).compose(n -> Future.failedFuture(
        revert(Catalogue.INVALID_ACCOUNT_NONCE, account, Revert.invalidNonce(account.address(), n))));
  }

  private <T> Future<T> injected(Account account, ProblemType type, String reason) {
    byte[] a = account.address();
    if (type == Catalogue.INVALID_ACCOUNT_NONCE) {
      return nonceRevert(account);
    } else if (type == Catalogue.INVALID_RELAY_SIGNATURE) {
      return Future.failedFuture(revert(type, account, Revert.invalidSignature(a)));
    } else if (type == Catalogue.INSUFFICIENT_FUNDS) {
      return Future.failedFuture(revert(type, account, Revert.insufficientBalance(a)));
    } else if (type == Catalogue.ACCOUNT_NOT_DEPLOYED) {
      return Future.failedFuture(revert(type, account, Revert.emptyCode(a)));
    } else if (type == Catalogue.RELAY_REVERTED) {
      return Future.failedFuture(revert(type, account, Revert.error(reason == null ? DEFAULT_REVERT_REASON : reason)));
    } else if (type == Catalogue.RELAY_POOL_EXHAUSTED) {
      return Future.failedFuture(relayProblem(type, account).withRetryAfter(POOL_RETRY_AFTER).toException());
    } else if (type == Catalogue.RELAY_TIMEOUT) {
      // waits as a node that never confirms would, on a timer: the event loop goes on
      long ms = sc.config().relayTimeout().toMillis();
      Promise<T> p = Promise.promise();
      vertx.setTimer(Math.max(1, ms), id -> p.fail(relayProblem(type, account)
          .withDetail("The relayed transaction was not confirmed within " + ms + " ms (SIGNER_RELAY_TIMEOUT_MS)")
          .toException()));
      return p.future();
    }
    return Future.failedFuture(relayProblem(type, account).toException());
  }

  /** A relay failure that is not a revert: keyid and account. */
  private static Problem relayProblem(ProblemType type, Account account) {
    return Problem.of(type).withKeyId(account.call().keyid()).withExtension("account", account.hex());
  }

  private static RuntimeException revert(ProblemType type, Account account, Revert r) {
    return Problem.of(type, "execution reverted: " + r.reason())
        .withKeyId(account.call().keyid())
        .withExtension("account", account.hex())
        .withExtension("reason", r.reason())
        .withExtension("revert_data", Abi.hex(r.data()))
        .toException();
  }
}
