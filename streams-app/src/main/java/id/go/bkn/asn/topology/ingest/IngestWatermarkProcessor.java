package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The last step of an ingest task before the asn-tree repartition: passes every message on and
 * keeps the task's watermark. The task reads one partition of each event topic, and Kafka Streams
 * may read one of them far ahead of another in event time (it picks the next record by timestamp
 * only among the records already fetched, so after a task moves to another instance one topic's
 * backlog can be processed before another's). So the watermark is kept per input partition, the
 * greatest occurredAt of the events accepted from it (roster changes carry effective times, not
 * event time, and do not count), and the task reports the minimum over its partitions that are not
 * idle: the per-partition watermark of Flink. A partition is idle when it has had no event for the
 * idle timeout of wall clock (counted from start-up, so after a restart a partition is idle only
 * after a full timeout); an event topic with no events at all (no feedback) thus holds nobody back
 * once the timeout has passed.
 *
 * <p>Every emit interval of wall clock it sends a WATERMARK to every tree partition (see {@link
 * TreePartitioner}) with its input partition, the number of input partitions, the earliest event
 * time it ever accepted and whether it is idle (every partition idle; then it reports the greatest
 * watermark it knows, which the tree stage leaves out of its minimum). While a partition that is
 * not idle has no watermark yet, the task cannot say how far it has got: it repeats the last
 * watermark it reported (the tree stage keeps the greatest it received, so that holds the clock
 * where it was and says the task is active), or sends nothing when it never reported one. Because
 * the watermark follows the events it covers through the same sink, a tree task receives a sender's
 * events before any watermark beyond them.
 */
public final class IngestWatermarkProcessor
    implements Processor<String, TreeMessage, String, TreeMessage> {

  /**
   * The store of the watermarks, so that a restart keeps them: input topic -> epoch millis of its
   * partition's watermark, {@value #REPORTED} -> the last watermark the task reported and {@value
   * #EARLIEST} -> the earliest occurredAt the task ever accepted.
   */
  public static final String STORE = "ingest-watermark";

  private static final String REPORTED = "reported";
  private static final String EARLIEST = "earliest";

  private final TopologySettings settings;
  private final Clock wall;
  private final List<String> eventTopics;

  private ProcessorContext<String, TreeMessage> context;
  private KeyValueStore<String, Long> store;
  private final Map<String, Long> marks = new HashMap<>();
  private final Map<String, Long> persisted = new HashMap<>();
  private final Map<String, Long> lastEventWall = new HashMap<>();
  private long startWall;

  /**
   * A processor with the topology's settings, wall clock and the event topics the task reads (one
   * partition of each).
   */
  public IngestWatermarkProcessor(
      final TopologySettings settings, final Clock wall, final List<String> eventTopics) {
    this.settings = settings;
    this.wall = wall;
    this.eventTopics = List.copyOf(eventTopics);
  }

  /** The builder of {@value #STORE}. */
  public static StoreBuilder<KeyValueStore<String, Long>> store() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
        .withCachingEnabled();
  }

  @Override
  public void init(final ProcessorContext<String, TreeMessage> processorContext) {
    this.context = processorContext;
    this.store = processorContext.getStateStore(STORE);
    for (final String topic : eventTopics) {
      load(topic);
    }
    load(REPORTED);
    load(EARLIEST);
    this.startWall = wall.millis();
    processorContext.schedule(
        settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> emit());
  }

  private void load(final String key) {
    final Long value = store.get(key);
    if (value != null) {
      marks.put(key, value);
      persisted.put(key, value);
    }
  }

  @Override
  public void process(final Record<String, TreeMessage> record) {
    final TreeMessage message = record.value();
    if (message != null && isEvent(message.getKind()) && message.getOccurredAt() != null) {
      final String partition =
          context.recordMetadata().map(RecordMetadata::topic).orElse(message.getSourceTopic());
      if (partition != null) {
        final long at = message.getOccurredAt().toEpochMilli();
        final Long before = marks.get(partition);
        if (before == null || at > before) {
          // Written with the event, not at the next emit: a commit between the two would
          // otherwise commit the input offset without the mark, and a task moved to another
          // instance then would wait the idle timeout for a partition it may never read again.
          // The store is cached, so this is one changelog record per commit, not per event.
          marks.put(partition, at);
          store.put(partition, at);
          persisted.put(partition, at);
        }
        lastEventWall.put(partition, wall.millis());
        final Long earliest = marks.get(EARLIEST);
        if (earliest == null || at < earliest) {
          // Kept with the marks and sent with every watermark: the tree tasks start their first
          // windows at the earliest event any sender accepted (see SenderWatermarks#earliest).
          marks.put(EARLIEST, at);
          store.put(EARLIEST, at);
          persisted.put(EARLIEST, at);
        }
      }
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
    final long timeout = settings.idleTimeout().toMillis();
    Long low = null;
    Long greatest = null;
    boolean allIdle = true;
    boolean unknown = false;
    for (final String topic : eventTopics) {
      final Long mark = marks.get(topic);
      if (mark != null) {
        greatest = greatest == null ? mark : Math.max(greatest, mark);
      }
      if (now - lastEventWall.getOrDefault(topic, startWall) >= timeout) {
        continue;
      }
      allIdle = false;
      if (mark == null) {
        unknown = true;
      } else {
        low = low == null ? mark : Math.min(low, mark);
      }
    }
    final Long mark;
    if (allIdle) {
      mark = greatest == null ? 0L : greatest;
    } else if (!unknown) {
      mark = low;
      marks.put(REPORTED, low);
    } else {
      mark = marks.get(REPORTED);
      if (mark == null) {
        return;
      }
    }
    persist();
    final TreeMessage message =
        TreeMessage.newBuilder()
            .setKind(TreeMessageKind.WATERMARK)
            .setOccurredAt(Instant.ofEpochMilli(mark))
            .setSenderPartition(context.taskId().partition())
            .setSenderPartitions(settings.inputPartitions())
            .setIdle(allIdle)
            .setEarliest(earliest())
            .build();
    // Stamped with the wall clock: the watermark (an event time) travels in the value, and the
    // greatest occurredAt accepted may lie up to the allowed skew ahead.
    context.forward(new Record<>(TreePartitioner.WATERMARK_KEY, message, now));
  }

  private Instant earliest() {
    final Long earliest = marks.get(EARLIEST);
    return earliest == null ? null : Instant.ofEpochMilli(earliest);
  }

  /** Written once per interval rather than per event: a few changelog records, not thousands. */
  private void persist() {
    marks.forEach(
        (key, value) -> {
          if (!value.equals(persisted.get(key))) {
            store.put(key, value);
            persisted.put(key, value);
          }
        });
  }
}
