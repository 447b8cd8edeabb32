package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A2;
import static id.go.bkn.asn.topology.TreeFixture.retraction;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramMessageKind;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.schema.RecordStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tree stage sends on to the programme stage for attendance: only what changes what that
 * stage counts (the employee's first attendance of a programme's week, their first PRESENT or LATE
 * one, the retraction of their last), not one message per session (docs/design/tree-stage.md, "The
 * programme stage hears of changes only").
 */
class TreeStageProgrammeMessagesTest {

  @TempDir Path stateDir;

  @Test
  void shouldSendAnAttendanceOnlyWhenItChangesWhatTheProgrammeStageCounts() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1: an ABSENT, then three PRESENT sessions on three days of the week, one of them in
      // another unit after a transfer inside the tree; E2: only EXCUSED and ABSENT
      fx.pipe(
          fx.attendance("E1", KEL_A1, "ABSENT", 2, wib("2025-03-10T09:00")),
          fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T13:00")),
          fx.attendance("E1", KEL_A1, "LATE", 2, wib("2025-03-11T09:00")),
          fx.attendance("E1", KEL_A2, "PRESENT", 2, wib("2025-03-12T09:00")),
          fx.attendance("E2", KEL_A1, "EXCUSED", 2, wib("2025-03-10T09:00")),
          fx.attendance("E2", KEL_A1, "ABSENT", 2, wib("2025-03-11T09:00")));
      // when
      fx.drain();
      // then E1's week is touched once and started once; E2's touched once
      assertThat(attendance(fx.programRecords))
          .extracting(ProgramMessage::getEmployeeId, ProgramMessage::getStatus)
          .containsExactly(tuple("E1", "ABSENT"), tuple("E1", "PRESENT"), tuple("E2", "EXCUSED"));
      // and every one of those sessions still counts in the unit figures
      fx.punctuate();
      fx.drain();
      assertThat(
              fx.lastWeekly(TreeFixture.KOTA, "2025-03-10", RecordStatus.PROVISIONAL).getPresent())
          .isEqualTo(2);
      assertThat(fx.lastWeekly(TreeFixture.KOTA, "2025-03-10", RecordStatus.PROVISIONAL).getLate())
          .isEqualTo(1);
      assertThat(
              fx.lastWeekly(TreeFixture.KOTA, "2025-03-10", RecordStatus.PROVISIONAL)
                  .getParticipants())
          .isEqualTo(1);
    }
  }

  @Test
  void shouldRetractOnlyTheLastSessionOfTheWeekFromTheProgrammeStage() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given two PRESENT sessions of E1 in the week
      final TreeMessage monday = fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00"));
      final TreeMessage tuesday =
          fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-11T09:00"));
      fx.pipe(monday, tuesday);
      fx.drain();
      assertThat(attendance(fx.programRecords)).hasSize(1);
      // when Monday's is corrected to ABSENT: E1 still takes part through Tuesday's
      fx.pipe(retraction(monday), fx.attendance("E1", KEL_A1, "ABSENT", 2, monday.getOccurredAt()));
      fx.drain();
      // then nothing changes for the programme stage
      assertThat(attendance(fx.programRecords)).hasSize(1);
      // when Tuesday's is corrected to ABSENT too
      fx.pipe(
          retraction(tuesday), fx.attendance("E1", KEL_A1, "ABSENT", 2, tuesday.getOccurredAt()));
      fx.drain();
      // then the programme stage hears that E1 stopped taking part, and nothing for the ABSENT
      final List<ProgramMessage> sent = attendance(fx.programRecords);
      assertThat(sent)
          .extracting(ProgramMessage::getStatus, ProgramMessage::getRetraction)
          .containsExactly(tuple("PRESENT", null), tuple("PRESENT", true));
      // when Tuesday's is corrected back to PRESENT
      fx.pipe(
          retraction(fx.attendance("E1", KEL_A1, "ABSENT", 2, tuesday.getOccurredAt())),
          fx.attendance("E1", KEL_A1, "PRESENT", 2, tuesday.getOccurredAt()));
      fx.drain();
      // then E1 starts taking part again
      assertThat(attendance(fx.programRecords))
          .extracting(ProgramMessage::getStatus, ProgramMessage::getRetraction)
          .containsExactly(tuple("PRESENT", null), tuple("PRESENT", true), tuple("PRESENT", null));
    }
  }

  private static List<ProgramMessage> attendance(
      final List<org.apache.kafka.streams.test.TestRecord<String, ProgramMessage>> records) {
    return records.stream()
        .map(org.apache.kafka.streams.test.TestRecord::value)
        .filter(m -> m.getKind() == ProgramMessageKind.ATTENDANCE)
        .toList();
  }
}
