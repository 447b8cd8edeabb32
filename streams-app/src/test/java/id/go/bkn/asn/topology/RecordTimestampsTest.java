package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.NOW;
import static id.go.bkn.asn.topology.IngestFixture.attendance;
import static id.go.bkn.asn.topology.IngestFixture.employee;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timestamps of the records the topology writes (docs/design/time.md): set-aside records carry
 * the time they were set aside, whatever their occurredAt; nothing carries a time ahead of the wall
 * clock; a roster version dated ahead waits until it takes effect, and one older than the roster's
 * history still counts.
 */
class RecordTimestampsTest {

  private static final String NIP = "198703152010011002";

  @TempDir Path stateDir;

  @Test
  void shouldStampDeadLetterWithSetAsideTimeWhenEventIsThreeDaysAhead() {
    try (IngestFixture fixture = new IngestFixture(stateDir)) {
      // given
      fixture.roster(NIP, "DINKES", true, LONG_AGO);
      final Instant ahead = NOW.plus(Duration.ofDays(3));

      // when: produced now, dated three days ahead
      fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2, ahead), NOW);

      // then: set aside at the clock's now, which the broker accepts and keeps for 30 days
      final TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
      assertThat(IngestStageTest.text(dead.headers(), DeadLetterHeaders.REASON))
          .isEqualTo(DeadLetterReason.FUTURE_TIMESTAMP.name());
      assertThat(dead.timestamp()).isEqualTo(NOW.toEpochMilli());
    }
  }

  @Test
  void shouldStampDeadLetterWithSetAsideTimeWhenEventIsYearsOld() {
    try (IngestFixture fixture = new IngestFixture(stateDir)) {
      // given: an employee unknown to the roster, an event dated 2001
      final Instant old = Instant.parse("2001-05-01T02:00:00Z");

      // when
      fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2, old), old);

      // then: not dated 2001, which the topic's retention would delete at its next check
      final TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
      assertThat(dead.timestamp()).isEqualTo(NOW.toEpochMilli());
    }
  }

  @Test
  void shouldNeverForwardAheadOfRecordTimeWhenEventIsWithinTheSkew() {
    try (IngestFixture fixture = new IngestFixture(stateDir)) {
      // given
      fixture.roster(NIP, "DINKES", true, LONG_AGO);
      final Instant ahead = NOW.plus(Duration.ofMinutes(50));

      // when: accepted (within the hour of skew), produced now
      fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2, ahead), NOW);

      // then: its record time is capped at the record's own time; occurredAt travels in the value
      final List<TestRecord<String, TreeMessage>> out = fixture.tree.readRecordsToList();
      assertThat(out).hasSize(2);
      final TestRecord<String, TreeMessage> event = out.get(1);
      assertThat(event.value().getKind()).isEqualTo(TreeMessageKind.ATTENDANCE);
      assertThat(event.value().getOccurredAt()).isEqualTo(ahead);
      assertThat(event.timestamp()).isEqualTo(NOW.toEpochMilli());
    }
  }

  @Test
  void shouldHoldRosterVersionUntilItTakesEffectWhenEffectiveFromIsNextMonth() {
    final MutableClock wall = new MutableClock(NOW);
    try (IngestFixture fixture = new IngestFixture(stateDir, wall)) {
      // given
      fixture.roster(NIP, "DINKES", true, LONG_AGO);
      fixture.tree.readRecordsToList();
      final Instant nextMonth = NOW.plus(Duration.ofDays(30));

      // when: a transfer scheduled for next month, published now
      fixture.employees.pipeInput(NIP, employee(NIP, "DISDIK", true, nextMonth), NOW);
      fixture.driver.advanceWallClockTime(Duration.ofMinutes(1));

      // then: nothing yet, and an event of today still belongs to the old unit
      assertThat(fixture.tree.readRecordsToList()).isEmpty();
      fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2, NOW), NOW);
      assertThat(fixture.tree.readRecord().value().getUnitId()).isEqualTo("DINKES");

      // when: the month has passed
      wall.set(nextMonth.plus(Duration.ofMinutes(1)));
      fixture.driver.advanceWallClockTime(Duration.ofDays(30));

      // then: the transfer goes on, stamped with the wall clock, effectiveFrom in the value
      final List<TestRecord<String, TreeMessage>> changes = fixture.tree.readRecordsToList();
      final List<TestRecord<String, TreeMessage>> roster =
          changes.stream().filter(r -> r.value().getKind() == TreeMessageKind.ROSTER).toList();
      assertThat(roster).hasSize(1);
      assertThat(roster.get(0).value().getUnitId()).isEqualTo("DISDIK");
      assertThat(roster.get(0).value().getOccurredAt()).isEqualTo(nextMonth);
      assertThat(roster.get(0).timestamp()).isLessThanOrEqualTo(wall.millis());
      final Instant after = nextMonth.plus(Duration.ofMinutes(30));
      fixture.attendance.pipeInput(NIP, attendance("a-2", NIP, 2, after), after);
      final TestRecord<String, TreeMessage> event = fixture.tree.readRecord();
      assertThat(event.value().getUnitId()).isEqualTo("DISDIK");
    }
  }

  @Test
  void shouldKeepVersionOlderThanRosterHistoryWhenItIsTheEmployeesCurrentOne() {
    try (IngestFixture fixture = new IngestFixture(stateDir)) {
      // given: another employee's recent version, then a hire of 1995 never changed since
      fixture.roster("OTHER", "DISDIK", true, NOW.minus(Duration.ofDays(1)));
      fixture.employees.pipeInput(
          NIP, employee(NIP, "DINKES", true, Instant.parse("1995-01-02T00:00:00Z")), NOW);
      fixture.tree.readRecordsToList();

      // when
      fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2, NOW), NOW);

      // then: attributed, not UNKNOWN_EMPLOYEE
      assertThat(fixture.deadLetters.isEmpty()).isTrue();
      assertThat(fixture.tree.readRecord().value().getUnitId()).isEqualTo("DINKES");
    }
  }

  @Test
  void shouldStampLateEventWithSetAsideTimeWhenItIsDated2001() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given: a clock set by an event of this week
      fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
      fx.tick(wib("2025-03-10T10:00"));
      fx.drain();

      // when: a session dated 2001
      final long setAside = fx.wall.millis();
      fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2001-03-12T09:00")));
      fx.punctuate();
      fx.drain();

      // then: set aside, stamped with the wall clock, not 2001
      assertThat(fx.lateRecords).hasSize(1);
      assertThat(fx.lateRecords.get(0).timestamp()).isEqualTo(setAside);
    }
  }
}
