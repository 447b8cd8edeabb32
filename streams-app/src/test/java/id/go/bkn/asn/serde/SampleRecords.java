package id.go.bkn.asn.serde;

import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.Delivery;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.EmploymentType;
import id.go.bkn.asn.schema.EnrollmentAction;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.PositionType;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.Severity;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Realistic Kota Serang records of every contract type, nullable fields both set and null. */
final class SampleRecords {
  static final Instant MONDAY = Instant.parse("2025-03-02T17:00:00Z"); // 2025-03-03 00:00 WIB
  static final Instant SESSION = Instant.parse("2025-03-04T02:30:00Z");

  private SampleRecords() {}

  static List<SpecificRecord> all() {
    return List.of(
        workUnitRoot(),
        workUnitLeaf(),
        employee(),
        program(),
        enrollment(),
        attendance(),
        feedbackAnonymous(),
        feedbackNamed(),
        unitActivitySuppressed(),
        unitActivityFull(),
        unitJp(),
        programSatisfaction(),
        employeeJp(),
        alertFiring(),
        alertResolved());
  }

  static WorkUnit workUnitRoot() {
    return WorkUnit.newBuilder()
        .setUnitId("KOTA-SERANG")
        .setName("Pemerintah Kota Serang")
        .setKind("PEMDA")
        .setParentUnitId(null)
        .setActive(true)
        .build();
  }

  static WorkUnit workUnitLeaf() {
    return WorkUnit.newBuilder()
        .setUnitId("KEL-SERANG-CIPARE")
        .setName("Kelurahan Cipare")
        .setKind("KELURAHAN")
        .setParentUnitId("KEC-SERANG")
        .setActive(false)
        .build();
  }

  static Employee employee() {
    return Employee.newBuilder()
        .setEmployeeId("198703152010011002")
        .setUnitId("DINKES")
        .setEmploymentType(EmploymentType.PPPK)
        .setPositionType(PositionType.FUNCTIONAL)
        .setActive(true)
        .setEffectiveFrom(Instant.parse("2024-01-01T00:00:00Z"))
        .build();
  }

  static TrainingProgram program() {
    return TrainingProgram.newBuilder()
        .setProgramId("PKA-2025-01")
        .setTitle("Pelatihan Kepemimpinan Administrator")
        .setTrainingType("PKA")
        .setOrganizer("BPSDM Provinsi Banten")
        .setOrganizerKind(OrganizerKind.BKPSDM)
        .setTotalJp(240.5)
        .setDelivery(Delivery.BLENDED)
        .build();
  }

  static EnrollmentEvent enrollment() {
    return EnrollmentEvent.newBuilder()
        .setEventId("enr-0001")
        .setEmployeeId("198703152010011002")
        .setProgramId("PKA-2025-01")
        .setRunId("ANGKATAN-3")
        .setAction(EnrollmentAction.WITHDRAWN)
        .setOccurredAt(SESSION)
        .setSource("LMS")
        .build();
  }

  static AttendanceEvent attendance() {
    return AttendanceEvent.newBuilder()
        .setEventId("att-0001")
        .setEmployeeId("198703152010011002")
        .setProgramId("PKA-2025-01")
        .setRunId("ANGKATAN-3")
        .setSessionId("S-07")
        .setStatus(AttendanceStatus.LATE)
        .setSessionJp(3.5)
        .setOccurredAt(SESSION)
        .setSource("SIASN")
        .build();
  }

  static FeedbackEvent feedbackAnonymous() {
    return FeedbackEvent.newBuilder()
        .setEventId("fb-0001")
        .setEmployeeId(null)
        .setProgramId("PKA-2025-01")
        .setRunId("ANGKATAN-3")
        .setOverall(4)
        .setCareerRelevance(null)
        .setRecommend(null)
        .setComment(null)
        .setOccurredAt(SESSION)
        .setSource("LMS")
        .build();
  }

  static FeedbackEvent feedbackNamed() {
    return FeedbackEvent.newBuilder()
        .setEventId("fb-0002")
        .setEmployeeId("199001012015032001")
        .setProgramId("PKA-2025-01")
        .setRunId("ANGKATAN-3")
        .setOverall(5)
        .setCareerRelevance(4)
        .setRecommend(10)
        .setComment("Materi sangat bermanfaat untuk tugas sehari-hari — terima kasih!")
        .setOccurredAt(SESSION)
        .setSource("LMS")
        .build();
  }

  static UnitActivity unitActivitySuppressed() {
    return UnitActivity.newBuilder()
        .setUnitId("KEL-SERANG-CIPARE")
        .setUnitName("Kelurahan Cipare")
        .setParentUnitId("KEC-SERANG")
        .setDepth(2)
        .setLeaf(true)
        .setWindowSize(WindowSize.DAY)
        .setWindowStart(MONDAY)
        .setWindowEnd(MONDAY.plusSeconds(86_400))
        .setStatus(RecordStatus.PROVISIONAL)
        .setRevision(1)
        .setHeadcount(0)
        .setEnrollments(0)
        .setWithdrawals(0)
        .setCompletions(0)
        .setParticipants(0)
        .setParticipationRate(null)
        .setPresent(0)
        .setLate(0)
        .setAbsent(0)
        .setExcused(0)
        .setAttendanceRate(null)
        .setJpDelivered(0.0)
        .setFeedbackResponses(0)
        .setResponseRate(null)
        .setSatisfactionSuppressed(true)
        .setSatisfactionMean(null)
        .setSatisfactionIndex(null)
        .setCareerRelevanceMean(null)
        .setNps(null)
        .setEmittedAt(MONDAY.plusSeconds(3_600))
        .build();
  }

