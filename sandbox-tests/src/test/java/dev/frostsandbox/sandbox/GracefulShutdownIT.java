package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.signer.SuiteBinding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while a request is in flight (its body still arriving): the service stops accepting
 * connections, answers that request in full, closes the store and exits 0, logging its shutdown;
 * every stdout line is JSON and none holds a secret or a body.
 */
class GracefulShutdownIT {

  private static final String API_KEY = "sbx-api-key-3f9a1c77e2";
  private static final String STORAGE_KEY =
      Base64.getEncoder()
          .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

  @Test
  void sigtermFinishesTheInFlightRequestAndExitsZero() throws Exception {
    int port = Sandbox.freePort();
    Map<String, String> env =
        Map.of(
            "SIGNER_HTTP_HOST",
            "127.0.0.1",
            "SIGNER_HTTP_PORT",
            Integer.toString(port),
            "SIGNER_EVENT_LOOPS",
            "2",
            "SIGNER_API_KEYS",
            "alice=" + API_KEY,
            "SIGNER_STORAGE_KEY",
            STORAGE_KEY);
    try (ServiceProcess svc = ServiceProcess.start(Sandbox.eddsaJar(), env, port)) {
      svc.awaitReady(Duration.ofSeconds(60));
      String body = round1Body();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String keyid = Flows.newKeyId();
      double slowUploadMs;
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        String head =
            "POST /signers/eddsa/dkg/round1/"
                + keyid
                + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:"
                + port
                + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: "
                + bytes.length
                + "\r\n"
                + "x-api-key: "
                + API_KEY
                + "\r\n"
                + "X-Request-Id: inflight-1\r\n"
                // the route's body handler answers "100 Continue" once it has the request: the
                // service is handling it (in flight) before the SIGTERM, with no pause to guess
                + "Expect: 100-continue\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        String interim = readHead(in);
        long inFlight = System.nanoTime();
        assertTrue(
            interim.startsWith("HTTP/1.1 100 "), "the request reached its route: " + interim);
        out.write(bytes, 0, bytes.length / 2);
        out.flush();

        svc.sigterm();
        awaitRefused(port);
        assertTrue(svc.alive(), "the service waits for the in-flight request");

        out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
        out.flush();
        // the service received the request before inFlight and answers after the last byte
        slowUploadMs = (System.nanoTime() - inFlight) / 1_000_000.0;
        String response = readResponse(in);
        assertTrue(
            response.startsWith("HTTP/1.1 201"),
            "the in-flight request is answered in full: " + response);
        assertTrue(response.contains("\"round2_packages\""), response);
        assertTrue(
            response.toLowerCase(Locale.ROOT).contains("x-request-id: inflight-1"), response);
      }
      assertEquals(
          0, svc.waitForExit(Duration.ofSeconds(30)), "exit status after SIGTERM: " + svc.output());

      List<JsonNode> lines = svc.jsonLines();
      assertTrue(
          lines.stream().anyMatch(l -> l.path("msg").asText().contains("shutting down")),
          svc.stdout());
      assertTrue(
          lines.stream().anyMatch(l -> l.path("msg").asText().contains("stopped in")),
          svc.stdout());
      JsonNode access =
          lines.stream()
              .filter(l -> "inflight-1".equals(l.path("request_id").asText()))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no access line for inflight-1: " + svc.stdout()));
      assertEquals(201, access.path("status").asInt());
      assertEquals("POST", access.path("method").asText());
      assertEquals("/signers/eddsa/dkg/round1/{keyid}", access.path("route").asText());
      assertTrue(
          access.path("latency_ms").asDouble() >= Math.floor(slowUploadMs),
          "latency covers the slow upload (" + slowUploadMs + " ms): " + access);

      String all = svc.output() + svc.stdout();
      assertFalse(all.contains(API_KEY), "an API key reached the logs");
      assertFalse(all.contains(STORAGE_KEY), "the storage key reached the logs");
      String commitment =
          body.substring(body.indexOf("\"commitment\""), body.indexOf("\"commitment\"") + 60);
      assertFalse(all.contains(commitment.substring(16)), "a request body reached the logs");
    }
  }

  private static String round1Body() {
    SuiteBinding<?> suite = EddsaService.DEFINITION.suites().get(0);
    return body(suite);
  }

  private static <E> String body(SuiteBinding<E> suite) {
    FrostClient<E> c =
        new FrostClient<>(suite.frost(), EddsaService.DEFINITION.prefix(), new SecureRandom());
    return c.round1Request(c.dkgPart1(2, 2), 2, 2, true).toString();
  }

  /** One response head (status line and headers, up to the blank line), byte by byte. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    while (!buf.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("the connection closed after: " + buf);
      }
      buf.write(b);
    }
    return buf.toString(StandardCharsets.US_ASCII);
  }

  /** Polls until a new connection is refused: the listener is closed. */
  private static void awaitRefused(int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      } catch (IOException refused) {
        return;
      }
      ServiceProcess.sleep(50);
    }
    throw new AssertionError("the service still accepts connections after SIGTERM");
  }

  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] b = new byte[4096];
    int contentLength = -1;
    int headerEnd = -1;
    while (true) {
      int n = in.read(b);
      if (n < 0) {
        break;
      }
      buf.write(b, 0, n);
      String s = buf.toString(StandardCharsets.UTF_8);
      if (headerEnd < 0 && (headerEnd = s.indexOf("\r\n\r\n")) >= 0) {
        for (String line : s.substring(0, headerEnd).split("\r\n", -1)) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            contentLength = Integer.parseInt(line.substring(15).trim());
          }
        }
      }
      if (headerEnd >= 0 && contentLength >= 0 && buf.size() >= headerEnd + 4 + contentLength) {
        break;
      }
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
