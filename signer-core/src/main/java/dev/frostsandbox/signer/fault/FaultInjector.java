package dev.frostsandbox.signer.fault;

import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemException;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.fault.cosigner.InvalidElement;
import dev.frostsandbox.signer.ops.RequestLog;
import dev.frostsandbox.signer.relay.RelayRoutes;
import dev.frostsandbox.signer.relay.RelaySubmission;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.ApiRoutes;
import dev.frostsandbox.signer.route.Artefact;
import dev.frostsandbox.signer.route.FaultPoint;
import dev.frostsandbox.signer.service.Decoration;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreKeys;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Runs before the feature routers of the service prefix when faults are enabled: picks the fault of
 * a request (its headers, else the first matching admin rule), decides whether it applies (times,
 * percentage, seed; counted in the store so every instance agrees), then delays, breaks the
 * connection, arms the real failure point, or answers the catalogue entry directly. Nothing here
 * blocks: counters and rules are store futures, delays are timers.
 */
final class FaultInjector implements Handler<RoutingContext> {

  private static final Logger LOG = Logger.getLogger(FaultInjector.class.getName());

  /** X-Fault-Id sequences are forgotten a day after they start. */
  static final Duration SEQUENCE_TTL = Duration.ofHours(24);

  private final SignerContext sc;
  private final Vertx vertx;
  private final FaultRules rules;
  private final ApiRoutes api;

  FaultInjector(SignerContext sc, Vertx vertx, FaultRules rules, ApiRoutes api) {
    this.sc = sc;
    this.vertx = vertx;
    this.rules = rules;
    this.api = api;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    FaultHeaders.HeaderFault hf;
    try {
      hf = FaultHeaders.parse(req.headers());
    } catch (ProblemException bad) {
      ctx.fail(bad);
      return;
    }
    String tenant = ctx.get(Tenants.CONTEXT_KEY);
    String t = tenant == null ? Tenants.OPEN_TENANT : tenant;
    // classified by the path the router matches: "//relay", "%72elay" or "x/../relay" reach the
    // relay
    String normalized = RequestLog.normalizedPath(ctx);
    ApiRoutes.Target target =
        api.classify(req.method(), normalized == null ? req.path() : normalized);
    if (hf != null) {
      ProblemException refused = refusal(target, hf.spec());
      if (refused != null) {
        ctx.fail(refused);
        return;
      }
    }
    // no cosigner fault yet: round 2 still finds nonces behind corrupted round-1 commitments
    ctx.put(Decoration.CONTEXT_KEY, CosignerDecoration.LENIENT);
    // the decision is asynchronous: hold the body back for the route's BodyHandler. Pausing holds
    // back data, not a failure of the stream (a chunk the decoder cannot read, the client gone),
    // which would find no handler and go unanswered: until the hold ends, it fails the request.
    req.exceptionHandler(e -> ctx.fail(ProblemRenderer.unreadableBody()));
    req.pause();
    Future<FaultSpec> chosen = hf != null ? fromHeaders(t, hf) : fromRules(t, ctx, target);
    chosen.onComplete(
        ar -> {
          if (ar.failed()) {
            if (holdEnds(ctx)) {
              // the store failed while counting: the request fails as it would on its own store
              // call
              ctx.fail(ar.cause());
              req.resume();
            }
          } else if (ar.result() == null) {
            if (holdEnds(ctx)) {
              proceed(ctx);
            }
          } else {
            apply(ctx, t, target, ar.result());
          }
        });
  }

  /**
   * Ends the hold on the request's body: false if the request was answered meanwhile (its stream
   * failed, or the request timeout's 503 went out during a fault's delay: the client was told it
   * did not complete, so the route must not run now), else the hold's exception handler is removed
   * and the request goes on.
   */
  private static boolean holdEnds(RoutingContext ctx) {
    if (ctx.failed() || ctx.response().ended() || ctx.response().closed()) {
      return false;
    }
    ctx.request().exceptionHandler(null);
    return true;
  }

  private static void proceed(RoutingContext ctx) {
    ctx.next();
    // a route with a BodyHandler resumed already; any other lets the body drain
    ctx.request().resume();
  }

  private Future<FaultSpec> fromHeaders(String tenant, FaultHeaders.HeaderFault hf) {
    FaultSpec spec = hf.spec();
    if (!spec.counted()) {
      return Future.succeededFuture(unseededHit(spec) ? spec : null);
    }
    String key = StoreKeys.fault(sc.definition().name() + "/" + tenant + "/" + hf.id());
    return countedId(tenant, hf.id())
        .compose(v -> sc.state().store().increment(key, SEQUENCE_TTL))
        .map(n -> spec.hits(n) && unseededHit(spec) ? spec : null);
  }

