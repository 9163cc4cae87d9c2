package dev.frostsandbox.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** Requests a client library would not send, over a raw socket to a local signer. */
public final class RawHttp {
  private RawHttp() {}

  /** What the socket read, and the error that ended the read if the connection broke. */
  @SuppressWarnings("ArrayRecordComponent") // what a raw socket read; never compared by equals
  public record Raw(byte[] bytes, IOException error) {
    public String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Sends the request's bytes as they are and reads until the server closes or breaks the
   * connection; what was read before a break is kept.
   */
  public static Raw exchange(int port, String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n; (n = in.read(buf)) != -1; ) {
          got.write(buf, 0, n);
        }
      } catch (SocketException e) {
        return new Raw(got.toByteArray(), e);
      }
      return new Raw(got.toByteArray(), null);
    }
  }
}
