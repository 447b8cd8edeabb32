package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.CalendarYear;
import id.go.bkn.asn.function.Ratios;
import id.go.bkn.asn.function.SatisfactionFigures;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import java.time.Instant;

/**
 * Builds the published records of the tree stage from its counters (CONTRACT.md sections 4 and 5):
 * rates through {@link Ratios} (null on a zero denominator), satisfaction through {@link
 * SatisfactionFigures} with the configured k. Pure; no employee id reaches a unit record.
 */
public final class TreeRecords {

  private TreeRecords() {}

  /**
   * A unit's DAY or WEEK record.
   *
   * @param unit the unit's place in its tree
   * @param window the window
   * @param status PROVISIONAL or FINAL
   * @param revision records written for this key, this one included
   * @param headcount active employees of the subtree as of the window end
   * @param counts the subtree's counts
   * @param minResponses k of the satisfaction suppression
   * @param emittedAt the wall clock
   */
  public static UnitActivity activity(
      final UnitInfo unit,
      final CalendarWindow window,
      final RecordStatus status,
      final int revision,
      final int headcount,
      final WindowCounts counts,
      final int minResponses,
      final Instant emittedAt) {
    final SatisfactionFigures satisfaction =
        SatisfactionFigures.of(
            counts.satisfaction(), counts.respondents(), counts.engaged(), minResponses);
    final int attended = counts.present() + counts.late();
    return UnitActivity.newBuilder()
        .setUnitId(unit.unitId())
        .setUnitName(unit.name())
        .setParentUnitId(unit.parentUnitId())
        .setDepth(unit.depth())
        .setLeaf(unit.leaf())
        .setWindowSize(window.size())
        .setWindowStart(window.start())
        .setWindowEnd(window.end())
        .setStatus(status)
        .setRevision(revision)
        .setHeadcount(headcount)
        .setEnrollments(counts.enrollments())
        .setWithdrawals(counts.withdrawals())
        .setCompletions(counts.completions())
        .setParticipants(counts.participants())
        .setParticipationRate(
            Ratios.ratio(counts.participants(), headcount + Math.max(0, counts.departed())))
        .setPresent(counts.present())
        .setLate(counts.late())
        .setAbsent(counts.absent())
        .setExcused(counts.excused())
        .setAttendanceRate(Ratios.ratio(attended, attended + counts.absent()))
        .setJpDelivered(counts.jpDelivered())
        .setFeedbackResponses((int) counts.satisfaction().responses())
        .setResponseRate(satisfaction.responseRate())
        .setSatisfactionSuppressed(satisfaction.suppressed())
        .setSatisfactionMean(satisfaction.mean())
        .setSatisfactionIndex(satisfaction.index())
        .setCareerRelevanceMean(satisfaction.careerRelevanceMean())
        .setNps(satisfaction.nps())
        .setEmittedAt(emittedAt)
        .build();
  }

  /**
   * A unit's year-to-date record.
   *
   * @param unit the unit's place in its tree
   * @param year the calendar year
   * @param status PROVISIONAL or FINAL
   * @param revision records written for this key, this one included
   * @param asOf the latest event time reflected (clamped to the year)
   * @param headcount active employees of the subtree
   * @param ytd the subtree's counters
   * @param targetJp the yearly target
   * @param emittedAt the wall clock
   */
  public static UnitJpProgress jpProgress(
      final UnitInfo unit,
      final CalendarYear year,
      final RecordStatus status,
      final int revision,
      final Instant asOf,
      final int headcount,
      final UnitYtd ytd,
      final double targetJp,
      final Instant emittedAt) {
    final Instant clamped = asOf.isAfter(year.end()) ? year.end() : asOf;
    return UnitJpProgress.newBuilder()
        .setUnitId(unit.unitId())
        .setUnitName(unit.name())
        .setParentUnitId(unit.parentUnitId())
        .setDepth(unit.depth())
        .setLeaf(unit.leaf())
        .setYear(year.year())
        .setStatus(status)
        .setRevision(revision)
        .setAsOf(clamped)
        .setHeadcount(headcount)
        .setTargetJp(targetJp)
        .setEmployeesMeetingTarget(ytd.employeesMeetingTarget())
        .setEmployeesZeroJp(Math.max(0, headcount - ytd.employeesWithJp()))
        .setTotalJp(ytd.totalJp())
        .setMeanJp(Ratios.ratio(ytd.totalJp(), headcount))
        .setAttainmentRatio(Ratios.ratio(ytd.employeesMeetingTarget(), headcount))
        .setExpectedAttainment(year.elapsedFraction(clamped))
        .setEmittedAt(emittedAt)
        .build();
  }

  /** An employee's year-to-date record (restricted topic). */
  public static EmployeeJpProgress employeeProgress(
      final String employeeId,
      final String unitId,
      final int year,
      final EmployeeYtd ytd,
      final double targetJp,
      final Instant emittedAt) {
    return EmployeeJpProgress.newBuilder()
        .setEmployeeId(employeeId)
        .setUnitId(unitId)
        .setYear(year)
        .setJpTotal(ytd.jpTotal())
        .setSessionsAttended(ytd.sessionsAttended())
        .setProgramsCompleted(ytd.programsCompleted())
        .setMeetsTarget(ytd.jpTotal() >= targetJp)
        .setEmittedAt(emittedAt)
        .build();
  }
}
