package id.go.bkn.asn.topology.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicate rule's memory keeps its ids in batches in the changelogged store and answers from
 * an index it rebuilds when the task starts: ids batch up, a rebuild brings back exactly the ids of
 * the log (none that only the index held), the topics of a task share the index, and batches whose
 * ids are all past the horizon are deleted.
 */
class EventIdMemoryTest {

  private static final Duration HORIZON = Duration.ofDays(7);
  private static final long T0 = Instant.parse("2025-03-10T02:00:00Z").toEpochMilli();
  private static final String ATTENDANCE = "training.attendance";
  private static final String FEEDBACK = "training.feedback";

  @TempDir Path stateDir;

  private KeyValueStore<String, byte[]> log;
  private KeyValueStore<String, byte[]> open;
  private WindowStore<String, Long> index;

  @BeforeEach
  void setUp() {
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ids-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    final MockProcessorContext<Object, Object> context =
        new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
    log = EventIdMemory.log().withLoggingDisabled().withCachingDisabled().build();
    log.init(context.getStateStoreContext(), log);
    open = EventIdMemory.open().withLoggingDisabled().withCachingDisabled().build();
    open.init(context.getStateStoreContext(), open);
    index = EventIdMemory.index(HORIZON).build();
    index.init(context.getStateStoreContext(), index);
  }

  @AfterEach
  void tearDown() {
    log.close();
    open.close();
    index.close();
  }

