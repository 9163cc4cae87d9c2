package dev.frostsandbox.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The messages a java.util.logging logger publishes while this is open (in-process signers). */
public final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final Level least;
  private final List<String> messages = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger, Level least) {
    this.logger = logger;
    this.least = least;
    logger.addHandler(this);
  }

  /** Captures the messages of the logger named after {@code owner} at {@code least} or above. */
  public static LogCapture of(Class<?> owner, Level least) {
    return new LogCapture(Logger.getLogger(owner.getName()), least);
  }

  /** What was captured so far, oldest first. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  /** The captured messages that start with {@code prefix}. */
  public List<String> startingWith(String prefix) {
    return messages.stream().filter(m -> m.startsWith(prefix)).toList();
  }

  @Override
  public void publish(LogRecord r) {
    if (r.getMessage() != null && r.getLevel().intValue() >= least.intValue()) {
      messages.add(r.getMessage());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
