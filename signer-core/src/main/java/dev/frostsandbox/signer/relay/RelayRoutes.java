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
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.Json;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.ops.RequestLog;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.ApiRoutes;
import dev.frostsandbox.signer.route.FaultPoint;
import dev.frostsandbox.signer.service.RequestScope;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
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
 * hash and the account's relay nonce. Reverts are answered as an EVM node reports them (revert data
 * of an OpenZeppelin-style custom error); the relay's own failures (RPC error, operator pool
 * exhausted, timeout) and the other reverts exist only as injected faults.
 *
 * <p>The signature check and the hashes run on a worker thread: hashing a payload (Poseidon above
 * all) takes milliseconds, which an event loop must not spend. Payloads are at most {@link
 * #MAX_PAYLOAD_BYTES}, which bounds that work.
 */
public final class RelayRoutes {

  /** The documented path is {@code /v1<prefix>/relay}, outside the service prefix. */
  public static final String V1 = "/v1";

  public static final String ROUTE = "/relay";

  /**
   * The longest payload relayed, in bytes: the largest contract code a chain deploys (EIP-170). Its
   * hex fits the default SIGNER_MAX_BODY_BYTES, and it bounds the worker time of a relay.
   */
  public static final int MAX_PAYLOAD_BYTES = 24_576;

  /**
   * The longest signature read; a suite's serialization is far shorter (65 bytes for secp256k1).
   */
  public static final int MAX_SIGNATURE_BYTES = 1024;

  /** The reason of an injected {@code relay-reverted} without X-Fault-Revert-Reason. */
  static final String DEFAULT_REVERT_REASON = "transaction reverted (injected fault)";

  static final Duration POOL_RETRY_AFTER = Duration.ofSeconds(1);

  private static final Set<String> MEMBERS = Set.of("keyid", "payload", "signature");

  private final SignerContext sc;
  private final Vertx vertx;
  private final String mount;
  private final String url;
  private final RelayState state;

  /**
   * {@code mount} is the prefix the router is mounted under: the service prefix, or {@link #V1} +
   * it.
   */
  public RelayRoutes(SignerContext sc, Vertx vertx, String mount) {
    this.sc = sc;
    this.vertx = vertx;
    this.mount = mount;
    this.url = mount + ROUTE;
    this.state =
        new RelayState(sc.state().store(), sc.definition().name(), sc.config().relayMaxPayloads());
  }

  /** Where the relay's documented path is mounted for a service prefix: {@code /v1<prefix>}. */
  public static String documentedMount(String prefix) {
    return V1 + prefix;
  }

  /** The documented path of the relay of a service prefix: {@code /v1<prefix>/relay}. */
  public static String documentedPath(String prefix) {
    return documentedMount(prefix) + ROUTE;
  }

  /** The documented path of a service's relay. */
  public static String documentedPath(ServiceDefinition definition) {
    return documentedPath(definition.prefix());
  }

  /**
   * {@code POST /relay}: its keyid is in the body; it fails where the real relay would: the key
   * lookup, the store, and the submission (the relay's own catalogue entries).
   */
  public static final ApiRoute<ObjectNode> RELAY =
      new ApiRoute<>(
          HttpMethod.POST,
          ROUTE,
          false,
          Set.of(
              FaultPoint.RELAY_SUBMISSION,
              FaultPoint.STORE,
              FaultPoint.STATE_DECODE,
              FaultPoint.KEY_LOOKUP),
          Set.of());

  /** Registers {@code POST /relay} under this relay's mount. */
  public void addTo(ApiRoutes api, BodyHandler body) {
    api.add(mount, RELAY).consumes("application/json").handler(body).handler(this::relay);
  }

  /** A relay request, checked: the keyid, the payload's bytes and the signature's. */
  @SuppressWarnings(
      "ArrayRecordComponent") // private carrier of checked bytes; never compared or printed
  private record Request(String keyid, byte[] payload, byte[] signature) {}

  /** The key's account as the answers name it. */
  @SuppressWarnings(
      "ArrayRecordComponent") // private carrier; the address is never compared or printed (hex is
  // its text)
  private record Account(Call call, byte[] address, String hex) {}

  private void relay(RoutingContext ctx) {
    Call bare = new Call(SignerContext.tenant(ctx), null, url);
    Request req = read(Json.bodyObject(ctx, bare), bare);
    // the keyid is in the body, not the path: tell the request journal
    ctx.put(RequestLog.KEYID_KEY, req.keyid());
    Call call = new Call(bare.tenant(), req.keyid(), url);
    RequestScope s = sc.scope(ctx, call);
    s.state()
        .findKey(call)
        .compose(
            key -> {
              if (key == null) {
                throw SignerProblems.noKey(call, sc.definition().keyKind());
              }
              return relay(ctx, s, key, req);
            })
        .compose(answer -> Json.send(ctx, 200, answer))
        .onFailure(
            e -> {
              // answered already (the request timeout's 503) or the client is gone: nothing to say
              if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.fail(e);
              }
            });
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
    byte[] payload = hex(body, "payload", MAX_PAYLOAD_BYTES, errors);
    byte[] signature = hex(body, "signature", MAX_SIGNATURE_BYTES, errors);
    if (!errors.isEmpty()) {
      throw SignerProblems.jsonInvalid(call, errors);
    }
    return new Request(keyid, payload, signature);
  }

  /** A non-empty hex string of at most {@code max} bytes, with or without 0x, either case. */
  private static byte[] hex(JsonNode body, String name, int max, List<InvalidField> errors) {
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
    if (s != null && s.length() > 2L * max) {
      // refused before decoding: the length alone says it
      errors.add(new InvalidField(ptr, "must be at most " + max + " bytes"));
      return null;
    }
    byte[] b = s == null ? null : Bytes.fromHex(s);
    if (b == null) {
      errors.add(new InvalidField(ptr, "must be a hex string (0x optional)"));
    } else if (b.length == 0) {
      errors.add(new InvalidField(ptr, "must not be empty"));
    }
    return b;
  }

  /** What the worker computed: the account, whether the signature verifies, and the hashes. */
  @SuppressWarnings(
      "ArrayRecordComponent") // private carrier from the worker; never compared or printed
  private record Checked(byte[] address, boolean valid, String payloadId, String txHash) {}

  private <E> Future<ObjectNode> relay(
      RoutingContext ctx, RequestScope s, KeyRecord<E> key, Request req) {
    Call call = s.call();
    SuiteBinding<E> suite = key.suite();
    RelayScheme<E> scheme = suite.relay();
    if (scheme == null) {
      throw Problem.of(
              Catalogue.UNPROCESSABLE, "Keys of " + suite.ciphersuite() + " cannot be relayed")
          .withKeyId(call.keyid())
          .toException();
    }
    E vk = key.publicKeyPackage().verifyingKey();
    // hashing the payload takes milliseconds (Poseidon): on a worker, never on the event loop
    return vertx
        .executeBlocking(
            () ->
                new Checked(
                    scheme.account(suite.frost(), vk),
                    scheme.verify(
                        suite.frost(),
                        scheme.message(call.keyid(), req.payload()),
                        req.signature(),
                        vk),
                    Bytes.toHex(Keccak.keccak256(req.payload())),
                    Abi.hex(Keccak.keccak256(req.payload(), req.signature()))),
            false)
        .compose(checked -> submit(ctx, s, suite, checked));
  }

  /** The checks a chain makes, in its order: signature, then nonce (in the submission). */
  private Future<ObjectNode> submit(
      RoutingContext ctx, RequestScope s, SuiteBinding<?> suite, Checked checked) {
    Call call = s.call();
    Account account = new Account(call, checked.address(), Abi.hex(checked.address()));
    if (!checked.valid()) {
      throw revert(
          Catalogue.INVALID_RELAY_SIGNATURE, account, Revert.invalidSignature(account.address()));
    }
    return s.decoration()
        .relay(RelaySubmission.REAL)
        .submit(
            new RelaySubmission.Attempt() {
              @Override
              public Future<Boolean> relayedBefore() {
                return state.wasRelayed(call, checked.payloadId());
              }

              @Override
              public Future<ObjectNode> record() {
                return RelayRoutes.this.record(call, suite, account, checked);
              }

              @Override
              public Future<ObjectNode> nonceRevert() {
                return RelayRoutes.this.nonceRevert(account);
              }

              @Override
              public Future<ObjectNode> fail(ProblemType failure, String revertReason) {
                return injected(ctx, account, failure, revertReason);
              }
            });
  }

  /** Records the payload relayed, which raises the nonce, in one atomic write; the answer. */
  private Future<ObjectNode> record(
      Call call, SuiteBinding<?> suite, Account account, Checked checked) {
    return state
        .claim(call, checked.payloadId())
        .compose(
            c -> {
              if (c == null) {
                // deleted since the lookup: the relay recorded nothing for it
                return Future.failedFuture(SignerProblems.noKey(call, sc.definition().keyKind()));
              }
              if (c.claim() == Store.Claim.ADDED) {
                return Future.succeededFuture(answer(suite, account, checked.txHash(), c.size()));
              }
              if (c.claim() == Store.Claim.PRESENT) {
                return Future.failedFuture(nonceRevert(account, c.size()));
              }
              return Future.failedFuture(
                  relayProblem(Catalogue.UNPROCESSABLE, account)
                      .withDetail(
                          "Key "
                              + call.keyid()
                              + " has relayed "
                              + state.maxPayloads()
                              + " payloads, the most one key may relay (SIGNER_RELAY_MAX_PAYLOADS): relay with another key")
                      .withExtension("limit", state.maxPayloads())
                      .toException());
            });
  }

  private static ObjectNode answer(
      SuiteBinding<?> suite, Account account, String txHash, long nonce) {
    ObjectNode out = Json.object();
    out.put("tx_hash", txHash);
    out.put("keyid", account.call().keyid());
    out.put("ciphersuite", suite.ciphersuite());
    out.put("account", account.hex());
    out.put("relay_nonce", nonce);
    return out;
  }

  private <T> Future<T> nonceRevert(Account account) {
    return state.nonce(account.call()).compose(n -> Future.failedFuture(nonceRevert(account, n)));
  }

  private static RuntimeException nonceRevert(Account account, long nonce) {
    return revert(
        Catalogue.INVALID_ACCOUNT_NONCE, account, Revert.invalidNonce(account.address(), nonce));
  }

  private <T> Future<T> injected(
      RoutingContext ctx, Account account, ProblemType type, String reason) {
    byte[] a = account.address();
    if (Catalogue.INVALID_ACCOUNT_NONCE.equals(type)) {
      return nonceRevert(account);
    } else if (Catalogue.INVALID_RELAY_SIGNATURE.equals(type)) {
      return Future.failedFuture(revert(type, account, Revert.invalidSignature(a)));
    } else if (Catalogue.INSUFFICIENT_FUNDS.equals(type)) {
      return Future.failedFuture(revert(type, account, Revert.insufficientBalance(a)));
    } else if (Catalogue.ACCOUNT_NOT_DEPLOYED.equals(type)) {
      return Future.failedFuture(revert(type, account, Revert.emptyCode(a)));
    } else if (Catalogue.RELAY_REVERTED.equals(type)) {
      return Future.failedFuture(
          revert(type, account, Revert.error(reason == null ? DEFAULT_REVERT_REASON : reason)));
    } else if (Catalogue.RELAY_POOL_EXHAUSTED.equals(type)) {
      return Future.failedFuture(
          relayProblem(type, account).withRetryAfter(POOL_RETRY_AFTER).toException());
    } else if (Catalogue.RELAY_TIMEOUT.equals(type)) {
      // waits as a node that never confirms would, on a timer: the event loop goes on
      long ms = sc.config().relayTimeout().toMillis();
      Promise<T> p = Promise.promise();
      long timer =
          vertx.setTimer(
              Math.max(1, ms),
              id ->
                  p.fail(
                      relayProblem(type, account)
                          .withDetail(
                              "The relayed transaction was not confirmed within "
                                  + ms
                                  + " ms (SIGNER_RELAY_TIMEOUT_MS)")
                          .toException()));
      // answered meanwhile (the request timeout) or the client went away: no late answer
      ctx.addEndHandler(v -> vertx.cancelTimer(timer));
      return p.future();
    }
    return Future.failedFuture(relayProblem(type, account).toException());
  }

  /** A relay failure that is not a revert: keyid and account. */
  private static Problem relayProblem(ProblemType type, Account account) {
    return Problem.of(type)
        .withKeyId(account.call().keyid())
        .withExtension("account", account.hex());
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
