package dev.frostsandbox.signer.ops;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging (the project's, Vert.x's and Netty's) to JSON lines on stdout. Lines are
 * written by one background thread so an event loop never waits on a slow stdout; when the queue is
 * full, records are dropped and counted rather than blocking. The access log's records (one per
 * request, a {@code Map} of fields that belongs to the log once logged) are formatted by that
 * thread too, off the event loop.
 */
public final class JsonLogging {

  private JsonLogging() {}

  private static volatile AsyncStdoutHandler handler;

  /** Replaces every root handler with the JSON one; idempotent. */
  public static synchronized void install() {
    if (handler != null) {
      return;
    }
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    handler = new AsyncStdoutHandler(new PrintStream(System.out, false, StandardCharsets.UTF_8));
    root.addHandler(handler);
  }

  /** Writes out what is queued (shutdown: before the process exits). */
  public static void flush() {
    AsyncStdoutHandler h = handler;
    if (h != null) {
      h.drain(TimeUnit.SECONDS.toNanos(5));
    }
  }

  static final class AsyncStdoutHandler extends Handler {
    private static final long IDLE_SLEEP_MS = 5;
    // a formatted line, or a LogRecord of fields the writer formats
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final PrintStream out;

    AsyncStdoutHandler(PrintStream out) {
      this.out = out;
      setFormatter(new JsonLogFormatter());
      Thread writer = new Thread(this::writeLoop, "json-log-writer");
      writer.setDaemon(true);
      writer.start();
    }

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      // only the access log's own records: another logger's map could change after logging
      Object line =
          RequestLog.ACCESS.getName().equals(record.getLoggerName())
                  && JsonLogFormatter.fields(record) != null
              ? record
              : format(record);
      if (line == null) {
        return;
      }
      if (queue.offer(line)) {
        accepted.incrementAndGet();
      } else {
        dropped.incrementAndGet();
      }
    }

    // a record that cannot be formatted is reported and dropped; on the writer thread an escaping
    // StackOverflowError (maps nested in each other) would end the thread and drop every later line
    private String format(LogRecord record) {
      try {
        return getFormatter().format(record);
      } catch (RuntimeException | StackOverflowError e) {
        reportError(
            "log record could not be formatted",
            e instanceof RuntimeException r ? r : new IllegalStateException(e),
            ErrorManager.FORMAT_FAILURE);
        return null;
      }
    }

    // Drains in batches with one flush per batch, and sleeps briefly when the queue is empty
    // instead of blocking on it: a blocked taker would make every offer on an event loop wake
    // this thread (a futex call and a context switch per log line under load). A batch is encoded
    // once and handed to the stream in one write: System.out flushes on every write it is given
    // (autoflush, a 128-byte buffer), so printing line by line cost a write system call per line.
    private void writeLoop() {
      java.util.List<Object> batch = new java.util.ArrayList<>(256);
      StringBuilder text = new StringBuilder(64 * 1024);
      while (true) {
        try {
          if (queue.drainTo(batch, 256) == 0) {
            Thread.sleep(IDLE_SLEEP_MS);
            continue;
          }
          long lost = dropped.getAndSet(0);
          if (lost > 0) {
            text.append("{\"level\":\"WARNING\",\"logger\":\"")
                .append(JsonLogging.class.getName())
                .append("\",\"msg\":\"log queue full\",\"dropped\":")
                .append(lost)
                .append("}\n");
          }
          for (Object line : batch) {
            String formatted = line instanceof LogRecord r ? format(r) : (String) line;
            if (formatted != null) {
              text.append(formatted);
            }
          }
          byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
          out.write(bytes, 0, bytes.length);
          out.flush();
          if (text.capacity() > 256 * 1024) {
            text = new StringBuilder(64 * 1024); // one burst of long lines: do not keep its buffer
          } else {
            text.setLength(0);
          }
          written.addAndGet(batch.size());
          batch.clear();
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void drain(long maxNanos) {
      long deadline = System.nanoTime() + maxNanos;
      while (written.get() < accepted.get() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      out.flush();
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      drain(TimeUnit.SECONDS.toNanos(2));
    }
  }
}
