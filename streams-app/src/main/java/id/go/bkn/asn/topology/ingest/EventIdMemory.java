package id.go.bkn.asn.topology.ingest;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The memory behind the duplicate rule (CONTRACT.md section 5: an eventId already seen within the
 * horizon, 7 days by default, is dropped): the eventIds a task accepted, in three stores.
 *
 * <ul>
 *   <li>{@value #INDEX}, a RocksDB window store of eventId at occurredAt whose retention is the
 *       horizon, answers "seen?" with one fetch, exactly as the single logged window store before
 *       it did. It has no changelog: it is cleared and rebuilt from the other two whenever the task
 *       starts, so it never holds an id whose processing was not committed (under exactly_once_v2
 *       an aborted transaction's ids would otherwise drop its own re-processing as duplicates).
 *   <li>{@value #OPEN}, a changelogged and cached key-value store, holds each input topic's open
 *       batch of ids. Each accepted event rewrites its topic's open batch; Kafka Streams' record
 *       cache merges those puts, so the changelog gets one record per open batch and commit.
 *   <li>{@value #LOG}, a changelogged key-value store without a cache, gets each batch once it is
 *       closed (full with {@value #BATCH} ids, or old), as the batch leaves {@value #OPEN}. Closed
 *       batches stay out of the record cache, which the other stores of the thread need: cached,
 *       they filled it and took its merging from the tree stage's stores.
 * </ul>
 *
 * <p>Why by hand: Kafka Streams has no store that logs a set in batches. The logged window store it
 * replaces wrote one changelog record per accepted event, a third of the broker records of an
 * attendance event (docs/benchmarks.md, eighth session); this writes about three per batch.
 *
 * <p>A batch's key is {@code topic|opened|offset}: the task's stream time when it was opened
 * (zero-padded, so old batches come first) and the input offset of its first event, which makes it
 * unique and the same when the events are processed again after a crash. A batch takes events until
 * it holds {@value #BATCH} or its topic's stream time has moved {@link #BATCH_SPAN} past its
 * opening, so every id in it has an occurredAt before {@code opened + BATCH_SPAN}; once the stream
 * time is a horizon past that, the index would not answer for any of them, and the batch is deleted
 * (a bounded number per batch opened). With the record cache off ({@code
 * statestore.cache.max.bytes} 0) a batch holds one id and goes to {@value #LOG} at once, which is
 * the old store's cost.
 *
 * <p>The three ingest processors of a task share the stores: an id seen on any input topic is a
 * duplicate on all of them. One of them (the attendance one) rebuilds the index when the task
 * starts, and moves the open batches a stop left behind to {@value #LOG}; Kafka Streams initialises
 * every processor of a task before it processes a record.
 */
public final class EventIdMemory {

  /** The lookup: eventId at occurredAt, not changelogged, rebuilt from {@value #LOG}. */
  public static final String INDEX = "dedup-ids";

  /** The closed batches of accepted eventIds: changelogged, not cached. */
  public static final String LOG = "dedup-log";

  /** The open batch of each input topic: changelogged and cached. */
  public static final String OPEN = "dedup-open";

  /** The most ids a batch holds. */
  static final int BATCH = 64;

  /** How far a topic's stream time may move past a batch's opening before a new one is opened. */
  static final Duration BATCH_SPAN = Duration.ofHours(1);

  /** The most expired batches deleted each time a batch is opened. */
  static final int EXPIRE_LIMIT = 64;

  private static final int HEADER = Long.BYTES;
  private static final String PAD = "%019d";

  private final KeyValueStore<String, byte[]> log;
  private final KeyValueStore<String, byte[]> open;
  private final WindowStore<String, Long> index;
  private final long horizon;
  private final String topic;
  private final int batchLimit;

  private long streamTime = Long.MIN_VALUE;
  private String batchKey;
  private long batchOpened;
  private int batchCount;
  private byte[] batch = new byte[256];
  private int batchSize;
  private boolean batchInOpen;
  private String expiredUpTo;

  /**
   * A task's memory of the ids accepted from one input topic.
   *
   * @param log the store {@value #LOG}
   * @param open the store {@value #OPEN}
   * @param index the store {@value #INDEX}
   * @param horizon how long an id is remembered, in event time
   * @param topic the input topic whose ids this instance adds
   * @param batchLimit the most ids per batch: {@link #batchLimit(Map)}
   */
  EventIdMemory(
      final KeyValueStore<String, byte[]> log,
      final KeyValueStore<String, byte[]> open,
      final WindowStore<String, Long> index,
      final Duration horizon,
      final String topic,
      final int batchLimit) {
    this.log = log;
    this.open = open;
    this.index = index;
    this.horizon = horizon.toMillis();
    this.topic = topic;
    this.batchLimit = Math.max(1, batchLimit);
  }

  /** The builder of {@value #LOG}: changelogged, not cached (a closed batch is written once). */
  public static StoreBuilder<KeyValueStore<String, byte[]>> log() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(LOG), Serdes.String(), Serdes.ByteArray())
        .withCachingDisabled();
  }

  /** The builder of {@value #OPEN}: changelogged, and cached so that an open batch's puts merge. */
  public static StoreBuilder<KeyValueStore<String, byte[]>> open() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(OPEN), Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled();
  }

  /** The builder of {@value #INDEX}: a window store of the horizon, without a changelog. */
  public static StoreBuilder<WindowStore<String, Long>> index(final Duration horizon) {
    return Stores.windowStoreBuilder(
            Stores.persistentWindowStore(INDEX, horizon, Duration.ofMillis(1), false),
            Serdes.String(),
            Serdes.Long())
        .withLoggingDisabled();
  }

  /**
   * The ids per batch under the application's settings: {@value #BATCH}, or 1 when the record cache
   * is off (every put is then a changelog record, and a batch of one is the cheapest).
   */
  static int batchLimit(final Map<String, Object> appConfigs) {
    final Object bytes = appConfigs.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
    if (bytes == null) {
      return BATCH;
    }
    final long cache =
        bytes instanceof Number number ? number.longValue() : Long.parseLong(bytes.toString());
    return cache <= 0 ? 1 : BATCH;
  }

  /**
   * Moves the open batches a stop left behind to {@value #LOG}, clears the index and puts every id
   * of the log back into it: when the task starts, after its stores are restored, before any
   * record. Two passes over the task's batches of one horizon (the first reads only each batch's
   * latest occurredAt), never per record.
   *
   * @return the ids put back
   */
  long rebuild() {
    final List<KeyValue<String, byte[]>> left = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> batches = open.all()) {
      batches.forEachRemaining(left::add);
    }
    for (final KeyValue<String, byte[]> batch : left) {
      log.put(batch.key, batch.value);
      open.delete(batch.key);
    }
    try (KeyValueIterator<Windowed<String>, Long> all = index.all()) {
      // RocksDB iterates a snapshot: deleting behind the iterator is safe.
      while (all.hasNext()) {
        final Windowed<String> key = all.next().key;
        index.put(key.key(), null, key.window().start());
      }
    }
    long latest = Long.MIN_VALUE;
    try (KeyValueIterator<String, byte[]> batches = log.all()) {
      while (batches.hasNext()) {
        latest = Math.max(latest, ByteBuffer.wrap(batches.next().value).getLong());
      }
    }
    long restored = 0;
    try (KeyValueIterator<String, byte[]> batches = log.all()) {
      while (batches.hasNext()) {
        final KeyValue<String, byte[]> entry = batches.next();
        for (final SeenId id : decode(entry.value)) {
          if (live(id.at(), latest)) {
            index.put(id.id(), id.at(), id.at());
            restored++;
          }
        }
      }
    }
    return restored;
  }

  /** Whether the id was accepted within the horizon of occurredAt: one fetch. */
  boolean seen(final String eventId, final long occurredAt) {
    try (WindowStoreIterator<Long> earlier =
        index.fetch(eventId, Math.max(0L, occurredAt - horizon), saturatedAdd(occurredAt))) {
      return earlier.hasNext();
    }
  }

  /**
   * Remembers an accepted id: in the index, and in this topic's open batch (one put, merged by the
   * record cache), opening a new batch (and deleting a few expired ones) when there is none or it
   * is old; a full batch moves to {@value #LOG}. An id already past the horizon of the stream time
   * is not remembered: the index would not answer for it anyway.
   *
   * @param eventId the id
   * @param occurredAt its event time
   * @param offset the input offset of its record, naming a batch it opens
   */
  void remember(final String eventId, final long occurredAt, final long offset) {
    streamTime = Math.max(streamTime, occurredAt);
    if (!live(occurredAt, streamTime)) {
      return;
    }
    index.put(eventId, occurredAt, occurredAt);
    if (batchKey != null && streamTime - batchOpened > spanMillis()) {
      close();
    }
    if (batchKey == null) {
      openBatch(offset);
    }
    append(eventId, occurredAt);
    if (batchCount >= batchLimit) {
      close();
    } else {
      open.put(batchKey, Arrays.copyOf(batch, batchSize));
      batchInOpen = true;
    }
  }

  /** The open batch to {@value #LOG}, out of {@value #OPEN}. */
  private void close() {
    log.put(batchKey, Arrays.copyOf(batch, batchSize));
    if (batchInOpen) {
      open.delete(batchKey);
    }
    batchKey = null;
  }

  private void openBatch(final long offset) {
    batchOpened = Math.max(0L, streamTime);
    batchKey = topic + "|" + String.format(PAD, batchOpened) + "|" + String.format(PAD, offset);
    batchCount = 0;
    batchSize = HEADER;
    batchInOpen = false;
    ByteBuffer.wrap(batch).putLong(0, Long.MIN_VALUE);
    expire();
  }

  /**
   * Deletes at most {@link #EXPIRE_LIMIT} of this topic's closed batches that no id of is live,
   * from where the last call stopped (the deleted keys before it are not scanned again).
   */
  private void expire() {
    final long before = streamTime - horizon - spanMillis();
    if (before <= 0) {
      return;
    }
    final String to = topic + "|" + String.format(PAD, before);
    final String from = expiredUpTo == null ? topic + "|" : expiredUpTo;
    if (from.compareTo(to) >= 0) {
      return;
    }
    final List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> old = log.range(from, to)) {
      while (old.hasNext() && expired.size() < EXPIRE_LIMIT) {
        expired.add(old.next().key);
      }
    }
    expired.forEach(log::delete);
    if (!expired.isEmpty()) {
      expiredUpTo = expired.get(expired.size() - 1);
    }
  }

  private void append(final String eventId, final long occurredAt) {
    final byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
    final int needed = batchSize + Integer.BYTES + id.length + Long.BYTES;
    if (needed > batch.length) {
      batch = Arrays.copyOf(batch, Math.max(needed, batch.length * 2));
    }
    final ByteBuffer out = ByteBuffer.wrap(batch);
    out.putLong(0, Math.max(out.getLong(0), occurredAt));
    out.position(batchSize);
    out.putInt(id.length).put(id).putLong(occurredAt);
    batchSize = out.position();
    batchCount++;
  }

  /** The ids of a batch with their occurredAt. */
  static List<SeenId> decode(final byte[] value) {
    final List<SeenId> ids = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      in.readLong();
      while (in.available() > 0) {
        final byte[] id = new byte[in.readInt()];
        in.readFully(id);
        ids.add(new SeenId(new String(id, StandardCharsets.UTF_8), in.readLong()));
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("a batch of " + LOG + " does not decode", e);
    }
    return ids;
  }

  private boolean live(final long occurredAt, final long now) {
    return now == Long.MIN_VALUE || occurredAt > now - horizon;
  }

  private long spanMillis() {
    return BATCH_SPAN.toMillis();
  }

  private long saturatedAdd(final long occurredAt) {
    final long sum = occurredAt + horizon;
    return sum < occurredAt ? Long.MAX_VALUE : sum;
  }

  /** An id at a time. */
  record SeenId(String id, long at) {}
}
