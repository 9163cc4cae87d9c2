package dev.frostsandbox.testing;

import dev.frostsandbox.store.Store;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A {@link Store} whose every call is made on one event-loop context, as the service makes them (a
 * test thread calling a store directly is not on an event loop, and RedisStore serves such callers
 * from its pool instead of its per-event-loop pipelines).
 */
public final class EventLoopStore {
  private EventLoopStore() {}

  /** {@code store}, called on a new event-loop context of {@code vertx}. */
  public static Store on(Vertx vertx, Store store) {
    return on(vertx.getOrCreateContext(), store);
  }

  /** {@code store}, called on duplicates of {@code context} (an event-loop context). */
  public static Store on(Context context, Store store) {
    if (!context.isEventLoopContext()) {
      throw new IllegalArgumentException("not an event-loop context");
    }
    return (Store)
        Proxy.newProxyInstance(
            Store.class.getClassLoader(),
            new Class<?>[] {Store.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(store, args);
              }
              Promise<Object> p = Promise.promise();
              ((ContextInternal) context)
                  .duplicate()
                  .runOnContext(
                      v -> {
                        try {
                          @SuppressWarnings("unchecked")
                          Future<Object> f = (Future<Object>) method.invoke(store, args);
                          f.onComplete(p);
                        } catch (InvocationTargetException e) {
                          p.fail(e.getCause());
                        } catch (ReflectiveOperationException | RuntimeException e) {
                          p.fail(e);
                        }
                      });
              return p.future();
            });
  }
}
