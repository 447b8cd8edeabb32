package id.go.bkn.asn.topology;

import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.ProgramWeek;
import id.go.bkn.asn.function.SatisfactionStats;
import id.go.bkn.asn.internal.ProgramWeekState;
import id.go.bkn.asn.schema.WindowSize;

/**
 * Converts a {@link ProgramWeek} to and from its stored form, the internal Avro record of the
 * {@code program-weeks} store, so that the store's format can evolve with Avro's rules while the
 * logic works on an immutable value.
 */
final class ProgramWeekStates {

  private ProgramWeekStates() {}

  static ProgramWeekState toState(final ProgramWeek week) {
    final SatisfactionStats stats = week.stats();
    return ProgramWeekState.newBuilder()
        .setProgramId(week.programId())
        .setWindowStart(week.week().start())
        .setWindowEnd(week.week().end())
        .setParticipants(week.participants())
        .setResponses(stats.responses())
        .setOverallSum(stats.overallSum())
        .setCareerRelevanceAnswered(stats.careerRelevanceAnswered())
        .setCareerRelevanceSum(stats.careerRelevanceSum())
        .setRecommendAnswered(stats.recommendAnswered())
        .setPromoters(stats.promoters())
        .setDetractors(stats.detractors())
        .setRespondents(week.respondents())
        .setEngaged(week.engaged())
        .setRevision(week.revision())
        .setChanged(week.changed())
        .build();
  }

  static ProgramWeek fromState(final ProgramWeekState state) {
    return new ProgramWeek(
        state.getProgramId(),
        new CalendarWindow(WindowSize.WEEK, state.getWindowStart(), state.getWindowEnd()),
        state.getParticipants(),
        new SatisfactionStats(
            state.getResponses(),
            state.getOverallSum(),
            state.getCareerRelevanceAnswered(),
            state.getCareerRelevanceSum(),
            state.getRecommendAnswered(),
            state.getPromoters(),
            state.getDetractors()),
        state.getRespondents(),
        state.getEngaged(),
        state.getRevision(),
        state.getChanged());
  }
}
