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
      g.writeStringField("ts", Instant.ofEpochMilli(record.getMillis()).toString());
      g.writeStringField("level", record.getLevel().getName());
      g.writeStringField("logger", record.getLoggerName());
      g.writeStringField("msg", formatMessage(record));
      Object[] params = record.getParameters();
      if (params != null && params.length == 1 && params[0] instanceof Map<?, ?> fields) {
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
    Object[] params = record.getParameters();
    if (params != null && params.length == 1 && params[0] instanceof Map) {
      return record.getMessage() == null ? "" : record.getMessage();
    }
    String m = super.formatMessage(record);
    return m == null ? "" : m;
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
