package dev.frostsandbox.service.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.testing.TestSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw sockets against the configured deadlines: SIGNER_REQUEST_TIMEOUT_MS = 1000 (request head of a
 * new connection, whole request) and SIGNER_IDLE_TIMEOUT_SECONDS = 3 (kept-alive connection), on
 * every service (the deadlines are signer-core's, the routes each service's).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.frostsandbox.service.Services#services")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientTest {

  private static final long REQUEST_MS = 1000;
  private static final long IDLE_MS = 3000;
  private static final long MARGIN_MS = 1500;
  @Parameter private ServiceDefinition service;

  private TestSigner signer;

  @BeforeParameterizedClassInvocation
  void start() {
    signer =
        TestSigner.start(
            service,
            Map.of(
                "SIGNER_REQUEST_TIMEOUT_MS", Long.toString(REQUEST_MS),
                "SIGNER_IDLE_TIMEOUT_SECONDS", Long.toString(IDLE_MS / 1000)));
  }

  @AfterParameterizedClassInvocation
  void stop() {
    signer.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), signer.port());
    s.setSoTimeout(50);
    return s;
  }

  /** Reads what arrives until the server closes; fails if it stays open past {@code maxMs}. */
  private static String readUntilClosed(Socket s, long maxMs, Runnable whileWaiting)
      throws IOException {
    long deadline = System.nanoTime() + maxMs * 1_000_000;
    InputStream in = s.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (System.nanoTime() < deadline) {
      try {
        int n = in.read(buf);
        if (n < 0) {
          return got.toString(StandardCharsets.ISO_8859_1);
        }
        got.write(buf, 0, n);
      } catch (SocketTimeoutException e) {
        whileWaiting.run();
      } catch (IOException reset) {
        return got.toString(StandardCharsets.ISO_8859_1);
      }
    }
    throw new AssertionError("connection still open after " + maxMs + " ms; received: " + got);
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** What arrived until the server closed, and after how many ms. */
  private record SlowBody(String got, long ms) {}

  /**
   * Sends a DKG request whose 1000-byte body starts with {@code bodyStart} and then trickles in one
   * space every ~50 ms, until the server closes (at most {@code maxMs}).
   */
  private SlowBody slowBody(Socket s, String bodyStart, long maxMs) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST "
                + service.prefix()
                + "/dkg/round1/slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n"
                + bodyStart)
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    long t0 = System.nanoTime();
    String got =
        readUntilClosed(
            s,
            maxMs,
            () -> {
              try {
                out.write(' ');
                out.flush();
              } catch (IOException closed) {
                // closed by the server
              }
            });
    return new SlowBody(got, ms(t0));
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAtTheRequestDeadline() throws IOException {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      String got = readUntilClosed(s, REQUEST_MS + MARGIN_MS, () -> {});
      assertEquals("", got);
      assertTrue(ms(t0) >= REQUEST_MS - 200, "closed too early: " + ms(t0));
    }
  }

  @Test
  void headersSentOneByteAtATimeAreCutAtTheRequestDeadline() throws IOException {
    byte[] head =
        ("POST "
                + service.prefix()
                + "/dkg/round1/slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "X-Padding: "
                + "a".repeat(10_000)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      long t0 = System.nanoTime();
      int[] sent = {0};
      // one byte every ~50 ms keeps Vert.x's idle timeout from ever firing
      String got =
          readUntilClosed(
              s,
              REQUEST_MS + MARGIN_MS,
              () -> {
                try {
                  out.write(head[sent[0]++]);
                  out.flush();
                } catch (IOException closed) {
                  // the server cut us: readUntilClosed sees the close next
                }
              });
      assertEquals("", got, "no answer to a request whose head never completed");
      assertTrue(sent[0] < head.length, "the head was still incomplete");
      assertTrue(ms(t0) >= REQUEST_MS - 200, "closed too early: " + ms(t0));
    }
  }

  @Test
  void aBodyThatTricklesIsAnswered503AndTheConnectionClosed() throws IOException {
    try (Socket s = connect()) {
      SlowBody answer = slowBody(s, "{\"round1_package\":", REQUEST_MS + MARGIN_MS);
      String got = answer.got();
      assertTrue(got.startsWith("HTTP/1.1 503"), got);
      assertTrue(got.contains("application/problem+json"), got);
      assertTrue(got.contains("SIGNER_REQUEST_TIMEOUT_MS"), got);
      assertTrue(answer.ms() >= REQUEST_MS - 200, "answered too early: " + answer.ms());
    }
  }

  /** One whole answer with a Content-Length, read from a kept-alive connection. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("closed mid-answer: " + got);
      }
      got.write(b);
      String head = got.toString(StandardCharsets.ISO_8859_1);
      if (head.endsWith("\r\n\r\n")) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
      }
    }
  }

  @Test
  void aLaterRequestOnAKeptAliveConnectionHasAWholeRequestTimeoutOfItsOwn() throws IOException {
    try (Socket s = connect()) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertTrue(readAnswer(s.getInputStream()).startsWith("HTTP/1.1 200"));
      // start the next request once the connection's timer has woken at least once (it was armed
      // when the connection opened; a probe opened now is closed a request timeout later): a
      // deadline still at the old idle one (3 s from the first answer) would answer about 2 s into
      // the request, past the bound below
      try (Socket probe = connect()) {
        assertEquals("", readUntilClosed(probe, 30_000, () -> {}));
      }
      s.setSoTimeout(50);
      SlowBody answer = slowBody(s, "{", REQUEST_MS + 900);
      assertTrue(answer.got().startsWith("HTTP/1.1 503"), answer.got());
      assertTrue(answer.ms() >= REQUEST_MS - 200, "answered too early: " + answer.ms());
    }
  }

  @Test
  void aRequestAnsweredBeforeTheRoutesStillLeavesItsConnectionADeadline() throws IOException {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      // no Host: Vert.x Web answers 400 without running a route
      out.write("GET /health/live HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] next =
          "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII);
      int[] sent = {0};
      // then the next head, one byte every ~50 ms, never complete: the connection must still be
      // cut (here Vert.x's idle timeout may come first: it stops reading after such a request)
      String got =
          readUntilClosed(
              s,
              REQUEST_MS + IDLE_MS + MARGIN_MS,
              () -> {
                try {
                  out.write(sent[0] < next.length ? next[sent[0]++] : 'a');
                  out.flush();
                } catch (IOException closed) {
                  // the server cut us: readUntilClosed sees the close next
                }
              });
      assertTrue(got.startsWith("HTTP/1.1 400"), got);
    }
  }

  @Test
  void aKeptAliveConnectionIsClosedAfterTheIdleTimeoutAndNotBefore() throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream()
          .write(
              "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      long t0 = System.nanoTime();
      String got = readUntilClosed(s, IDLE_MS + MARGIN_MS, () -> {});
      assertTrue(got.startsWith("HTTP/1.1 200"), got);
      // longer than the request deadline: a healthy kept-alive client gets the idle timeout
      assertTrue(ms(t0) >= IDLE_MS - 300, "closed after " + ms(t0) + " ms");
    }
  }

  @Test
  void aNormalClientOnTheSameConnectionIsServedRepeatedly()
      throws IOException, InterruptedException {
    try (Socket s = connect()) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (int i = 0; i < 3; i++) {
        out.write(
            "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertTrue(readAnswer(in).startsWith("HTTP/1.1 200"));
        // pauses longer than the request deadline between requests are fine on a kept-alive
        // connection: a silent probe connection opened now is closed at that deadline, wait for it
        try (Socket probe = connect()) {
          assertEquals("", readUntilClosed(probe, 30_000, () -> {}));
        }
      }
    }
  }
}