  @Test
  void shouldKeepIdsInBatchesOfAtMostTheLimit() {
    // given a topic's memory
    final EventIdMemory ids = memory(ATTENDANCE);

    // when 65 ids are accepted, one a second
    for (int i = 0; i < 65; i++) {
      ids.remember("e-" + i, T0 + i * 1_000L, 100 + i);
    }

    // then two batches: 64 ids opened at offset 100, closed; 1 at offset 164, still open
    final List<KeyValue<String, byte[]>> closed = batches(log);
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).key).endsWith("|0000000000000000100").startsWith(ATTENDANCE + "|");
    assertThat(EventIdMemory.decode(closed.get(0).value)).hasSize(64);
    final List<KeyValue<String, byte[]>> opened = batches(open);
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).key).endsWith("|0000000000000000164");
    assertThat(EventIdMemory.decode(opened.get(0).value))
        .containsExactly(new EventIdMemory.SeenId("e-64", T0 + 64_000L));
    assertThat(ids.seen("e-0", T0)).isTrue();
    assertThat(ids.seen("e-64", T0)).isTrue();
    assertThat(ids.seen("e-65", T0)).isFalse();
  }

  @Test
  void shouldOpenANewBatchOnceTheStreamTimeMovedASpanPastTheOpenOne() {
    // given a batch opened at T0
    final EventIdMemory ids = memory(ATTENDANCE);
    ids.remember("first", T0, 1);
    ids.remember("within", T0 + EventIdMemory.BATCH_SPAN.toMillis(), 2);

    // when an event comes a span and a millisecond after the opening
    ids.remember("after", T0 + EventIdMemory.BATCH_SPAN.toMillis() + 1, 3);

    // then it closes the first batch and opens the next
    assertThat(ids(batches(log))).containsExactly(List.of("first", "within"));
    assertThat(ids(batches(open))).containsExactly(List.of("after"));
  }

  @Test
  void shouldRebuildTheIndexFromTheBatchesAlone() {
    // given two ids accepted and committed, and one that only reached the index (its transaction
    // was aborted), then a restart
    final EventIdMemory before = memory(ATTENDANCE);
    before.remember("committed-1", T0, 1);
    before.remember("committed-2", T0 + 1_000, 2);
    index.put("aborted", T0 + 2_000, T0 + 2_000);

    // when the task starts again
    final EventIdMemory after = memory(ATTENDANCE);
    final long restored = after.rebuild();

    // then the open batch the stop left behind is closed, the committed ids are duplicates, the
    // aborted one is not
    assertThat(batches(open)).isEmpty();
    assertThat(ids(batches(log))).containsExactly(List.of("committed-1", "committed-2"));
    assertThat(restored).isEqualTo(2);
    assertThat(after.seen("committed-1", T0)).isTrue();
    assertThat(after.seen("committed-2", T0)).isTrue();
    assertThat(after.seen("aborted", T0 + 2_000)).isFalse();
  }

  @Test
  void shouldRebuildAnIndexThatWasLost() {
    // given ids of two topics accepted, then the index lost (a wiped or stale state directory)
    memory(ATTENDANCE).remember("a-1", T0, 7);
    memory(FEEDBACK).remember("f-1", T0 + 5_000, 3);
    try (var all = index.all()) {
      final List<KeyValue<org.apache.kafka.streams.kstream.Windowed<String>, Long>> entries =
          new ArrayList<>();
      all.forEachRemaining(entries::add);
      entries.forEach(e -> index.put(e.key.key(), null, e.key.window().start()));
    }
    assertThat(memory(ATTENDANCE).seen("a-1", T0)).isFalse();

    // when the task starts
    memory(ATTENDANCE).rebuild();

    // then both are known to every topic of the task
    assertThat(memory(FEEDBACK).seen("a-1", T0)).isTrue();
    assertThat(memory(ATTENDANCE).seen("f-1", T0)).isTrue();
  }

  @Test
  void shouldShareTheIndexAcrossTheTopicsOfATask() {
    // given an id accepted on the attendance topic
    memory(ATTENDANCE).remember("x-1", T0, 1);

    // then the feedback topic's memory sees it too, within the horizon only
    final EventIdMemory feedback = memory(FEEDBACK);
    assertThat(feedback.seen("x-1", T0 + HORIZON.toMillis())).isTrue();
    assertThat(feedback.seen("x-1", T0 + HORIZON.toMillis() + 1)).isFalse();
  }

  @Test
  void shouldDeleteBatchesWhoseIdsAreAllPastTheHorizon() {
    // given a batch of the first day
    final EventIdMemory ids = memory(ATTENDANCE);
    ids.remember("old-1", T0, 1);
    ids.remember("old-2", T0 + 60_000, 2);

    // when the stream time moves less than the horizon and a batch's span past it
    final long almost = T0 + HORIZON.toMillis() + EventIdMemory.BATCH_SPAN.toMillis();
    ids.remember("mid", almost - 60_000, 3);

    // then the old batch is closed and kept: its ids may still be live
    assertThat(ids(batches(log))).containsExactly(List.of("old-1", "old-2"));

    // when it moves further, and a new batch opens
    ids.remember("new", almost + EventIdMemory.BATCH_SPAN.toMillis() + 1, 4);

    // then the first batch is gone, the later ones stay
    assertThat(ids(batches(log))).containsExactly(List.of("mid"));
    assertThat(ids(batches(open))).containsExactly(List.of("new"));
  }

  @Test
  void shouldNotRememberAnIdAlreadyPastTheHorizon() {
    // given the stream time at T0 + 8 days
    final EventIdMemory ids = memory(ATTENDANCE);
    ids.remember("now", T0 + Duration.ofDays(8).toMillis(), 1);

    // when an event of T0 is accepted
    ids.remember("stale", T0, 2);

    // then it is in no batch (the index would not answer for it)
    assertThat(ids(batches(open))).containsExactly(List.of("now"));
    assertThat(batches(log)).isEmpty();
  }

  @Test
  void shouldBatchOneIdPerEntryWhenTheRecordCacheIsOff() {
    assertThat(EventIdMemory.batchLimit(Map.of())).isEqualTo(EventIdMemory.BATCH);
    assertThat(
            EventIdMemory.batchLimit(
                Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10_485_760L)))
        .isEqualTo(EventIdMemory.BATCH);
    assertThat(
            EventIdMemory.batchLimit(Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L)))
        .isEqualTo(1);
    assertThat(
            EventIdMemory.batchLimit(Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0")))
        .isEqualTo(1);
  }

  @Test
  void shouldWriteEachIdToTheLogAtOnceWhenBatchesHoldOne() {
    // given the record cache off: batches of one
    final EventIdMemory ids = new EventIdMemory(log, open, index, HORIZON, ATTENDANCE, 1);

    // when two ids are accepted
    ids.remember("a", T0, 1);
    ids.remember("b", T0 + 1, 2);

    // then each is a closed batch of its own, one write each, none through the open store
    assertThat(ids(batches(log))).containsExactly(List.of("a"), List.of("b"));
    assertThat(batches(open)).isEmpty();
    assertThat(ids.seen("b", T0)).isTrue();
  }

  private EventIdMemory memory(final String topic) {
    return new EventIdMemory(log, open, index, HORIZON, topic, EventIdMemory.BATCH);
  }

  private static List<KeyValue<String, byte[]>> batches(final KeyValueStore<String, byte[]> store) {
    final List<KeyValue<String, byte[]>> batches = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      it.forEachRemaining(batches::add);
    }
    return batches;
  }

  private static List<List<String>> ids(final List<KeyValue<String, byte[]>> batches) {
    return batches.stream()
        .map(kv -> EventIdMemory.decode(kv.value).stream().map(EventIdMemory.SeenId::id).toList())
        .toList();
  }
}
