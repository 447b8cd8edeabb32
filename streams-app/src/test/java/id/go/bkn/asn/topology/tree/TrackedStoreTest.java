package id.go.bkn.asn.topology.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The revision and the changed mark live in the figure's entry: a mark costs no write of its own,
 * survives a restart through the entry (the in-memory dirty set is rebuilt from the entries), and a
 * written record's revision counts on from where it was.
 */
class TrackedStoreTest {

  private static final String DAY = "D|2025-03-10|KEL-A1";
  private static final String WEEK = "W|2025-03-10|KEL-A1";
  private static final String YEAR = "Y|2025|KEC-A";
  private static final String EMPLOYEE = "E|2025|E1";

  private KeyValueStore<String, Tracked<UnitYtd>> store;
  private int writes;

  @BeforeEach
  void setUp() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("tracked"), Serdes.String(), UnitYtd.SERDE)
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void shouldFindAfterARestartExactlyTheKeysChangedSinceTheirLastRecord() {
    // given: four keys changed, two of them written since, one cleaned
    final TrackedStore<UnitYtd> before = new TrackedStore<>(store, new EmissionLog());
    before.change(DAY, before.read(DAY), jp(2.0));
    before.change(WEEK, before.read(WEEK), jp(2.0));
    before.touch(YEAR, UnitYtd.EMPTY);
    before.change(EMPLOYEE, before.read(EMPLOYEE), jp(3.0));
    assertThat(before.written(DAY, UnitYtd.EMPTY).revision()).isEqualTo(1);
    before.clean(EMPLOYEE);

    // when: the task starts again on the same store, its dirty set lost with the old instance
    final EmissionLog log = new EmissionLog();
    final TrackedStore<UnitYtd> after = new TrackedStore<>(store, log);
    after.indexDirty();

    // then: the set holds the changed keys not yet written, in key order, and nothing else
    assertThat(log.drainDirty(null, 10)).containsExactly(WEEK, YEAR);
    // and the figures and revisions are those of before the restart
    assertThat(after.get(DAY)).isEqualTo(jp(2.0));
    assertThat(after.get(EMPLOYEE)).isEqualTo(jp(3.0));
    assertThat(after.read(DAY).revision()).isEqualTo(1);
    assertThat(after.written(DAY, UnitYtd.EMPTY).revision()).isEqualTo(2);
    assertThat(after.read(WEEK).revision()).isZero();
  }

  @Test
  void shouldWriteTheEntryOncePerChangeAndOncePerRecordAndNeverForTheMarkAlone() {
    // given
    final EmissionLog log = new EmissionLog();
    final TrackedStore<UnitYtd> tracked = new TrackedStore<>(counting(store), log);

    // when / then: a change is one put, whether or not the key was marked already
    tracked.change(DAY, tracked.read(DAY), jp(1.0));
    tracked.change(DAY, tracked.read(DAY), jp(2.0));
    assertThat(writes).isEqualTo(2);
    assertThat(log.isDirty(DAY)).isTrue();
    // touching a key already marked writes nothing
    tracked.touch(DAY, UnitYtd.EMPTY);
    assertThat(writes).isEqualTo(2);
    // the record's revision and the cleared mark are one put
    assertThat(tracked.written(DAY, UnitYtd.EMPTY).revision()).isEqualTo(1);
    assertThat(writes).isEqualTo(3);
    assertThat(log.isDirty(DAY)).isFalse();
    // cleaning an unmarked key writes nothing
    tracked.clean(DAY);
    assertThat(writes).isEqualTo(3);
    // and touching it marks it in one put, keeping its figures
    tracked.touch(DAY, UnitYtd.EMPTY);
    assertThat(writes).isEqualTo(4);
    assertThat(tracked.get(DAY)).isEqualTo(jp(2.0));
    assertThat(log.isDirty(DAY)).isTrue();
  }

  @Test
  void shouldKeepFiguresWrittenElsewhereUnmarked() {
    // given: a key marked, then its record becomes another tree's to write
    final EmissionLog log = new EmissionLog();
    final TrackedStore<UnitYtd> tracked = new TrackedStore<>(store, log);
    tracked.change(EMPLOYEE, tracked.read(EMPLOYEE), jp(1.0));

    // when
    tracked.putUnmarked(EMPLOYEE, jp(4.0));

    // then: the figures follow, no mark is left, in memory or in the entry
    assertThat(tracked.get(EMPLOYEE)).isEqualTo(jp(4.0));
    assertThat(log.isDirty(EMPLOYEE)).isFalse();
    final EmissionLog restarted = new EmissionLog();
    new TrackedStore<>(store, restarted).indexDirty();
    assertThat(restarted.size()).isZero();
  }

  @Test
  void shouldForgetTheMarksOfAClosedPeriodAndGoThroughTheRestInBoundedSteps() {
    // given
    final EmissionLog log = new EmissionLog();
    final TrackedStore<UnitYtd> tracked = new TrackedStore<>(store, log);
    for (final String key :
        List.of("D|2025-03-10|A", "D|2025-03-10|B", "D|2025-03-11|A", "W|2025-03-10|A", YEAR)) {
      tracked.change(key, tracked.read(key), jp(1.0));
    }

    // when: the Monday closes
    tracked.forgetMarks("D|2025-03-10|");

    // then: its marks are gone, the others are taken two at a time in key order
    assertThat(tracked.dirtyKeys("D|", null, 10)).containsExactly("D|2025-03-11|A");
    assertThat(log.drainDirty(null, 2)).containsExactly("D|2025-03-11|A", "W|2025-03-10|A");
    assertThat(log.drainDirty("W|2025-03-10|A", 2)).containsExactly(YEAR);
    assertThat(log.size()).isZero();
  }

  private static UnitYtd jp(final double total) {
    return UnitYtd.EMPTY.with(total, 20.0, 1);
  }

  @SuppressWarnings("unchecked")
  private KeyValueStore<String, Tracked<UnitYtd>> counting(
      final KeyValueStore<String, Tracked<UnitYtd>> delegate) {
    return (KeyValueStore<String, Tracked<UnitYtd>>)
        Proxy.newProxyInstance(
            KeyValueStore.class.getClassLoader(),
            new Class<?>[] {KeyValueStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("put") || method.getName().equals("delete")) {
                writes++;
              }
              return method.invoke(delegate, args);
            });
  }
}
