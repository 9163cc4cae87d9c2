package dev.frostsandbox.signer;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.EngineWork;
import dev.frostsandbox.signer.ops.Metrics;
import dev.frostsandbox.signer.ops.RequestJournal;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.service.Decoration;
import dev.frostsandbox.signer.service.Engine;
import dev.frostsandbox.signer.service.ProtocolRandom;
import dev.frostsandbox.signer.service.RequestScope;
import dev.frostsandbox.signer.state.StateRepository;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** What every feature of one running service shares: its definition, state, randomness, metrics. */
public final class SignerContext {

  /** A keyid, in a path or (relay) a body. */
  public static final Pattern KEYID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final ServiceDefinition definition;
  private final SignerConfig config;
  private final StateRepository state;
  private final Metrics metrics;
  private final SecureRandom random = new SecureRandom();
  private final RequestJournal journal;
  private final ProtocolRandom protocolRandom;

  public SignerContext(
      ServiceDefinition definition, SignerConfig config, StateRepository state, Metrics metrics) {
    this.definition = definition;
    this.config = config;
    this.state = state;
    this.metrics = metrics;
    this.journal = new RequestJournal(config.journalSize(), config.journalBodies());
    this.protocolRandom =
        config.deterministicSeed() == null
            ? ProtocolRandom.secure(random)
            : ProtocolRandom.derived(config.deterministicSeed(), definition.name());
  }

  public ServiceDefinition definition() {
    return definition;
  }

  public SignerConfig config() {
    return config;
  }

  public StateRepository state() {
    return state;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** The last requests of this instance, for the console (shared by every event loop). */
  public RequestJournal journal() {
    return journal;
  }

  public SecureRandom random() {
    return random;
  }

  /** The protocol's random values: {@link #random()}, or derived from SIGNER_DETERMINISTIC_SEED. */
  public ProtocolRandom protocolRandom() {
    return protocolRandom;
  }

  /**
   * The request as features see it. {@code route} is the path below the service prefix without the
   * keyid (e.g. "/dkg/round1"); a malformed keyid is answered 400 here.
   */
  public Call call(RoutingContext ctx, String route) {
    String url = definition.prefix() + route;
    String keyid = ctx.pathParam("keyid");
    if (keyid == null || !KEYID.matcher(keyid).matches()) {
      throw Problem.of(
              Catalogue.BAD_REQUEST, "keyid must be 1 to 128 characters of [A-Za-z0-9._:-]")
          .withUrl(url)
          .toException();
    }
    return new Call(tenant(ctx), keyid, url);
  }

  /** The caller's tenant (the open tenant without API keys). */
  public static String tenant(RoutingContext ctx) {
    String tenant = ctx.get(Tenants.CONTEXT_KEY);
    return tenant == null ? Tenants.OPEN_TENANT : tenant;
  }

  /**
   * What a request's service works with: its call, and the state and engine as the request's {@link
   * Decoration} presents them (the real ones unless the fault injector decorated the request).
   */
  public RequestScope scope(RoutingContext ctx, ApiRoute<?> route) {
    return scope(ctx, call(ctx, route.path()));
  }

  /**
   * {@link #scope(RoutingContext, ApiRoute)} for a call built by the route (the relay's keyid is in
   * its body).
   */
  public RequestScope scope(RoutingContext ctx, Call call) {
    Decoration d = decoration(ctx);
    return new RequestScope(
        call,
        d.state(state),
        d.engine(Engine.FROST),
        EngineWork.sized(ctx),
        EngineWork.worker(ctx),
        d);
  }

  /** The request's decoration ({@link Decoration#NONE} unless the fault injector put one). */
  public static Decoration decoration(RoutingContext ctx) {
    Decoration d = ctx.get(Decoration.CONTEXT_KEY);
    return d == null ? Decoration.NONE : d;
  }
}
