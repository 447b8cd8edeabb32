package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The last step of an ingest task before the asn-tree repartition: passes every message on and
 * keeps the task's watermark, the greatest occurredAt of the events it accepted (roster changes
 * carry effective times, not event time, and do not count). Every emit interval of wall clock it
 * sends a WATERMARK to every tree partition (see {@link TreePartitioner}) with that watermark, its
 * input partition, the number of input partitions and whether it is idle: no event for the idle
 * timeout of wall clock (counted from start-up, so a restarted task is idle only after a full
 * timeout). A task with neither a watermark nor the idle timeout behind it sends nothing: it knows
 * nothing yet. Because the watermark follows the events it covers through the same sink, a tree
 * task receives a sender's events before any watermark beyond them.
 */
public final class IngestWatermarkProcessor
    implements Processor<String, TreeMessage, String, TreeMessage> {

  /** The store of the watermark, so that a restart keeps it: {@value #KEY} -> epoch millis. */
  public static final String STORE = "ingest-watermark";

  private static final String KEY = "watermark";

  private final TopologySettings settings;
  private final Clock wall;

  private ProcessorContext<String, TreeMessage> context;
  private KeyValueStore<String, Long> store;
  private Long watermark;
  private Long persisted;
  private long lastEventWall;

  /** A processor with the topology's settings and wall clock. */
  public IngestWatermarkProcessor(final TopologySettings settings, final Clock wall) {
    this.settings = settings;
    this.wall = wall;
  }

  /** The builder of {@value #STORE}. */
  public static StoreBuilder<KeyValueStore<String, Long>> store() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long());
  }

  @Override
  public void init(final ProcessorContext<String, TreeMessage> processorContext) {
    this.context = processorContext;
    this.store = processorContext.getStateStore(STORE);
    this.watermark = store.get(KEY);
    this.persisted = watermark;
    this.lastEventWall = wall.millis();
    processorContext.schedule(
        settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> emit());
  }

  @Override
  public void process(final Record<String, TreeMessage> record) {
    final TreeMessage message = record.value();
    if (message != null && isEvent(message.getKind()) && message.getOccurredAt() != null) {
      final long at = message.getOccurredAt().toEpochMilli();
      if (watermark == null || at > watermark) {
        watermark = at;
      }
      lastEventWall = wall.millis();
    }
    context.forward(record);
  }

  private static boolean isEvent(final TreeMessageKind kind) {
    return kind == TreeMessageKind.ENROLLMENT
        || kind == TreeMessageKind.ATTENDANCE
        || kind == TreeMessageKind.FEEDBACK;
  }

  private void emit() {
    final long now = wall.millis();
    final boolean idle = now - lastEventWall >= settings.idleTimeout().toMillis();
    if (watermark == null && !idle) {
      return;
    }
    // Written once per interval rather than per event: one changelog record instead of thousands.
    if (watermark != null && !watermark.equals(persisted)) {
      store.put(KEY, watermark);
      persisted = watermark;
    }
    final long mark = watermark == null ? 0L : watermark;
    final TreeMessage message =
        TreeMessage.newBuilder()
            .setKind(TreeMessageKind.WATERMARK)
            .setOccurredAt(Instant.ofEpochMilli(mark))
            .setSenderPartition(context.taskId().partition())
            .setSenderPartitions(settings.inputPartitions())
            .setIdle(idle)
            .build();
    // Stamped with the wall clock: the watermark (an event time) travels in the value, and the
    // greatest occurredAt accepted may lie up to the allowed skew ahead.
    context.forward(new Record<>(TreePartitioner.WATERMARK_KEY, message, now));
  }
}
