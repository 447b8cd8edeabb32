package id.go.bkn.asn.function;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header names of records in {@code training.dead-letters} and {@code training.late-events}.
 * The exception, message, stack trace and source-position headers reuse the names Kafka Streams
 * 4.4.0 writes itself when it builds a dead-letter record (KIP-1034, {@code
 * errors.dead.letter.queue.topic.name}; constants of {@code
 * org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils}), so a record the pipeline
 * rejects and one Kafka's own handlers reject look alike to operators. They are copied here because
 * that class is internal; a test compares them with Kafka's. All values are UTF-8 text: the
 * partition and offset in decimal, the reason a {@link DeadLetterReason} name. The pipeline's own
 * headers start with {@code asn.}. No value carries an employeeId or a feedback comment.
 */
public final class DeadLetterHeaders {

  /** Fully qualified class name of the exception ({@code __streams.errors.exception}). */
  public static final String EXCEPTION = "__streams.errors.exception";

  /** The exception's message ({@code __streams.errors.message}). */
  public static final String MESSAGE = "__streams.errors.message";

  /** The exception's stack trace ({@code __streams.errors.stacktrace}). */
  public static final String STACKTRACE = "__streams.errors.stacktrace";

  /** The topic the record was read from ({@code __streams.errors.topic}). */
  public static final String TOPIC = "__streams.errors.topic";

  /** The partition it was read from, decimal ({@code __streams.errors.partition}). */
  public static final String PARTITION = "__streams.errors.partition";

  /** The offset it was read at, decimal ({@code __streams.errors.offset}). */
  public static final String OFFSET = "__streams.errors.offset";

  /** Our reason, a {@link DeadLetterReason} name, on every dead letter the pipeline writes. */
  public static final String REASON = "asn.dlq.reason";

  /**
   * On a late event: the kinds of its windows that were already closed, largest first and comma
   * separated, e.g. {@code WEEK,DAY} (kinds are {@code YEAR}, {@code WEEK}, {@code DAY}).
   */
  public static final String LATE_CLOSED_WINDOWS = "asn.late.closed-windows";

  /**
   * The value of {@link #EXCEPTION} for an event refused by {@link EventValidator}: there is no
   * Java exception, so the header names the class that says why.
   */
  public static final String VALIDATION_EXCEPTION = Rejection.class.getName();

  private DeadLetterHeaders() {}

  /** The value of {@link #LATE_CLOSED_WINDOWS} for the given window kinds, e.g. "WEEK,DAY". */
  public static String closedWindowsValue(final List<String> closedKinds) {
    return String.join(",", closedKinds);
  }

  /**
   * The headers (name to UTF-8 text, in write order) of the dead letter for an event refused by
   * validation or by the roster check. No stack trace: there is no exception to trace.
   */
  public static Map<String, String> forRejection(
      final Rejection rejection, final String topic, final int partition, final long offset) {
    final Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REASON, rejection.reason().name());
    headers.put(EXCEPTION, VALIDATION_EXCEPTION);
    headers.put(MESSAGE, rejection.detail());
    headers.putAll(source(topic, partition, offset));
    return Collections.unmodifiableMap(headers);
  }

  /** The headers (name to UTF-8 text, in write order) of a record in the late-events topic. */
  public static Map<String, String> forLateEvent(
      final List<String> closedKinds, final String topic, final int partition, final long offset) {
    final Map<String, String> headers = new LinkedHashMap<>();
    headers.put(LATE_CLOSED_WINDOWS, closedWindowsValue(closedKinds));
    headers.putAll(source(topic, partition, offset));
    return Collections.unmodifiableMap(headers);
  }

  private static Map<String, String> source(
      final String topic, final int partition, final long offset) {
    final Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TOPIC, topic);
    headers.put(PARTITION, Integer.toString(partition));
    headers.put(OFFSET, Long.toString(offset));
    return headers;
  }
}