  static UnitActivity unitActivityFull() {
    return UnitActivity.newBuilder()
        .setUnitId("KOTA-SERANG")
        .setUnitName("Pemerintah Kota Serang")
        .setParentUnitId(null)
        .setDepth(0)
        .setLeaf(false)
        .setWindowSize(WindowSize.WEEK)
        .setWindowStart(MONDAY)
        .setWindowEnd(MONDAY.plusSeconds(7 * 86_400))
        .setStatus(RecordStatus.FINAL)
        .setRevision(42)
        .setHeadcount(5210)
        .setEnrollments(120)
        .setWithdrawals(4)
        .setCompletions(37)
        .setParticipants(311)
        .setParticipationRate(311.0 / 5210)
        .setPresent(800)
        .setLate(55)
        .setAbsent(61)
        .setExcused(12)
        .setAttendanceRate(855.0 / 916)
        .setJpDelivered(2564.5)
        .setFeedbackResponses(140)
        .setResponseRate(140.0 / 311)
        .setSatisfactionSuppressed(false)
        .setSatisfactionMean(4.21)
        .setSatisfactionIndex(84.2)
        .setCareerRelevanceMean(3.9)
        .setNps(-12.5)
        .setEmittedAt(MONDAY.plusSeconds(9 * 86_400))
        .build();
  }

  static UnitJpProgress unitJp() {
    return UnitJpProgress.newBuilder()
        .setUnitId("DINKES")
        .setUnitName("Dinas Kesehatan")
        .setParentUnitId("KOTA-SERANG")
        .setDepth(1)
        .setLeaf(true)
        .setYear(2025)
        .setStatus(RecordStatus.PROVISIONAL)
        .setRevision(7)
        .setAsOf(SESSION)
        .setHeadcount(0)
        .setTargetJp(20.0)
        .setEmployeesMeetingTarget(0)
        .setEmployeesZeroJp(0)
        .setTotalJp(0.0)
        .setMeanJp(null)
        .setAttainmentRatio(null)
        .setExpectedAttainment(0.17)
        .setEmittedAt(SESSION.plusSeconds(5))
        .build();
  }

  static ProgramSatisfaction programSatisfaction() {
    return ProgramSatisfaction.newBuilder()
        .setProgramId("PKA-2025-01")
        .setTitle("Pelatihan Kepemimpinan Administrator")
        .setTrainingType("PKA")
        .setOrganizer("LAN RI")
        .setOrganizerKind(OrganizerKind.LAN)
        .setWindowStart(MONDAY)
        .setWindowEnd(MONDAY.plusSeconds(7 * 86_400))
        .setStatus(RecordStatus.FINAL)
        .setRevision(3)
        .setParticipants(30)
        .setFeedbackResponses(27)
        .setResponseRate(0.9)
        .setSatisfactionSuppressed(false)
        .setSatisfactionMean(4.5)
        .setSatisfactionIndex(90.0)
        .setCareerRelevanceMean(null)
        .setNps(33.3)
        .setEmittedAt(MONDAY.plusSeconds(10 * 86_400))
        .build();
  }

  static EmployeeJpProgress employeeJp() {
    return EmployeeJpProgress.newBuilder()
        .setEmployeeId("198703152010011002")
        .setUnitId("DINKES")
        .setYear(2025)
        .setJpTotal(21.5)
        .setSessionsAttended(9)
        .setProgramsCompleted(1)
        .setMeetsTarget(true)
        .setEmittedAt(SESSION)
        .build();
  }

  static ParticipationAlert alertFiring() {
    return ParticipationAlert.newBuilder()
        .setAlertId("DINKES|LOW_PARTICIPATION|2025-03-03")
        .setUnitId("DINKES")
        .setUnitName("Dinas Kesehatan")
        .setRule(AlertRule.LOW_PARTICIPATION)
        .setSeverity(Severity.CRITICAL)
        .setState(AlertState.FIRING)
        .setWindowStart(MONDAY)
        .setWindowEnd(MONDAY.plusSeconds(7 * 86_400))
        .setValue(0.03)
        .setThreshold(0.05)
        .setMessage("Partisipasi pelatihan Dinas Kesehatan minggu ini 3%, di bawah ambang 5%.")
        .setEmittedAt(MONDAY.plusSeconds(9 * 86_400))
        .build();
  }

  static ParticipationAlert alertResolved() {
    return ParticipationAlert.newBuilder()
        .setAlertId("KEC-SERANG|NO_ACTIVITY|2025-02-24")
        .setUnitId("KEC-SERANG")
        .setUnitName("Kecamatan Serang")
        .setRule(AlertRule.NO_ACTIVITY)
        .setSeverity(Severity.WARNING)
        .setState(AlertState.RESOLVED)
        .setWindowStart(MONDAY)
        .setWindowEnd(MONDAY.plusSeconds(7 * 86_400))
        .setValue(null)
        .setThreshold(0.0)
        .setMessage("Kegiatan pelatihan di Kecamatan Serang kembali tercatat.")
        .setEmittedAt(MONDAY.plusSeconds(9 * 86_400))
        .build();
  }
}
