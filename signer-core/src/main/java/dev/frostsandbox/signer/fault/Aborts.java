package dev.frostsandbox.signer.fault;

import dev.frostsandbox.signer.ops.RequestLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/** Breaking the connection of a request the way X-Fault-Abort asks; the handler never runs. */
final class Aborts {
  private Aborts() {}

  /** What a cut answer starts with: a JSON object, so a client's parser sees it end mid-value. */
  static final byte[] PARTIAL_BODY =
      "{\"fault\":\"partial\",\"detail\":\"this body is cut before the announced Content-Length\"}"
          .getBytes(StandardCharsets.US_ASCII);

  /** How much of {@link #PARTIAL_BODY} is written. */
  static final int PARTIAL_WRITTEN = 16;

  static void run(RoutingContext ctx, Abort mode) {
    if (mode == Abort.RESET) {
      reset(ctx);
      return;
    }
    HttpServerRequest req = ctx.request();
    // read the request to its end first: closing with unread input would turn a FIN into a RST
    drain(req)
        .onComplete(
            v -> {
              HttpServerResponse resp = req.response();
              switch (mode) {
                case CLOSE -> close(ctx);
                case EMPTY ->
                    resp.setStatusCode(200)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close")
                        .end()
                        .onComplete(w -> close(ctx));
                case PARTIAL ->
                    resp.setStatusCode(200)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Content-Length", Integer.toString(PARTIAL_BODY.length))
                        .write(Buffer.buffer(PARTIAL_BODY).slice(0, PARTIAL_WRITTEN))
                        .onComplete(w -> close(ctx));
                default -> throw new IllegalStateException(mode.name());
              }
            });
  }

  private static Future<Void> drain(HttpServerRequest req) {
    if (req.isEnded()) {
      return Future.succeededFuture();
    }
    req.handler(b -> {});
    Future<Void> end = req.end();
    req.resume();
    return end.recover(e -> Future.succeededFuture());
  }

  /** SO_LINGER 0 then close: the kernel sends RST instead of FIN. */
  static void reset(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    RequestLog.endNow(ctx); // journaled before the client can see the reset
    Channel ch = channel(req.connection());
    if (ch == null) {
      req.response().reset(); // not a netty connection: reset at the HTTP level
      return;
    }
    ch.config().setOption(ChannelOption.SO_LINGER, 0);
    // the client sees the outcome; a failed close has nothing to fall back on
    ChannelFuture unused = ch.close();
  }

  private static void close(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    RequestLog.endNow(ctx); // as in reset
    Channel ch = channel(req.connection());
    if (ch == null) {
      req.connection().close();
    } else {
      ChannelFuture unused = ch.close(); // as in reset: the client sees the outcome
    }
  }

  // HTTP/1.x connections are netty channels underneath; the public API has no abortive close
  private static Channel channel(HttpConnection c) {
    return c instanceof ConnectionBase cb ? cb.channel() : null;
  }
}
