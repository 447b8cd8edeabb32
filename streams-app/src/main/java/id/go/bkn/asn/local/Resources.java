package id.go.bkn.asn.local;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a component has started, to be stopped in reverse order: {@link #close} closes each, logs a
 * failure in one line and goes on with the rest, so one stuck part never keeps the others running.
 * Used by the local stack, the streams app and the demo, both when start-up fails half-way and on
 * shutdown. Not thread-safe; callers that close from another thread synchronise.
 */
public final class Resources implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  /** Remembers a started resource; returns it for chaining. */
  public <T extends AutoCloseable> T push(final T resource) {
    started.push(resource);
    return resource;
  }

  /** Whether everything pushed has been closed. */
  public boolean isEmpty() {
    return started.isEmpty();
  }

  /** Closes everything pushed, the last first. Closing again does nothing. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      final AutoCloseable next = started.pop();
      try {
        next.close();
      } catch (final Exception e) {
        LOG.warn("Could not close {} cleanly: {}", next.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
