package dev.frostsandbox.store;

/** The store could not be reached or answered an error: clients see {@code redis-error}. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
