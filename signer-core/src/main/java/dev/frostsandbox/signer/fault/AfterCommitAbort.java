package dev.frostsandbox.signer.fault;

import dev.frostsandbox.signer.route.ApiRoute;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code X-Fault-Abort: after-commit}: the service runs and commits as for a correct answer, then
 * the connection is reset instead of answering. The injector offers it only on routes that declare
 * {@code FaultPoint.AFTER_COMMIT}. No answer is written, so there is no X-Fault-Injected: the
 * injection is counted when it fires.
 */
final class AfterCommitAbort implements Armed {

  private final Runnable counted;
  private boolean fired;

  AfterCommitAbort(Runnable counted) {
    this.counted = counted;
  }

  @Override
  public boolean afterCommit(ApiRoute<?> route, RoutingContext ctx) {
    fired = true;
    counted.run();
    Aborts.reset(ctx);
    return true;
  }

  @Override
  public boolean fired() {
    return fired;
  }

  @Override
  public String injected() {
    return "abort=" + Abort.AFTER_COMMIT.wire();
  }
}
