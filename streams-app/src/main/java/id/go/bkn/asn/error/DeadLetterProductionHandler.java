package id.go.bkn.asn.error;

import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production exception handler (KIP-1034): what happens when a record the app writes cannot be
 * written.
 *
 * <ul>
 *   <li>A transient fault ({@link RetriableException}: a timeout, no leader, not enough replicas)
 *       that the producer's own retries (until {@code delivery.timeout.ms}, with {@code
 *       retry.backoff.ms} between tries) did not overcome: the task retries from its last commit,
 *       at most {@value #MAX_RETRIES} times within {@link #RETRY_WINDOW}; beyond that the handler
 *       fails, the stream thread dies and the thread-death policy of the app takes over, so a
 *       broker that stays away stops the instance visibly instead of looping.
 *   <li>A fault of the record itself (too large, a timestamp the broker refuses, a value that does
 *       not serialize): the input record behind it (its raw key and bytes) is set aside in {@code
 *       training.dead-letters} with reason PRODUCTION_ERROR and the task goes on. Under
 *       exactly_once_v2 a record the broker refuses aborts the whole transaction whatever the
 *       handler answers, so such records must not be written in the first place (docs/design/
 *       time.md); what the client refuses before sending (size, serialization) is handled here.
 *   <li>A schema registry that could not serve the output's schema ({@link
 *       TransientRegistryFault}): the task fails, as for a transient fault beyond its retries; the
 *       record is valid.
 *   <li>A failure to write a dead letter itself is not set aside again (it would loop): it is
 *       logged and skipped.
 * </ul>
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

  /** Retries of transient faults allowed within {@link #RETRY_WINDOW}. */
  public static final int MAX_RETRIES = 3;

  /** The window over which retries are counted. */
  public static final Duration RETRY_WINDOW = Duration.ofMinutes(15);

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

  private final HandlerConfig config = new HandlerConfig();
  private final FailureBudget retries = new FailureBudget(MAX_RETRIES, RETRY_WINDOW);

  @Override
  public void configure(final Map<String, ?> configs) {
    config.configure(configs);
  }

  @Override
  public Response handleError(
      final ErrorHandlerContext context,
      final ProducerRecord<byte[], byte[]> record,
      final Exception exception) {
    if (exception instanceof RetriableException) {
      if (retries.spend(config.clock().millis())) {
        LOG.warn(
            "Writing to {} failed transiently; the task retries from its last commit ({} of {}"
                + " within {}): {}",
            record.topic(),
            retries.spent(config.clock().millis()),
            retries.max(),
            retries.window(),
            exception.toString());
        return Response.retry();
      }
      LOG.error(
          "Writing to {} kept failing ({} transient faults within {}); failing the stream thread:"
              + " {}",
          record.topic(),
          retries.max() + 1,
          retries.window(),
          exception.toString());
      return Response.fail();
    }
    return setAside(context, record, exception);
  }

  @Override
  public Response handleSerializationError(
      final ErrorHandlerContext context,
      final ProducerRecord record,
      final Exception exception,
      final SerializationExceptionOrigin origin) {
    final SchemaRegistryException registry = TransientRegistryFault.of(exception);
    if (registry != null) {
      // The output is fine; its schema id could not be fetched or registered. Setting its input
      // aside would lose a valid record: the task fails and is retried from its last commit
      // within the thread-death budget instead.
      LOG.error(
          "Schema registry unavailable while writing to {}; failing the task to write it again"
              + " rather than setting its input aside: {}",
          record.topic(),
          registry.getMessage());
      return Response.fail();
    }
    return setAside(context, record, exception);
  }

  private Response setAside(
      final ErrorHandlerContext context,
      final ProducerRecord<?, ?> record,
      final Exception exception) {
    if (record.topic().equals(config.deadLetterTopic())) {
      LOG.error(
          "A dead letter could not be written to {}; skipped: {}",
          record.topic(),
          exception.toString());
      return Response.resume();
    }
    LOG.warn(
        "A record for {} could not be written; its input (topic {} partition {} offset {}) is set"
            + " aside as a dead letter: {}",
        record.topic(),
        context.topic(),
        context.partition(),
        context.offset(),
        exception.toString());
    if (context.topic() != null) {
      config.events().count(context.topic(), Outcome.DEAD_LETTER);
    }
    final List<ProducerRecord<byte[], byte[]>> deadLetters =
        SetAsideRecords.of(
            config.deadLetterTopic(),
            context.sourceRawKey(),
            context.sourceRawValue(),
            context,
            exception,
            DeadLetterReason.PRODUCTION_ERROR,
            config.clock().millis());
    return Response.resume(deadLetters);
  }
}
