package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgramWeekTest {

  private static final CalendarWindow WEEK =
      JakartaCalendar.week(Instant.parse("2025-03-04T03:00:00Z"));
  private static final Instant NOW = Instant.parse("2025-03-05T00:00:00Z");

  @Test
  void shouldCountRevisionsWhenWrittenTwice() {
    final ProgramWeek week = ProgramWeek.open("P", WEEK).withParticipant().written().written();

    assertThat(week.revision()).isEqualTo(2);
    assertThat(week.changed()).isFalse();
    assertThat(week.toRecord(null, RecordStatus.FINAL, 5, NOW).getRevision()).isEqualTo(2);
  }

  @Test
  void shouldMarkChangedWhenOnlyAnAbsenceWasCounted() {
    final ProgramWeek week = ProgramWeek.open("P", WEEK).touched();

    assertThat(week.changed()).isTrue();
    assertThat(week.participants()).isZero();
  }

  @Test
  void shouldGiveNullResponseRateWhenThereAreNoParticipants() {
    final ProgramSatisfaction record =
        ProgramWeek.open("P", WEEK)
            .withFeedback(4, null, null)
            .written()
            .toRecord(null, RecordStatus.PROVISIONAL, 1, NOW);

    assertThat(record.getResponseRate()).isNull();
    assertThat(record.getSatisfactionMean()).isEqualTo(4.0);
    assertThat(record.getCareerRelevanceMean()).isNull();
    assertThat(record.getNps()).isNull();
  }

  @Test
  void shouldUseIdAsTitleAndOtherWhenTheProgrammeIsUnknown() {
    final ProgramSatisfaction record =
        ProgramWeek.open("PRG-9", WEEK).written().toRecord(null, RecordStatus.FINAL, 5, NOW);

    assertThat(record.getTitle()).isEqualTo("PRG-9");
    assertThat(record.getTrainingType()).isEmpty();
    assertThat(record.getOrganizer()).isEmpty();
    assertThat(record.getOrganizerKind()).isEqualTo(OrganizerKind.OTHER);
    assertThat(record.getWindowStart()).isEqualTo(WEEK.start());
    assertThat(record.getEmittedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldRefuseADayWindowWhenOpened() {
    final CalendarWindow day = JakartaCalendar.day(NOW);

    assertThatThrownBy(() -> ProgramWeek.open("P", day))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