  /**
   * A tenant has at most SIGNER_FAULT_MAX_IDS live X-Fault-Id counters: each id holds a slot of the
   * tenant's pool until 24 h after its last use (so at least as long as its counter lives); a new
   * id beyond the cap is a 409 and creates no counter.
   */
  private Future<Void> countedId(String tenant, String id) {
    int max = sc.config().limits().faultIds();
    return sc.state()
        .store()
        .claimSlot(rules.idsKey(tenant), id, SEQUENCE_TTL, max)
        .compose(
            claim -> {
              if (claim != Store.Claim.REFUSED) {
                return Future.succeededFuture();
              }
              return Future.failedFuture(
                  Problem.of(
                          Catalogue.CONFLICT,
                          FaultHeaders.ID
                              + ": this tenant has "
                              + max
                              + " fault counters already (SIGNER_FAULT_MAX_IDS); reuse an id, or wait until one expires"
                              + " (24 h after its last use)")
                      .withExtension("header", FaultHeaders.ID)
                      .withExtension("limit", max)
                      .toException());
            });
  }

  /**
   * Whether a fault can be injected on a request's endpoint: the relay's own entries only where the
   * route declares the relay's submission, a misbehaving cosigner only where the route declares the
   * artefact it corrupts, an after-commit abort only where the route declares that point; elsewhere
   * they would mean nothing.
   */
  private boolean offers(ApiRoutes.Target target, FaultSpec spec) {
    return refusal(target, spec) == null;
  }

