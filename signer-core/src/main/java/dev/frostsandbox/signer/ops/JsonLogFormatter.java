package dev.frostsandbox.signer.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log record, on one line: ts, level, logger, msg, and the fields of a {@code
 * Map} passed as the record's single parameter (the access log uses that). A thrown exception
 * contributes its class and throwing frame only: messages may quote secrets or bodies.
 */
public final class JsonLogFormatter extends Formatter {

  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public String format(LogRecord record) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("ts", timestamp(record.getMillis()));
      g.writeStringField("level", record.getLevel().getName());
      g.writeStringField("logger", record.getLoggerName());
      g.writeStringField("msg", formatMessage(record));
      Map<?, ?> fields = fields(record);
      if (fields != null) {
        for (Map.Entry<?, ?> e : fields.entrySet()) {
          writeField(g, String.valueOf(e.getKey()), e.getValue());
        }
      }
      Throwable t = record.getThrown();
      if (t != null) {
        g.writeStringField("error", t.getClass().getName());
        StackTraceElement[] trace = t.getStackTrace();
        if (trace.length > 0) {
          g.writeStringField("at", trace[0].toString());
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  @Override
  public String formatMessage(LogRecord record) {
    // a Map parameter is structured data, not a MessageFormat argument
    if (fields(record) != null) {
      return record.getMessage() == null ? "" : record.getMessage();
    }
    String m = super.formatMessage(record);
    return m == null ? "" : m;
  }

  /** The record's fields: its one parameter when that is a {@code Map}, else null. */
  static Map<?, ?> fields(LogRecord record) {
    Object[] params = record.getParameters();
    return params != null && params.length == 1 && params[0] instanceof Map<?, ?> m ? m : null;
  }

  /** The second of the last timestamp formatted, as Instant.toString prints it without "Z". */
  private record Second(long epochSecond, String prefix) {}

  private volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

  /**
   * {@code Instant.ofEpochMilli(millis).toString()}, the same characters, with the date and time of
   * day formatted once per second rather than per access-log line: ISO_INSTANT prints a millisecond
   * instant's fraction as three digits, or none when it is zero.
   */
  String timestamp(long millis) {
    long second = Math.floorDiv(millis, 1000L);
    int ms = (int) Math.floorMod(millis, 1000L);
    Second s = lastSecond;
    if (s.epochSecond() != second) {
      String whole = Instant.ofEpochSecond(second).toString();
      s = new Second(second, whole.substring(0, whole.length() - 1));
      lastSecond = s;
    }
    if (ms == 0) {
      return s.prefix() + "Z";
    }
    char[] frac = {
      '.', (char) ('0' + ms / 100), (char) ('0' + ms / 10 % 10), (char) ('0' + ms % 10)
    };
    return s.prefix().concat(new String(frac)).concat("Z");
  }

  private static void writeField(JsonGenerator g, String name, Object value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else if (value instanceof Integer || value instanceof Long) {
      g.writeNumberField(name, ((Number) value).longValue());
    } else if (value instanceof Number n) {
      g.writeNumberField(name, n.doubleValue());
    } else if (value instanceof Boolean b) {
      g.writeBooleanField(name, b);
    } else {
      g.writeStringField(name, value.toString());
    }
  }
}
