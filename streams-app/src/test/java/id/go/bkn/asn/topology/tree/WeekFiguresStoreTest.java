package id.go.bkn.asn.topology.tree;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.JakartaCalendar;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One entry per unit and week holds the week's and its days' figures: a day and its week are one
 * entry, each window keeps its own revision and mark, the dirty set still names each window, a
 * window's figures stay readable after its close until the entry is next written, and the stored
 * form reads back.
 */
class WeekFiguresStoreTest {

  private static final CalendarWindow MONDAY = JakartaCalendar.day(wib("2025-03-10T09:00"));
  private static final CalendarWindow TUESDAY = JakartaCalendar.day(wib("2025-03-11T09:00"));
  private static final CalendarWindow WEEK = JakartaCalendar.week(wib("2025-03-10T09:00"));
  private static final String UNIT = "KEL-A1";

  private KeyValueStore<String, WeekFigures> store;
  private final Set<CalendarWindow> finalized = new HashSet<>();

  @BeforeEach
  void setUp() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("weeks"), Serdes.String(), WeekFigures.SERDE)
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void shouldKeepADayAndItsWeekInOneEntryWithTheirOwnRevisionsAndMarks() {
    // given Monday and the week counted for the unit, in one write
    final EmissionLog log = new EmissionLog();
    final WeekFiguresStore weeks = new WeekFiguresStore(store, log, finalized::contains);
    final WeekFigures read = weeks.read(MONDAY, UNIT);
    final WeekFigures counted =
        read.with(SeenWeek.slot(MONDAY), changed(present(1)))
            .with(SeenWeek.slot(WEEK), changed(present(1)));
    weeks.write(MONDAY, UNIT, read, counted);
    weeks.markDirty(MONDAY, UNIT);
    weeks.markDirty(WEEK, UNIT);
    // then one entry, under the week's key, and the dirty set names both windows
    assertThat(store.approximateNumEntries()).isEqualTo(1);
    assertThat(store.get("W|2025-03-10|KEL-A1")).isEqualTo(counted);
    assertThat(log.drainDirty(null, 10))
        .containsExactly("D|2025-03-10|KEL-A1", "W|2025-03-10|KEL-A1");
    // when Monday's record is written
    final Tracked<WindowCounts> monday = weeks.written(MONDAY, UNIT);
    // then it counts as written, the week's figures stay marked
    assertThat(monday.revision()).isEqualTo(1);
    assertThat(monday.figures()).isEqualTo(present(1));
    assertThat(weeks.figures(MONDAY, UNIT).dirty()).isFalse();
    assertThat(weeks.figures(WEEK, UNIT).dirty()).isTrue();
    assertThat(weeks.figures(TUESDAY, UNIT)).isNull();
  }

  @Test
  void shouldFindAfterARestartEveryWindowChangedSinceItsLastRecord() {
    // given Monday, Tuesday and the week changed, Monday's record written since
    final WeekFiguresStore before = new WeekFiguresStore(store, new EmissionLog(), w -> false);
    WeekFigures read = before.read(WEEK, UNIT);
    before.write(
        WEEK,
        UNIT,
        read,
        read.with(SeenWeek.slot(MONDAY), changed(present(1)))
            .with(SeenWeek.slot(TUESDAY), changed(present(2)))
            .with(SeenWeek.slot(WEEK), changed(present(3))));
    before.written(MONDAY, UNIT);
    // when the task starts again on the same store
    final EmissionLog log = new EmissionLog();
    new WeekFiguresStore(store, log, w -> false).indexDirty();
    // then the rebuilt set holds Tuesday and the week, under their own keys
    assertThat(log.drainDirty(null, 10))
        .containsExactly("D|2025-03-11|KEL-A1", "W|2025-03-10|KEL-A1");
    assertThat(WeekFiguresStore.windowKey("W|2025-03-10|KEL-A1", 7))
        .isEqualTo("D|2025-03-16|KEL-A1");
  }

  @Test
  void shouldKeepAClosedDaysFiguresUntilItsCloseIsDoneThenDropThemAtTheNextWrite() {
    // given Monday and the week counted
    final WeekFiguresStore weeks =
        new WeekFiguresStore(store, new EmissionLog(), finalized::contains);
    WeekFigures read = weeks.read(WEEK, UNIT);
    weeks.write(
        WEEK,
        UNIT,
        read,
        read.with(SeenWeek.slot(MONDAY), changed(present(1)))
            .with(SeenWeek.slot(WEEK), changed(present(1))));
    // when Monday's close is done (its FINAL read its figures) and Tuesday is counted
    assertThat(weeks.figures(MONDAY, UNIT).figures()).isEqualTo(present(1));
    finalized.add(MONDAY);
    read = weeks.read(WEEK, UNIT);
    weeks.write(TUESDAY, UNIT, read, read.with(SeenWeek.slot(TUESDAY), changed(present(2))));
    // then Monday's slot is gone, Tuesday's and the week's are there
    assertThat(weeks.figures(MONDAY, UNIT)).isNull();
    assertThat(weeks.figures(TUESDAY, UNIT).figures()).isEqualTo(present(2));
    assertThat(weeks.figures(WEEK, UNIT).figures()).isEqualTo(present(1));
    // when every window of the entry is done and it is written once more
    finalized.add(TUESDAY);
    finalized.add(WEEK);
    read = weeks.read(WEEK, UNIT);
    weeks.write(WEEK, UNIT, read, read.with(SeenWeek.slot(WEEK), changed(present(9))));
    // then the entry is gone
    assertThat(store.get("W|2025-03-10|KEL-A1")).isNull();
  }

  @Test
  void shouldReadBackWhatItWritesIncludingLargeAndNegativeCounts() {
    // given every slot, one with a count a correction took below zero and large sums
    WeekFigures week = WeekFigures.EMPTY;
    for (int slot = 0; slot < SeenWeek.SLOTS; slot++) {
      week = week.with(slot, new Tracked<>(present(slot + 1), slot * 1000, slot % 2 == 0));
    }
    final WindowCounts odd =
        WindowCounts.EMPTY.withFeedback(5, 4, 10).withAttendance("LATE", 1.5).withPeople(1, 1, -1);
    week = week.with(3, new Tracked<>(odd, Integer.MAX_VALUE, true));
    // when
    final byte[] bytes = WeekFigures.SERDE.serializer().serialize("t", week);
    // then
    assertThat(WeekFigures.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(week);
    // and a day's figures with small counts take far less than the fixed-width 108 bytes
    final byte[] one =
        WeekFigures.SERDE
            .serializer()
            .serialize("t", WeekFigures.EMPTY.with(1, new Tracked<>(present(3), 2, true)));
    assertThat(one.length).isLessThan(40);
  }

  private static Tracked<WindowCounts> changed(final WindowCounts figures) {
    return new Tracked<>(figures, 0, true);
  }

  private static WindowCounts present(final int sessions) {
    WindowCounts counts = WindowCounts.EMPTY;
    for (int i = 0; i < sessions; i++) {
      counts = counts.withAttendance("PRESENT", 2.0);
    }
    return counts;
  }

  private static java.time.Instant wib(final String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(JakartaCalendar.ZONE).toInstant();
  }
}