  /**
   * The 400 of a fault the request's endpoint cannot produce, naming its header; null when it can.
   */
  private ProblemException refusal(ApiRoutes.Target target, FaultSpec spec) {
    ApiRoute<?> route = target.route();
    if (spec.fault() != null
        && RelaySubmission.FAILURES.contains(spec.fault())
        && (route == null || !route.offers(FaultPoint.RELAY_SUBMISSION))) {
      return notOffered(spec.fault());
    }
    if (spec.cosigner() != null) {
      Artefact artefact = spec.cosigner().artefact();
      if (route == null || !route.artefacts().contains(artefact)) {
        return FaultHeaders.bad(
            FaultHeaders.FAULT,
            spec.cosigner().slug()
                + " is only available on "
                + endpoints(r -> r.artefacts().contains(artefact))
                + ": the answers that carry "
                + artefact.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
      InvalidElementKind variant = spec.variant();
      if (variant != null
          && sc.definition().suites().stream()
              .noneMatch(s -> InvalidElement.kinds(s.frost().group()).contains(variant))) {
        return FaultHeaders.bad(
            FaultHeaders.VARIANT,
            variant.slug()
                + " is not an invalid encoding of the groups of "
                + String.join(", ", sc.definition().ciphersuites()));
      }
    }
    if (spec.abort() == Abort.AFTER_COMMIT
        && (route == null || !route.offers(FaultPoint.AFTER_COMMIT))) {
      return FaultHeaders.bad(
          FaultHeaders.ABORT,
          "after-commit is only available on "
              + endpoints(r -> r.offers(FaultPoint.AFTER_COMMIT))
              + ": the endpoints that commit state");
    }
    return null;
  }

  /**
   * The endpoints under the service prefix whose route satisfies {@code which}, e.g. "POST
   * /signers/eddsa/sign".
   */
  private String endpoints(Predicate<ApiRoute<?>> which) {
    return api.all().stream()
        .filter(m -> which.test(m.route()))
        .map(m -> m.route().method().name() + " " + m.mount() + m.route().template())
        .distinct()
        .collect(Collectors.joining(", "));
  }

  private Future<FaultSpec> fromRules(String tenant, RoutingContext ctx, ApiRoutes.Target target) {
    String method = ctx.request().method().name();
    // a rule whose fault this endpoint does not offer (a relay entry elsewhere) does not apply here
    return rules
        .match(tenant, method, ctx.normalizedPath(), target.keyid(), spec -> offers(target, spec))
        .recover(
            e -> {
              // unreadable rules must not change the request: it goes on as if there were none
              LOG.log(Level.FINE, "fault rules unavailable: " + e.getClass().getSimpleName());
              return Future.succeededFuture(null);
            })
        .compose(
            rule -> {
              if (rule == null) {
                return Future.succeededFuture(null);
              }
              FaultSpec spec = rule.spec();
              Future<Long> n =
                  spec.counted()
                      ? sc.state()
                          .store()
                          .increment(
                              rules.sequenceKey(tenant, rule.id()),
                              FaultRules.ttlLeft(rule, System.currentTimeMillis()))
                      : Future.succeededFuture(1L);
              return n.compose(
                  seq ->
                      spec.hits(seq) && unseededHit(spec)
                          ? rules.fired(tenant, rule).map(spec)
                          : Future.succeededFuture(null));
            });
  }

  /** The 400 of a relay entry asked for on another endpoint: it would mean nothing there. */
  private ProblemException notOffered(ProblemType fault) {
    String where =
        sc.definition().relays()
            ? "POST "
                + RelayRoutes.documentedPath(sc.definition())
                + " (or "
                + sc.definition().prefix()
                + RelayRoutes.ROUTE
                + ")"
            : "the relay, which this service does not have";
    return FaultHeaders.bad(
        FaultHeaders.FAULT, fault.slug() + " is a relay failure, only available on " + where);
  }

  /** The percentage without a seed: a fresh draw per request. */
  private static boolean unseededHit(FaultSpec spec) {
    return spec.percentage() == null
        || spec.seed() != null
        || ThreadLocalRandom.current().nextDouble() * 100.0 < spec.percentage();
  }

  /** What one request got injected, for X-Fault-Injected, the journal and the metrics. */
  private final class Injection {
    final RoutingContext ctx;
    final List<String> what = new ArrayList<>();
    Armed points;

    Injection(RoutingContext ctx) {
      this.ctx = ctx;
    }

    void add(String item, String metric) {
      what.add(item);
      sc.metrics().faultInjected(metric);
      // the journal's record of it, also when no answer (so no header) is written: aborts
      ctx.put(RequestLog.FAULT_KEY, String.join(", ", what));
    }

    void writeHeader(RoutingContext ctx) {
      if (points != null && points.fired()) {
        add(points.injected(), points.injected());
      }
      if (!what.isEmpty()) {
        ctx.response().putHeader(FaultHeaders.INJECTED, String.join(", ", what));
      }
    }
  }

  private void apply(RoutingContext ctx, String tenant, ApiRoutes.Target target, FaultSpec spec) {
    Injection injection = new Injection(ctx);
    if (target.keyid() != null) {
      // a broken connection never reaches the route: the journal still files it under its key
      ctx.put(RequestLog.KEYID_KEY, target.keyid());
    }
    ctx.addHeadersEndHandler(v -> injection.writeHeader(ctx));
    long delay =
        spec.delayMs() == null
            ? 0
            : Math.min(spec.delayMs(), sc.config().faultMaxDelay().toMillis());
    if (delay > 0) {
      injection.add("delay=" + delay, "delay");
      vertx.setTimer(delay, id -> act(ctx, tenant, target, spec, injection));
    } else {
      act(ctx, tenant, target, spec, injection);
    }
  }

  private void act(
      RoutingContext ctx,
      String tenant,
      ApiRoutes.Target target,
      FaultSpec spec,
      Injection injection) {
    if (!holdEnds(ctx)) {
      return;
    }
    if (spec.abort() == Abort.AFTER_COMMIT) {
      // the service runs and commits; the answer is then lost
      injection.points =
          new AfterCommitAbort(() -> injection.add("abort=after-commit", "abort=after-commit"));
      ctx.put(Decoration.CONTEXT_KEY, injection.points);
      proceed(ctx);
      return;
    }
    if (spec.cosigner() != null) {
      injection.points = new CosignerDecoration(spec.cosigner(), spec.variant());
      ctx.put(Decoration.CONTEXT_KEY, injection.points);
      proceed(ctx);
      return;
    }
    if (spec.abort() != null) {
      injection.add("abort=" + spec.abort().wire(), "abort=" + spec.abort().wire());
      Aborts.run(ctx, spec.abort());
      return;
    }
    ProblemType fault = spec.fault();
    FaultDecoration armed =
        fault == null
            ? null
            : FaultDecoration.arm(
                sc.definition(), target.route(), fault, target.keyid(), spec.revertReason());
    if (fault == null) {
      proceed(ctx);
    } else if (armed != null) {
      // the fault fails where the real one would: the request's path below its route is decorated
      injection.points = armed;
      ctx.put(Decoration.CONTEXT_KEY, armed);
      proceed(ctx);
    } else {
      injection.add(fault.slug(), fault.slug());
      Problem p = FaultAnswers.problem(sc, target, ctx.request().path(), tenant, fault);
      ProblemRenderer.send(ctx, p);
      ctx.request().resume();
    }
  }
}
