package dev.frostsandbox.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.SortedMap;

/**
 * The asynchronous twin of {@link FrostClient}'s blocking steps: the same request builders and
 * answer readers (all protocol logic stays in {@code FrostClient}), sent with a Vert.x WebClient.
 */
public final class AsyncFrostClient<E> {

  /** A non-expected HTTP status or an unreadable answer. */
  public static final class AnswerException extends RuntimeException {
    public AnswerException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Idle pooled connections are closed after this long: below the service's idle timeout (60 s by
   * default), so the client never sends on a connection the server is closing at that moment (with
   * both at 60 s, a 10-minute run saw one "Connection was closed").
   */
  static final int KEEP_ALIVE_SECONDS = 30;

  private final FrostClient<E> client;
  private final WebClient web;
  private final String host;
  private final int port;
  private final Map<String, String> headers;

  public AsyncFrostClient(
      Vertx vertx,
      FrostClient<E> client,
      String baseUrl,
      Map<String, String> headers,
      int connections) {
    this.client = client;
    URI uri = URI.create(baseUrl);
    this.host = uri.getHost();
    this.port = uri.getPort() == -1 ? 80 : uri.getPort();
    this.headers = Map.copyOf(headers);
    this.web =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                .setTcpNoDelay(true)
                .setConnectTimeout(5000),
            new PoolOptions().setHttp1MaxSize(connections));
  }

  public FrostClient<E> client() {
    return client;
  }

  public void close() {
    web.close();
  }

  /** POST a JSON body (or none); the answer must have the expected status and be JSON. */
  public Future<JsonNode> post(String path, ObjectNode body, int expected) {
    HttpRequest<Buffer> req = web.post(port, host, path);
    headers.forEach(req::putHeader);
    Future<HttpResponse<Buffer>> sent;
    if (body == null) {
      sent = req.send();
    } else {
      byte[] bytes;
      try {
        bytes = FrostJson.MAPPER.writeValueAsBytes(body);
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
      sent = req.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(bytes));
    }
    return sent.map(
        r -> {
          Buffer b = r.body();
          if (r.statusCode() != expected) {
            String text = b == null ? "" : b.toString();
            throw new AnswerException(
                "HTTP "
                    + r.statusCode()
                    + " on "
                    + path.replaceAll("/[^/]*$", "/{keyid}")
                    + ": "
                    + (text.length() > 300 ? text.substring(0, 300) : text));
          }
          try {
            return FrostJson.MAPPER.readTree(b == null ? new byte[0] : b.getBytes());
          } catch (IOException e) {
            throw new AnswerException("answer is not JSON: " + e.getMessage());
          }
        });
  }

  /** t-of-n DKG (the 2-of-2 shorthand when t = n = 2): the client plays 1..n-1. */
  public Future<FrostClient.Keys<E>> dkg(String keyid, int minSigners, int maxSigners) {
    FrostClient.DkgStart<E> start =
        client.dkgStart(keyid, minSigners, maxSigners, minSigners == 2 && maxSigners == 2);
    return post(start.path(), start.body(), 201)
        .map(a -> client.dkgSession(keyid, start.part1(), a))
        .compose(
            session -> {
              FrostClient.DkgFinish<E> finish = client.dkgRound2Request(session);
              return post(finish.path(), finish.body(), 201).map(a -> client.dkgKeys(finish, a));
            });
  }

  /** One round trip; the server's commitments and share are decoded. */
  public Future<FrostClient.ServerShare<E>> signOneRound(
      FrostClient.Keys<E> keys, FrostClient.OneRoundSign<E> request) {
    return post(request.path(), request.body(), 200)
        .map(a -> client.signOneRoundAnswer(keys, request, a));
  }

  /** One round trip, answer checked for shape only (status 200 and both fields present). */
  public Future<JsonNode> signOneRoundUnchecked(FrostClient.OneRoundSign<E> request) {
    return post(request.path(), request.body(), 200)
        .map(
            a -> {
              if (!a.path("signature_share").path("share").isTextual()
                  || !a.path("signing_commitments").isObject()) {
                throw new AnswerException(
                    "sign answer without signature_share or signing_commitments");
              }
              return a;
            });
  }

  /** sign/round1 then sign/round2: the package and the server's share. */
  public Future<FrostClient.ServerShare<E>> signTwoRounds(
      FrostClient.Keys<E> keys, byte[] message, SortedMap<Identifier, SigningNonces<E>> nonces) {
    return post(client.signRound1Path(keys), null, 201)
        .map(a -> client.signRound1Answer(keys, message, nonces, a))
        .compose(
            (SigningPackage<E> pkg) ->
                post(client.signRound2Path(keys), client.signRound2Request(pkg), 200)
                    .map(
                        a -> new FrostClient.ServerShare<>(pkg, client.signRound2Answer(keys, a))));
  }
}
