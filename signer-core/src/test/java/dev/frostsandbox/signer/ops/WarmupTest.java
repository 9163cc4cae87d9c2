package dev.frostsandbox.signer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What becomes of a failing warm-up: it ends, logged by the class of what it threw and nothing of
 * its message, an Error as SEVERE; nothing escapes the thread (the JVM's uncaught-exception handler
 * never sees it), so the service it runs beside is untouched.
 */
class WarmupTest {

  private static final String SECRET = "a1b2c3d4e5f6-throwaway-share";

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger(Warmup.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Thread.UncaughtExceptionHandler previous;

  @BeforeEach
  void capture() {
    logger.addHandler(capture);
    previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
  }

  @AfterEach
  void restore() {
    logger.removeHandler(capture);
    Thread.setDefaultUncaughtExceptionHandler(previous);
  }

  @Test
  void anExceptionEndsTheWarmUpWithAWarningNamingItsClassOnly() throws Exception {
    LogRecord r = failWith(new IllegalStateException("share " + SECRET));
    assertEquals(Level.WARNING, r.getLevel());
    assertTrue(r.getMessage().contains("IllegalStateException"), r.getMessage());
    assertTrue(r.getMessage().startsWith("svc warm-up stopped"), r.getMessage());
  }

  @Test
  void anErrorIsLoggedAsSevereByItsClassOnlyAndDoesNotEscapeTheThread() throws Exception {
    LogRecord r = failWith(new OutOfMemoryError("while holding " + SECRET));
    assertEquals(Level.SEVERE, r.getLevel(), "an Error is not hidden among warnings");
    assertTrue(r.getMessage().contains("java.lang.OutOfMemoryError"), r.getMessage());
  }

  /** A warm-up whose work throws {@code thrown}: its one log record; nothing left uncaught. */
  private LogRecord failWith(Throwable thrown) throws InterruptedException {
    Thread t =
        Warmup.start(
            "svc",
            "test work",
            () -> {
              if (thrown instanceof Error e) {
                throw e;
              }
              throw (RuntimeException) thrown;
            });
    t.join(10_000);
    assertFalse(t.isAlive());
    assertEquals(List.of(), uncaught, "no unformatted stack trace on stderr");
    return only();
  }

  @Test
  void aCompletedWarmUpLogsItsDuration() throws Exception {
    Thread t = Warmup.start("svc", "3 rounds of 1 suite(s)", () -> {});
    t.join(10_000);
    assertFalse(t.isAlive());
    assertTrue(t.isDaemon(), "never holds the JVM up");
    LogRecord r = only();
    assertEquals(Level.INFO, r.getLevel());
    assertTrue(
        r.getMessage().matches("svc warm-up: 3 rounds of 1 suite\\(s\\) in \\d+ ms"),
        r.getMessage());
  }

  private LogRecord only() {
    assertEquals(1, records.size(), records.toString());
    LogRecord r = records.get(0);
    assertFalse(r.getMessage().contains(SECRET), "a secret reached the log: " + r.getMessage());
    assertEquals(null, r.getThrown(), "no stack trace (its message) in the log");
    return r;
  }
}
