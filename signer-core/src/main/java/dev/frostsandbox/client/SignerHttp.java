package dev.frostsandbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.frost.json.FrostJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small blocking HTTP client for a signer service (demo client, tests). */
public final class SignerHttp {

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final String baseUrl;
  private final Map<String, String> headers = new LinkedHashMap<>();

  /** {@code baseUrl} like http://localhost:8081 (no trailing slash). */
  public SignerHttp(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** A header sent with every request (API key, fault headers). */
  public SignerHttp header(String name, String value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.put(name, value);
    }
    return this;
  }

  public HttpAnswer post(String path, JsonNode body) {
    return post(path, body == null ? null : body.toString(), "application/json");
  }

  public HttpAnswer post(String path, String body, String contentType) {
    HttpRequest.Builder b = request(path);
    if (body == null) {
      b.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return send(b);
  }

  public HttpAnswer get(String path) {
    return send(request(path).GET());
  }

  public HttpAnswer delete(String path) {
    return send(request(path).DELETE());
  }

  public HttpAnswer method(String method, String path) {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    return b;
  }

  private HttpAnswer send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (!r.body().isEmpty()) {
        try {
          json = FrostJson.MAPPER.readTree(r.body());
        } catch (IOException notJson) {
          json = null;
        }
      }
      return new HttpAnswer(r.statusCode(), r.headers().map(), r.body(), json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
