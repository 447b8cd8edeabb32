package id.go.bkn.asn.bench;

import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Event-to-aggregate latency of a running pipeline: an open-loop producer sends fresh attendance
 * events (PRESENT, each a new session, so each is a new fact) at a fixed rate, each on its own
 * schedule whatever the pipeline does (no coordinated omission: latency is measured from the time
 * an event was due, not from when it was sent); a consumer reads {@code
 * analytics.unit-activity-weekly} (read_committed) and follows the attendance count of every root
 * unit's week. The k-th event counts as included when the roots' counts have grown by k since the
 * start, so events are matched to aggregates in the order they were sent; with several input
 * partitions the pipeline may include them slightly out of order, which moves single latencies but
 * not the distribution much. No library matches events to aggregates, so this is written here;
 * percentiles come from HdrHistogram.
 */
final class LatencyProbe {

  /** Latencies up to ten minutes, in microseconds, three significant digits. */
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  /** What one rate gave. */
  record Result(
      double targetRate,
      double sentRate,
      long sent,
      long measured,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs) {}

  private final Map<String, Object> clientConfig;
  private final String eventTopic;
  private final String weeklyTopic;
  private final AvroSerializer<SpecificRecord> serializer;
  private final AvroDeserializer<UnitActivity> deserializer;
  private final List<AttendanceEvent> templates;
  private final Instant occurredAt;

  LatencyProbe(
      final Map<String, Object> clientConfig,
      final String eventTopic,
      final String weeklyTopic,
      final AvroSerializer<SpecificRecord> serializer,
      final AvroDeserializer<UnitActivity> deserializer,
      final List<AttendanceEvent> templates,
      final Instant occurredAt) {
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("the input has no attendance event to copy");
    }
    this.clientConfig = clientConfig;
    this.eventTopic = eventTopic;
    this.weeklyTopic = weeklyTopic;
    this.serializer = serializer;
    this.deserializer = deserializer;
    this.templates = templates;
    this.occurredAt = occurredAt;
  }

  /**
   * Sends events at {@code rate} per second for {@code duration}, then waits up to {@code settle}
   * for the last of them to show in an aggregate.
   *
   * @param tag unique per call, so event and session ids never repeat
   */
  Result measure(
      final String tag, final double rate, final Duration duration, final Duration settle)
      throws InterruptedException {
    final CalendarWindow week = JakartaCalendar.week(occurredAt);
    try (KafkaConsumer<String, byte[]> consumer = consumer();
        KafkaProducer<String, byte[]> producer = producer()) {
      final Map<String, Long> counts = new HashMap<>();
      readToEnd(consumer, counts, week, settle);
      final long base = total(counts);
      final int planned = (int) Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
      final long[] due = new long[planned];
      final AtomicLong sent = new AtomicLong();
      final Thread sender =
          new Thread(() -> send(producer, tag, rate, due, sent), "bench-latency-producer");
      final Histogram histogram = new Histogram(MAX_MICROS, 3);
      final long start = System.nanoTime();
      sender.start();
      int next = 0;
      final long sendEnd = start + duration.toNanos();
      long deadline = sendEnd + settle.toNanos();
      while (next < planned && System.nanoTime() < deadline) {
        for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
          final long arrived = System.nanoTime();
          follow(record, counts, week);
          final long included = Math.min(total(counts) - base, sent.get());
          while (next < included) {
            histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, (arrived - due[next]) / 1_000)));
            next++;
          }
        }
        if (!sender.isAlive()) {
          // The sender may stop short of the plan (a slow broker); wait only for what it sent.
          deadline = Math.min(deadline, System.nanoTime() + settle.toNanos());
          if (next >= sent.get()) {
            break;
          }
        }
      }
      sender.join(settle.toMillis() + 10_000);
      final double seconds = (Math.max(System.nanoTime(), sendEnd) - start) / 1e9;
      return new Result(
          rate,
          sent.get() / Math.min(seconds, duration.toNanos() / 1e9),
          sent.get(),
          next,
          histogram.getValueAtPercentile(50) / 1_000.0,
          histogram.getValueAtPercentile(95) / 1_000.0,
          histogram.getValueAtPercentile(99) / 1_000.0,
          histogram.getMaxValue() / 1_000.0);
    }
  }

  private void send(
      final KafkaProducer<String, byte[]> producer,
      final String tag,
      final double rate,
      final long[] due,
      final AtomicLong sent) {
    final long start = System.nanoTime();
    final double interval = 1e9 / rate;
    for (int i = 0; i < due.length; i++) {
      due[i] = start + (long) (i * interval);
      final long wait = due[i] - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      final AttendanceEvent template = templates.get(i % templates.size());
      final AttendanceEvent event = BenchInput.fresh(template, tag + "-" + i, occurredAt);
      producer.send(
          new ProducerRecord<>(
              eventTopic, event.getEmployeeId(), serializer.serialize(eventTopic, event)));
      sent.set(i + 1);
    }
    producer.flush();
  }

  /** Reads the weekly topic from the start until it has been quiet for {@code quiet}. */
  private void readToEnd(
      final KafkaConsumer<String, byte[]> consumer,
      final Map<String, Long> counts,
      final CalendarWindow week,
      final Duration quiet) {
    final Set<TopicPartition> partitions =
        consumer.partitionsFor(weeklyTopic).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .collect(Collectors.toSet());
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    // Provisional records of the backlog keep coming for an emit interval after the drain; the
    // baseline is taken once none has come for a while.
    long quietSince = System.nanoTime();
    final long deadline = quietSince + quiet.toNanos() * 6;
    while (System.nanoTime() - quietSince < quiet.toNanos() && System.nanoTime() < deadline) {
      for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        if (follow(record, counts, week)) {
          quietSince = System.nanoTime();
        }
      }
    }
  }

  /** Takes a root's record of the week into the counts; true when it was one. */
  private boolean follow(
      final ConsumerRecord<String, byte[]> record,
      final Map<String, Long> counts,
      final CalendarWindow week) {
    if (record.value() == null) {
      return false;
    }
    final UnitActivity activity = deserializer.deserialize(record.topic(), record.value());
    if (activity.getDepth() != 0 || !activity.getWindowStart().equals(week.start())) {
      return false;
    }
    counts.put(
        record.key(),
        (long) activity.getPresent()
            + activity.getLate()
            + activity.getAbsent()
            + activity.getExcused());
    return true;
  }

  private static long total(final Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private KafkaConsumer<String, byte[]> consumer() {
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaProducer<String, byte[]> producer() {
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
