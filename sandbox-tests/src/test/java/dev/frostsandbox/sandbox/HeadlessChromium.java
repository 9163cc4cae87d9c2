package dev.frostsandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol (a java.net.http WebSocket to
 * the page target): navigate, evaluate JavaScript, wait for a condition.
 */
final class HeadlessChromium implements AutoCloseable {

  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

  private final Process process;
  private final WebSocket ws;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  /**
   * The binary: $CHROMIUM_BIN, else the first of chromium / chromium-browser on PATH; null if none.
   */
  static Path binary() {
    String given = System.getenv("CHROMIUM_BIN");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      for (String name : new String[] {"chromium", "chromium-browser"}) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  static HeadlessChromium launch(Path binary) throws Exception {
    Path profile = Sandbox.tempDir("sandbox-chromium-");
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String browserWs = awaitDevtools(p);
      URI u = URI.create(browserWs);
      HttpClient http = HttpClient.newHttpClient();
      String list =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://" + u.getHost() + ":" + u.getPort() + "/json/list"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      String pageWs = null;
      for (JsonNode t : Sandbox.JSON.readTree(list)) {
        if ("page".equals(t.path("type").asText())) {
          pageWs = t.path("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (pageWs == null) {
        throw new IllegalStateException("no page target: " + list);
      }
      return new HeadlessChromium(p, http, pageWs);
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  private static String awaitDevtools(Process p) throws IOException {
    // chromium prints the DevTools address on stderr once it listens
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> found = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = err.readLine()) != null) {
                  Matcher m = DEVTOOLS.matcher(line);
                  if (m.find()) {
                    found.complete(m.group(1));
                  }
                }
                found.completeExceptionally(
                    new IllegalStateException("chromium exited before DevTools listened"));
              } catch (IOException e) {
                found.completeExceptionally(e);
              }
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      return found.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("chromium did not start DevTools: " + e.getMessage(), e);
    }
  }

  private HeadlessChromium(Process process, HttpClient http, String pageWs) throws Exception {
    this.process = process;
    this.ws =
        http.newWebSocketBuilder()
            .buildAsync(
                URI.create(pageWs),
                new WebSocket.Listener() {
                  private final StringBuilder text = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(
                      WebSocket socket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      String message = text.toString();
                      text.setLength(0);
                      try {
                        JsonNode n = Sandbox.JSON.readTree(message);
                        if (n.has("id")) {
                          CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                          if (f != null) {
                            f.complete(n);
                          }
                        }
                      } catch (IOException e) {
                        // not a protocol message: ignore
                      }
                    }
                    socket.request(1);
                    return null;
                  }
                })
            .get(30, TimeUnit.SECONDS);
  }

  JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = Sandbox.JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", params == null ? Sandbox.JSON.createObjectNode() : params);
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ws.sendText(msg.toString(), true).get(10, TimeUnit.SECONDS);
    JsonNode answer = f.get(30, TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IllegalStateException(method + ": " + answer.get("error"));
    }
    return answer.path("result");
  }

  void navigate(String url) throws Exception {
    ObjectNode p = Sandbox.JSON.createObjectNode();
    p.put("url", url);
    send("Page.navigate", p);
  }

  /** The value of a JavaScript expression (promises awaited); null when it is null/undefined. */
  JsonNode eval(String expression) throws Exception {
    ObjectNode p = Sandbox.JSON.createObjectNode();
    p.put("expression", expression);
    p.put("returnByValue", true);
    p.put("awaitPromise", true);
    JsonNode r = send("Runtime.evaluate", p);
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
    }
    JsonNode v = r.path("result").path("value");
    return v.isMissingNode() || v.isNull() ? null : v;
  }

  /** Polls an expression until it yields a value other than null/false/"". */
  JsonNode await(String expression, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = eval(expression);
      } catch (IllegalStateException navigating) {
        last = null; // the page is still loading
      }
      if (last != null
          && !(last.isBoolean() && !last.asBoolean())
          && !(last.isTextual() && last.asText().isEmpty())) {
        return last;
      }
      ServiceProcess.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + expression + " (last: " + last + ")");
  }

  @Override
  public void close() {
    try {
      ws.abort();
    } finally {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
