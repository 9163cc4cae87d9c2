package dev.frostsandbox.signer.fault;

import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.relay.RelaySubmission;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.FaultPoint;
import dev.frostsandbox.signer.service.Engine;
import dev.frostsandbox.signer.state.RequestState;
import java.util.function.Supplier;

/**
 * The decoration of a request that asked for one real-path fault: the state, the engine or the
 * relay's submission fails at the armed {@link FaultPoint}, the way the real failure would (same
 * answer, same side effects), and only there. {@link #fired()} tells whether the request reached
 * the point (a request that fails earlier for another reason, an invalid body say, never does,
 * exactly as with the real failure).
 */
final class FaultDecoration implements Armed {

  /** The detail of an injected engine failure. */
  static final String ENGINE_DETAIL = "the FROST engine failed (injected fault)";

  private final ProblemType fault;
  private final FaultPoint point;
  private final String keyid;
  private final String revertReason;
  private boolean fired;

  private FaultDecoration(ProblemType fault, FaultPoint point, String keyid, String revertReason) {
    this.fault = fault;
    this.point = point;
    this.keyid = keyid;
    this.revertReason = revertReason;
  }

  /**
   * The decoration failing {@code fault} at its point on {@code route}, or null when the route
   * declares no such point (the fault is then answered directly).
   */
  static FaultDecoration arm(
      ServiceDefinition service,
      ApiRoute<?> route,
      ProblemType fault,
      String keyid,
      String revertReason) {
    FaultPoint point = pointOf(service, fault);
    if (route == null || point == null || !route.offers(point)) {
      return null;
    }
    return new FaultDecoration(fault, point, keyid, revertReason);
  }

  /** Where a catalogue entry fails for real, on a service whose suites are {@code service}'s. */
  static FaultPoint pointOf(ServiceDefinition service, ProblemType fault) {
    if (Catalogue.REDIS_ERROR.equals(fault)) {
      return FaultPoint.STORE;
    } else if (Catalogue.SERIALIZE_ERROR.equals(fault)) {
      return FaultPoint.STATE_DECODE;
    } else if (Catalogue.NO_KEY_FOUND.equals(fault)) {
      return FaultPoint.KEY_LOOKUP;
    } else if (Catalogue.NO_DKG_ROUND_FOUND.equals(fault)) {
      return FaultPoint.DKG_ROUND_LOOKUP;
    } else if (Catalogue.NO_SIGNING_ROUND_FOUND.equals(fault)) {
      return FaultPoint.SIGNING_ROUND_LOOKUP;
    } else if (RelaySubmission.FAILURES.contains(fault)) {
      return FaultPoint.RELAY_SUBMISSION;
    }
    // an engine error comes from the engine only if a suite of this service reports it
    return service.suites().stream().anyMatch(s -> fault.equals(s.internalError()))
        ? FaultPoint.ENGINE
        : null;
  }

  ProblemType fault() {
    return fault;
  }

  @Override
  public boolean fired() {
    return fired;
  }

  @Override
  public String injected() {
    return fault.slug();
  }

  /** Whether the request reached the armed point now; the point then fails. */
  private boolean at(FaultPoint p) {
    if (p == point) {
      fired = true;
      return true;
    }
    return false;
  }

  @Override
  public RequestState state(RequestState real) {
    return switch (point) {
      case STORE, STATE_DECODE, KEY_LOOKUP, DKG_ROUND_LOOKUP, SIGNING_ROUND_LOOKUP ->
          new FaultyState(real, this::at);
      default -> real;
    };
  }

  @Override
  public Engine engine(Engine real) {
    if (point != FaultPoint.ENGINE) {
      return real;
    }
    return new Engine() {
      @Override
      public <E, T> T run(Call call, SuiteBinding<E> suite, Supplier<T> work) {
        at(FaultPoint.ENGINE);
        if (fault.equals(suite.internalError())) {
          // raised inside the real engine: the key's suite names the entry, as for a real failure
          return real.run(
              call,
              suite,
              () -> {
                throw new FrostException(FrostException.Kind.INVALID_SIGNATURE, ENGINE_DETAIL);
              });
        }
        // another suite's entry (e.g. the Poseidon one on a SHA-256 key): raised at the same
        // place, so side effects match an engine failure, but with the entry the client asked for
        throw Problem.of(fault, ENGINE_DETAIL).withKeyId(keyid).toException();
      }
    };
  }

  @Override
  public RelaySubmission relay(RelaySubmission real) {
    if (point != FaultPoint.RELAY_SUBMISSION) {
      return real;
    }
    // a payload relayed before still gets the real revert (and the fault is not fired); else the
    // submission fails and records nothing, so a retry can succeed
    return attempt ->
        attempt
            .relayedBefore()
            .compose(
                relayed -> {
                  if (relayed) {
                    return attempt.nonceRevert();
                  }
                  at(FaultPoint.RELAY_SUBMISSION);
                  return attempt.fail(fault, revertReason);
                });
  }
}
