package dev.frostsandbox.signer.http;

import dev.frostsandbox.signer.service.Work;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * Where a request's CPU work runs, and how large a request may be. Reading client packages decodes
 * elements (on Ed25519 each with a subgroup check, tens of microseconds) and the engine's work
 * grows with the number of participants: on an event loop, a large request would stall every other
 * request of that loop. Small requests run inline, where a thread hop would cost more than the
 * work; larger ones, and every DKG step, run on a Vert.x worker thread (docs/api.md "Limits").
 */
public final class EngineWork {
  private EngineWork() {}

  /**
   * The most participants a DKG may have (max_signers, min_signers) and a signing package may name.
   * frost-core's identifiers from 1 to 255 and the Keyban flow never need more; the engine itself
   * has no such limit (the 257-participant vectors run against it).
   */
  public static final int MAX_PARTICIPANTS = 255;

  /**
   * Bodies up to this size are handled on the event loop: signing with up to about six other
   * signers; even a crafted body this size holds at most a few dozen elements to decode, about a
   * millisecond of work.
   */
  public static final int INLINE_BODY_BYTES = 2048;

  /** The request body, read on the event loop so workers never touch the routing context. */
  public static Buffer body(RoutingContext ctx) {
    return ctx.body() == null ? null : ctx.body().buffer();
  }

  /** Runs {@code work} on a worker thread; the future completes on the request's event loop. */
  public static <T> Future<T> offload(RoutingContext ctx, Callable<T> work) {
    return ctx.vertx().executeBlocking(work, false);
  }

  /** Runs {@code work} inline for a small body, on a worker thread for a large one. */
  public static <T> Future<T> run(RoutingContext ctx, Callable<T> work) {
    Buffer body = body(ctx);
    if (body == null || body.length() <= INLINE_BODY_BYTES) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return offload(ctx, work);
  }

  /**
   * {@link #run} as a request's {@link Work}: inline for a small body, on a worker for a large one.
   */
  public static Work sized(RoutingContext ctx) {
    return new Work() {
      @Override
      public <T> Future<T> run(Callable<T> work) {
        return EngineWork.run(ctx, work);
      }
    };
  }

  /** {@link #offload} as a request's {@link Work}: always on a worker. */
  public static Work worker(RoutingContext ctx) {
    return new Work() {
      @Override
      public <T> Future<T> run(Callable<T> work) {
        return offload(ctx, work);
      }
    };
  }
}
