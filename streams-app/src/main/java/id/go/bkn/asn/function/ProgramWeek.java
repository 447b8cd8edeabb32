package id.go.bkn.asn.function;

import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WindowSize;
import java.time.Instant;
import java.util.Objects;

/**
 * The running figures of one programme in one WIB week, as the programme stage keeps them: distinct
 * participants (the stage decides who is new), the feedback sums, how many records were written for
 * the week and whether anything changed since the last one. Immutable; each step returns a new
 * value. {@link #toRecord} turns it into the contract's ProgramSatisfaction, which carries counts
 * and figures only, never an employee.
 *
 * @param programId the programme
 * @param week the WEEK window
 * @param participants distinct employees with PRESENT or LATE attendance
 * @param stats the feedback sums, anonymous responses included
 * @param respondents distinct employees who answered, plus each anonymous response (one person
 *     each, as nothing tells two anonymous answers apart)
 * @param engaged distinct employees who took part or answered, plus each anonymous response: the
 *     response rate's denominator, so that rate never exceeds 1
 * @param revision records written for this programme week so far
 * @param changed whether something was counted since the last record
 */
public record ProgramWeek(
    String programId,
    CalendarWindow week,
    int participants,
    SatisfactionStats stats,
    int respondents,
    int engaged,
    int revision,
    boolean changed) {

  /**
   * What an unknown programme is published as, besides its id as title: no training type and no
   * organiser, organiser kind OTHER.
   */
  public static final String UNKNOWN = "";

  /** Checks the window is a week and the counts are not negative. */
  public ProgramWeek {
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(week, "week");
    Objects.requireNonNull(stats, "stats");
    if (week.size() != WindowSize.WEEK) {
      throw new IllegalArgumentException("a programme week needs a WEEK window: " + week);
    }
    if (participants < 0 || revision < 0 || respondents < 0 || engaged < respondents) {
      throw new IllegalArgumentException(
          "negative participants or revision, or more respondents than people engaged");
    }
  }

  /** A week with nothing counted and nothing written yet. */
  public static ProgramWeek open(final String programId, final CalendarWindow week) {
    return new ProgramWeek(programId, week, 0, SatisfactionStats.EMPTY, 0, 0, 0, false);
  }

  /**
   * Activity that changes no figure (ABSENT or EXCUSED, or a participant already counted): the week
   * still had activity, so it gets a record.
   */
  public ProgramWeek touched() {
    return new ProgramWeek(
        programId, week, participants, stats, respondents, engaged, revision, true);
  }

  /** One more distinct participant. */
  public ProgramWeek withParticipant() {
    return new ProgramWeek(
        programId, week, participants + 1, stats, respondents, engaged, revision, true);
  }

  /**
   * One more feedback response.
   *
   * @throws IllegalArgumentException when a rating is out of range (see {@link SatisfactionStats})
   */
  public ProgramWeek withFeedback(
      final int overall, final Integer careerRelevance, final Integer recommend) {
    return new ProgramWeek(
        programId,
        week,
        participants,
        stats.add(overall, careerRelevance, recommend),
        respondents,
        engaged,
        revision,
        true);
  }

  /** One distinct participant fewer: a correction retracted their only session of the week. */
  public ProgramWeek withoutParticipant() {
    return new ProgramWeek(
        programId, week, participants - 1, stats, respondents, engaged, revision, true);
  }

  /** Distinct respondents ({@code respondent} 0 or 1) and people engaged (-1, 0 or 1) added. */
  public ProgramWeek withPeople(final int respondent, final int engagedOne) {
    return new ProgramWeek(
        programId,
        week,
        participants,
        stats,
        respondents + respondent,
        engaged + engagedOne,
        revision,
        true);
  }

  /** The week after one more record was written for it. */
  public ProgramWeek written() {
    return new ProgramWeek(
        programId, week, participants, stats, respondents, engaged, revision + 1, false);
  }

  /**
   * The record of this week with the current revision (call on the {@link #written()} value).
   *
   * @param program the programme's reference data, or null when the programme is unknown: the
   *     record then has the id as title, {@link #UNKNOWN} training type and organiser, and
   *     organiser kind OTHER, so that its figures are published anyway
   * @param status PROVISIONAL or FINAL
   * @param minResponses k: fewer responses suppress every satisfaction figure
   * @param emittedAt the wall-clock time of writing
   */
  public ProgramSatisfaction toRecord(
      final TrainingProgram program,
      final RecordStatus status,
      final int minResponses,
      final Instant emittedAt) {
    final SatisfactionFigures figures =
        SatisfactionFigures.of(stats, respondents, engaged, minResponses);
    return ProgramSatisfaction.newBuilder()
        .setProgramId(programId)
        .setTitle(program == null ? programId : program.getTitle())
        .setTrainingType(program == null ? UNKNOWN : program.getTrainingType())
        .setOrganizer(program == null ? UNKNOWN : program.getOrganizer())
        .setOrganizerKind(program == null ? OrganizerKind.OTHER : program.getOrganizerKind())
        .setWindowStart(week.start())
        .setWindowEnd(week.end())
        .setStatus(status)
        .setRevision(revision)
        .setParticipants(participants)
        .setFeedbackResponses(Math.toIntExact(stats.responses()))
        .setResponseRate(figures.responseRate())
        .setSatisfactionSuppressed(figures.suppressed())
        .setSatisfactionMean(figures.mean())
        .setSatisfactionIndex(figures.index())
        .setCareerRelevanceMean(figures.careerRelevanceMean())
        .setNps(figures.nps())
        .setEmittedAt(emittedAt)
        .build();
  }
}
