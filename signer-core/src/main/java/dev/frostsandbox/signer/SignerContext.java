package dev.frostsandbox.signer;

import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.fault.FaultPoints;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.ops.Metrics;
import dev.frostsandbox.signer.ops.RequestJournal;
import dev.frostsandbox.signer.state.StateRepository;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** What every feature of one running service shares: its definition, state, randomness, metrics. */
public final class SignerContext {

  public static final String FAULTS_KEY = "faultPoints";
  /** A keyid, in a path or (relay) a body. */
  public static final Pattern KEYID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final ServiceDefinition definition;
  private final SignerConfig config;
  private final StateRepository state;
  private final Metrics metrics;
  private final SecureRandom random = new SecureRandom();
  private final RequestJournal journal;

  public SignerContext(ServiceDefinition definition, SignerConfig config, StateRepository state, Metrics metrics) {
    this.definition = definition;
    this.config = config;
    this.state = state;
    this.metrics = metrics;
    this.journal = new RequestJournal(config.journalSize());
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

  /**
   * The request as features see it. {@code route} is the path below the service prefix without
   * the keyid (e.g. "/dkg/round1"); a malformed keyid is answered 400 here.
   */
  public Call call(RoutingContext ctx, String route) {
    String url = definition.prefix() + route;
    String keyid = ctx.pathParam("keyid");
    if (keyid == null || !KEYID.matcher(keyid).matches()) {
      throw Problem.of(Catalogue.BAD_REQUEST, "keyid must be 1 to 128 characters of [A-Za-z0-9._:-]")
          .withUrl(url)
          .toException();
    }
    String tenant = ctx.get(Tenants.CONTEXT_KEY);
    FaultPoints faults = ctx.get(FAULTS_KEY);
    return new Call(tenant == null ? Tenants.OPEN_TENANT : tenant, keyid, url, faults == null ? FaultPoints.NONE : faults);
  }

  /**
   * Runs engine code for a suite: a protocol failure (or an injected engine fault, raised at the
   * same place) becomes the suite's internal-error problem naming the culprit.
   */
  public <E, T> T engine(Call call, SuiteBinding<E> suite, Supplier<T> work) {
    try {
      if (call.faults().engineFails(suite.internalError())) {
        throw new FrostException(FrostException.Kind.INVALID_SIGNATURE, "the FROST engine failed (injected fault)");
      }
      return work.get();
    } catch (FrostException e) {
      throw SignerProblems.protocol(
          call, suite, e, id -> suite.frost().json().identifier((dev.frostsandbox.frost.Identifier) id));
    }
  }
}
