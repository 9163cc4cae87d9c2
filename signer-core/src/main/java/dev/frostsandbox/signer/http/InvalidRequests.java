package dev.frostsandbox.signer.http;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemRenderer;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Requests the HTTP decoder could not read (request line or headers too long, malformed) answer 400
 * Problem Details like every other error, instead of Vert.x's bare 414/431/400, and the connection
 * is closed: what follows on it cannot be trusted to be a request boundary. A request whose body
 * the decoder cannot read (a malformed chunk) while a BodyHandler or the fault injector waits for
 * it is answered 400 by the router's failure handler (ProblemRenderer), and {@link #connected}
 * makes sure that answer leaves before vert.x closes the connection.
 */
public final class InvalidRequests {
  private InvalidRequests() {}

  /**
   * Flushes what was written before a close goes out. When the decoder fails on a request's body,
   * vert.x reports it to the request (whose failure handler writes the answer) and closes the
   * connection at once, still inside the read, where it holds writes back to flush them together:
   * without this the answer would be dropped unsent. Best effort: an answer of a few hundred bytes
   * fits the socket's buffer, but a client still sending may see the close reset the connection.
   */
  @ChannelHandler.Sharable
  private static final class FlushBeforeClose extends ChannelOutboundHandlerAdapter {
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
      ctx.flush();
      ChannelFuture unused = ctx.close(promise); // the promise is the caller's to watch
    }
  }

  private static final FlushBeforeClose FLUSH_BEFORE_CLOSE = new FlushBeforeClose();
  private static final String FLUSH_BEFORE_CLOSE_NAME = "flush-before-close";

  /**
   * For the server's connection handler: puts {@link FlushBeforeClose} just ahead of vert.x's own
   * handler, so its flush passes every encoder (HTTP/1.x connections are netty channels; the public
   * API has no flush).
   */
  public static void connected(HttpConnection conn) {
    if (conn instanceof ConnectionBase cb) {
      ChannelHandlerContext vertxHandler = cb.channelHandlerContext();
      ChannelPipeline pipeline = vertxHandler.pipeline();
      if (pipeline.get(FLUSH_BEFORE_CLOSE_NAME) == null) {
        pipeline.addBefore(vertxHandler.name(), FLUSH_BEFORE_CLOSE_NAME, FLUSH_BEFORE_CLOSE);
      }
    }
  }

  public static void handle(HttpServerRequest req) {
    DecoderResult result = req.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    String detail =
        cause instanceof TooLongHttpLineException
            ? "The request line is too long."
            : cause instanceof TooLongHttpHeaderException
                ? "The request headers are too large."
                : "The request is not valid HTTP.";
    Problem p = Problem.of(Catalogue.BAD_REQUEST, detail);
    req.response()
        .setStatusCode(p.status())
        .putHeader("Content-Type", ProblemRenderer.CONTENT_TYPE)
        .putHeader("Connection", "close")
        // the path may be what was wrong, so the instance is left out
        .end(Buffer.buffer(p.withInstance("/").toJsonBytes(ProblemRenderer.DEFAULT_TYPE_BASE)))
        .onComplete(v -> req.connection().close());
  }
}
