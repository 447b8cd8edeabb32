package id.go.bkn.asn.view;

import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.Delivery;
import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.Severity;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroClassTrust;
import java.time.Duration;
import java.time.Instant;

/**
 * Aggregate records for the view's and the API's tests, with only the figures a test cares about to
 * set.
 */
public final class ViewRecords {

  /** Monday 2026-11-02 00:00 WIB. */
  public static final Instant WEEK1 = Instant.parse("2026-11-01T17:00:00Z");

  public static final Instant WEEK2 = week(2);
  public static final Instant WEEK3 = week(3);

  static {
    // Copying a record through its builder deep-copies enums, which Avro 1.12 allows only for
    // trusted packages.
    AvroClassTrust.trustPackageOf(UnitActivity.class);
  }

  private ViewRecords() {}

  public static Instant week(final int n) {
    return WEEK1.plus(Duration.ofDays(7L * (n - 1)));
  }

  public static WorkUnit unit(final String id, final String parent) {
    return WorkUnit.newBuilder()
        .setUnitId(id)
        .setName("Unit " + id)
        .setKind(parent == null ? "PEMDA" : "DINAS")
        .setParentUnitId(parent)
        .setActive(true)
        .build();
  }

  /** A weekly record with {@code participants} of {@code headcount} and some attendance. */
  public static UnitActivity week(
      final String unit,
      final Instant start,
      final RecordStatus status,
      final int revision,
      final int headcount,
      final int participants) {
    final int present = participants * 2;
    final int absent = participants;
    return UnitActivity.newBuilder()
        .setUnitId(unit)
        .setUnitName("Unit " + unit)
        .setParentUnitId(null)
        .setDepth(0)
        .setLeaf(false)
        .setWindowSize(WindowSize.WEEK)
        .setWindowStart(start)
        .setWindowEnd(start.plus(Duration.ofDays(7)))
        .setStatus(status)
        .setRevision(revision)
        .setHeadcount(headcount)
        .setEnrollments(participants)
        .setWithdrawals(0)
        .setCompletions(0)
        .setParticipants(participants)
        .setParticipationRate(headcount == 0 ? null : (double) participants / headcount)
        .setPresent(present)
        .setLate(0)
        .setAbsent(absent)
        .setExcused(0)
        .setAttendanceRate(present + absent == 0 ? null : (double) present / (present + absent))
        .setJpDelivered(present * 2.0)
        .setFeedbackResponses(participants)
        .setResponseRate(participants == 0 ? null : 1.0)
        .setSatisfactionSuppressed(participants < 5)
        .setSatisfactionMean(participants < 5 ? null : 4.0)
        .setSatisfactionIndex(participants < 5 ? null : 80.0)
        .setCareerRelevanceMean(participants < 5 ? null : 3.5)
        .setNps(participants < 5 ? null : 10.0)
        .setEmittedAt(start.plus(Duration.ofDays(1)))
        .build();
  }

  public static UnitActivity day(
      final String unit, final Instant start, final RecordStatus status, final int participants) {
    final UnitActivity week = week(unit, start, status, 1, 100, participants);
    return UnitActivity.newBuilder(week)
        .setWindowSize(WindowSize.DAY)
        .setWindowEnd(start.plus(Duration.ofDays(1)))
        .build();
  }

  public static UnitJpProgress ytd(
      final String unit, final int year, final int revision, final int headcount) {
    return UnitJpProgress.newBuilder()
        .setUnitId(unit)
        .setUnitName("Unit " + unit)
        .setParentUnitId(null)
        .setDepth(0)
        .setLeaf(false)
        .setYear(year)
        .setStatus(RecordStatus.PROVISIONAL)
        .setRevision(revision)
        .setAsOf(WEEK2)
        .setHeadcount(headcount)
        .setTargetJp(20)
        .setEmployeesMeetingTarget(headcount / 4)
        .setEmployeesZeroJp(headcount / 2)
        .setTotalJp(headcount * 6.0)
        .setMeanJp(headcount == 0 ? null : 6.0)
        .setAttainmentRatio(headcount == 0 ? null : 0.25)
        .setExpectedAttainment(0.85)
        .setEmittedAt(WEEK2)
        .build();
  }

  public static TrainingProgram program(final String id, final OrganizerKind kind) {
    return TrainingProgram.newBuilder()
        .setProgramId(id)
        .setTitle("Pelatihan " + id)
        .setTrainingType("PKA")
        .setOrganizer("Universitas Contoh")
        .setOrganizerKind(kind)
        .setTotalJp(20)
        .setDelivery(Delivery.BLENDED)
        .build();
  }

  public static ProgramSatisfaction programWeek(
      final String id,
      final Instant start,
      final RecordStatus status,
      final int participants,
      final Double index) {
    return ProgramSatisfaction.newBuilder()
        .setProgramId(id)
        .setTitle("Pelatihan " + id)
        .setTrainingType("PKA")
        .setOrganizer("Universitas Contoh")
        .setOrganizerKind(OrganizerKind.UNIVERSITY)
        .setWindowStart(start)
        .setWindowEnd(start.plus(Duration.ofDays(7)))
        .setStatus(status)
        .setRevision(1)
        .setParticipants(participants)
        .setFeedbackResponses(participants)
        .setResponseRate(participants == 0 ? null : 1.0)
        .setSatisfactionSuppressed(index == null)
        .setSatisfactionMean(index == null ? null : index / 20)
        .setSatisfactionIndex(index)
        .setCareerRelevanceMean(index == null ? null : 3.0)
        .setNps(index == null ? null : -20.0)
        .setEmittedAt(start)
        .build();
  }

  public static ParticipationAlert alert(
      final String unit, final AlertRule rule, final Severity severity, final AlertState state) {
    return ParticipationAlert.newBuilder()
        .setAlertId(unit + "|" + rule + "|" + WEEK1)
        .setUnitId(unit)
        .setUnitName("Unit " + unit)
        .setRule(rule)
        .setSeverity(severity)
        .setState(state)
        .setWindowStart(WEEK1)
        .setWindowEnd(WEEK2)
        .setValue(0.01)
        .setThreshold(0.05)
        .setMessage("Partisipasi rendah")
        .setEmittedAt(WEEK2)
        .build();
  }
}
