package dev.frostsandbox.store;

/**
 * {@link Store#takeReplicated}: the value was deleted on the primary, but too few replicas
 * acknowledged the delete in time. The value is not returned, and it is gone from the primary all
 * the same (what it counted, such as a quota slot, can be freed). Clients see {@code redis-error}.
 */
public class ReplicationUnconfirmedException extends StoreException {
  public ReplicationUnconfirmedException(String message) {
    super(message, null);
  }
}
