package id.go.bkn.asn.view;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The open and the last closed window of each key (a unit or a programme) of one window size, from
 * aggregate records read in any order across partitions. Records of one key and window come in
 * order (same record key, same partition), but records of different windows of a key may come
 * interleaved, so the newest window wins by its start, and within a window the higher revision.
 *
 * <p>The open window is global to the size: the greatest window start of any record, or the end of
 * the last closed window when no record of the next window exists yet. Not thread-safe: the view's
 * consumer thread is its only writer.
 *
 * @param <T> the aggregate record type
 */
final class WindowTracks<T> {

  private final Function<T, String> key;
  private final ToLongFunction<T> start;
  private final ToLongFunction<T> end;
  private final Predicate<T> isFinal;
  private final ToIntFunction<T> revision;
  private final Map<String, T> lastFinal = new HashMap<>();
  private final Map<String, T> lastOpen = new HashMap<>();
  private long maxStart = Long.MIN_VALUE;
  private long maxFinalStart = Long.MIN_VALUE;
  private long maxFinalEnd = Long.MIN_VALUE;

  WindowTracks(
      final Function<T, String> key,
      final ToLongFunction<T> start,
      final ToLongFunction<T> end,
      final Predicate<T> isFinal,
      final ToIntFunction<T> revision) {
    this.key = key;
    this.start = start;
    this.end = end;
    this.isFinal = isFinal;
    this.revision = revision;
  }

  void apply(final T record) {
    final long recordStart = start.applyAsLong(record);
    maxStart = Math.max(maxStart, recordStart);
    if (isFinal.test(record)) {
      maxFinalStart = Math.max(maxFinalStart, recordStart);
      maxFinalEnd = Math.max(maxFinalEnd, end.applyAsLong(record));
      lastFinal.merge(key.apply(record), record, this::newer);
    } else {
      lastOpen.merge(key.apply(record), record, this::newer);
    }
  }

  /** The start of the open window, in epoch millis, when any record has been read. */
  Optional<Long> openStart() {
    final long open = Math.max(maxStart, maxFinalEnd);
    return open == Long.MIN_VALUE ? Optional.empty() : Optional.of(open);
  }

  /** The start of the last closed window, when one has closed. */
  Optional<Long> closedStart() {
    return maxFinalStart == Long.MIN_VALUE ? Optional.empty() : Optional.of(maxFinalStart);
  }

  /** The key's record of the open window, if it has one yet. */
  Optional<T> current(final String id) {
    final T record = lastOpen.get(id);
    final Optional<Long> open = openStart();
    return record != null && open.isPresent() && start.applyAsLong(record) == open.get()
        ? Optional.of(record)
        : Optional.empty();
  }

  /** The key's FINAL record of the last closed window, if it has one. */
  Optional<T> previous(final String id) {
    final T record = lastFinal.get(id);
    return record != null && start.applyAsLong(record) == maxFinalStart
        ? Optional.of(record)
        : Optional.empty();
  }

  /** The key's latest record of any window and status, to carry its headcount into a new window. */
  Optional<T> latest(final String id) {
    final T open = lastOpen.get(id);
    final T closed = lastFinal.get(id);
    if (open == null || closed == null) {
      return Optional.ofNullable(open == null ? closed : open);
    }
    return Optional.of(start.applyAsLong(open) > start.applyAsLong(closed) ? open : closed);
  }

  private T newer(final T held, final T incoming) {
    final long heldStart = start.applyAsLong(held);
    final long incomingStart = start.applyAsLong(incoming);
    if (incomingStart != heldStart) {
      return incomingStart > heldStart ? incoming : held;
    }
    return revision.applyAsInt(incoming) >= revision.applyAsInt(held) ? incoming : held;
  }
}
