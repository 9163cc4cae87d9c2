package dev.frostsandbox.signer.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Container health check that needs nothing but the JRE already in the image (no curl): {@code java
 * -cp app.jar dev.frostsandbox.signer.ops.HealthProbe http://localhost:8081/health/ready}. Exits 0
 * on a 2xx answer, 1 otherwise.
 */
public final class HealthProbe {

  private HealthProbe() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: HealthProbe <url>");
      System.exit(2);
    }
    boolean ok = check(args[0], Duration.ofSeconds(3));
    System.out.println(args[0] + (ok ? " is healthy" : " is not healthy"));
    System.exit(ok ? 0 : 1);
  }

  public static boolean check(String url, Duration timeout) {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
      HttpResponse<Void> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() / 100 == 2;
    } catch (Exception e) {
      return false;
    }
  }
}
