package dev.frostsandbox.signer.http;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemRenderer;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder could not read (request line or headers too long, malformed) answer 400
 * Problem Details like every other error, instead of Vert.x's bare 414/431/400, and the connection
 * is closed: what follows on it cannot be trusted to be a request boundary.
 */
public final class InvalidRequests {
  private InvalidRequests() {}

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
