package dev.frostsandbox.signer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLoggingTest {

  @Test
  void theBackgroundWriterWritesEveryLineInOrderInBatches() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonLogging.AsyncStdoutHandler handler =
        new JsonLogging.AsyncStdoutHandler(new PrintStream(bytes, false, StandardCharsets.UTF_8));
    int n = 5_000;
    Thread[] producers = new Thread[2];
    for (int p = 0; p < producers.length; p++) {
      int id = p;
      producers[p] =
          new Thread(
              () -> {
                for (int i = 0; i < n; i++) {
                  handler.publish(new LogRecord(Level.INFO, "line " + id + " " + i));
                }
              });
      producers[p].start();
    }
    for (Thread t : producers) {
      t.join();
    }
    handler.drain(TimeUnit.SECONDS.toNanos(10));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
    assertEquals(2 * n, lines.length);
    int[] next = new int[2];
    for (String line : lines) {
      assertTrue(line.startsWith("{") && line.endsWith("}"), line);
      // each producer's lines come out in the order it logged them
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("line (\\d) (\\d+)").matcher(line);
      assertTrue(m.find(), line);
      int producer = Integer.parseInt(m.group(1));
      assertEquals(next[producer]++, Integer.parseInt(m.group(2)), line);
    }
  }

  @Test
  void aRecordOfFieldsIsFormattedByTheWriterNotTheCaller() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonLogging.AsyncStdoutHandler handler =
        new JsonLogging.AsyncStdoutHandler(new PrintStream(bytes, false, StandardCharsets.UTF_8));
    List<String> formattedOn = new CopyOnWriteArrayList<>();
    Map<String, Object> fields =
        new LinkedHashMap<>() {
          @Override
          public Set<Map.Entry<String, Object>> entrySet() {
            formattedOn.add(Thread.currentThread().getName());
            return super.entrySet();
          }
        };
    fields.put("status", 201);
    LogRecord r = new LogRecord(Level.INFO, "request");
    r.setLoggerName(RequestLog.ACCESS.getName());
    r.setParameters(new Object[] {fields});
    handler.publish(r);
    handler.publish(new LogRecord(Level.INFO, "plain"));
    handler.drain(TimeUnit.SECONDS.toNanos(10));
    assertEquals(List.of("json-log-writer"), formattedOn);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
    assertEquals(2, lines.length);
    assertTrue(lines[0].contains("\"msg\":\"request\",\"status\":201}"), lines[0]);
    assertTrue(lines[1].contains("\"msg\":\"plain\""), lines[1]);
  }
}
