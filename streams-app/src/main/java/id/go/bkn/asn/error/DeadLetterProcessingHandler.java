package id.go.bkn.asn.error;

import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.registry.SchemaRegistryException;
import id.go.bkn.asn.serde.Decoded;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing exception handler (KIP-1033): a record whose processing throws is set aside in
 * {@code training.dead-letters} (reason PROCESSING_ERROR) and the task goes on, so a bug that one
 * record triggers costs that record, not the pipeline. The dead letter holds the event's original
 * key and bytes where the failing record still carries them (a {@link TreeMessage} in the tree
 * stage, a {@link Decoded} value in the ingest stage), else the raw bytes of the task's input
 * record. A punctuation that throws has no record and may have done part of its work: the task
 * fails, so that under exactly_once_v2 the part done is rolled back and the punctuation runs again
 * on the replacement thread (within the thread-death budget). A schema registry that did not answer
 * ({@link TransientRegistryFault}) is not the record's fault: the task fails and the record is
 * processed again, within the thread-death budget. One WARN line per failure, naming the processor,
 * position and exception, never the payload. Metrics and the clock arrive through the config map,
 * as for {@link id.go.bkn.asn.topology.ingest.DeadLetterDeserializationHandler}.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private final HandlerConfig config = new HandlerConfig();

  @Override
  public void configure(final Map<String, ?> configs) {
    config.configure(configs);
  }

  @Override
  public Response handleError(
      final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
    if (record == null) {
      // A punctuation closes windows and writes records in steps: resuming after a failure part
      // way would commit the steps done (state saying a window closed or an alert fired) without
      // the records of the steps not done. Failing the task aborts the transaction under
      // exactly_once_v2, and the punctuation runs again on the replacement thread, within the
      // thread-death budget.
      LOG.error(
          "A punctuation of processor {} in task {} failed; failing the task so that its partial"
              + " work is rolled back and it runs again: {}: {}",
          context.processorNodeId(),
          context.taskId(),
          exception.getClass().getName(),
          exception.getMessage());
      return Response.fail();
    }
    final SchemaRegistryException registry = TransientRegistryFault.of(exception);
    if (registry != null) {
      // Infrastructure, not the record: fail the task so that the record is processed again once
      // the registry answers (within the thread-death budget), rather than setting it aside.
      LOG.error(
          "Schema registry unavailable while processing a record of {} in task {}; failing the"
              + " task to process it again rather than setting it aside: {}",
          context.topic(),
          context.taskId(),
          registry.getMessage());
      return Response.fail();
    }
    final Original original = Original.of(record, context);
    LOG.warn(
        "Record could not be processed, set aside as a dead letter: processor {} topic {}"
            + " partition {} offset {}: {}: {}",
        context.processorNodeId(),
        context.topic(),
        context.partition(),
        context.offset(),
        exception.getClass().getName(),
        exception.getMessage());
    if (original.topic() != null) {
      config.events().count(original.topic(), Outcome.DEAD_LETTER);
    }
    final List<ProducerRecord<byte[], byte[]>> deadLetters =
        SetAsideRecords.of(
            config.deadLetterTopic(),
            original.key(),
            original.value(),
            context,
            exception,
            DeadLetterReason.PROCESSING_ERROR,
            config.clock().millis());
    return Response.resume(deadLetters);
  }

  /** The key, bytes and topic of the input event behind the failing record. */
  private record Original(String topic, byte[] key, byte[] value) {

    static Original of(final Record<?, ?> record, final ErrorHandlerContext context) {
      if (record.value() instanceof TreeMessage message && message.getOriginalValue() != null) {
        return new Original(
            message.getSourceTopic() == null ? context.topic() : message.getSourceTopic(),
            bytes(message.getOriginalKey()),
            bytes(message.getOriginalValue()));
      }
      if (record.value() instanceof Decoded<?> decoded) {
        final byte[] key =
            record.key() instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
        return new Original(context.topic(), key, decoded.original());
      }
      return new Original(context.topic(), context.sourceRawKey(), context.sourceRawValue());
    }

    private static byte[] bytes(final ByteBuffer buffer) {
      if (buffer == null) {
        return null;
      }
      final ByteBuffer copy = buffer.duplicate();
      final byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
  }
}
