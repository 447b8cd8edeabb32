package id.go.bkn.asn.topics;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every topic of the pipeline's contract (CONTRACT.md section 3): its name, what its values are,
 * how long Kafka keeps it and whether it holds personal data. This is the one place these facts
 * live; topologies are given names from here, never literals.
 */
public enum ContractTopic {
  REFERENCE_UNITS("reference.units", Role.REFERENCE, WorkUnit.class, Cleanup.COMPACT, null, false),
  REFERENCE_EMPLOYEES(
      "reference.employees", Role.REFERENCE, Employee.class, Cleanup.COMPACT, null, true),
  REFERENCE_PROGRAMS(
      "reference.programs", Role.REFERENCE, TrainingProgram.class, Cleanup.COMPACT, null, false),
  ENROLLMENTS(
      "training.enrollments",
      Role.INPUT,
      EnrollmentEvent.class,
      Cleanup.DELETE,
      Duration.ofDays(400),
      true),
  ATTENDANCE(
      "training.attendance",
      Role.INPUT,
      AttendanceEvent.class,
      Cleanup.DELETE,
      Duration.ofDays(400),
      true),
  FEEDBACK(
      "training.feedback",
      Role.INPUT,
      FeedbackEvent.class,
      Cleanup.DELETE,
      Duration.ofDays(400),
      true),
  UNIT_ACTIVITY_DAILY(
      "analytics.unit-activity-daily",
      Role.OUTPUT,
      UnitActivity.class,
      Cleanup.COMPACT,
      null,
      false),
  UNIT_ACTIVITY_WEEKLY(
      "analytics.unit-activity-weekly",
      Role.OUTPUT,
      UnitActivity.class,
      Cleanup.COMPACT,
      null,
      false),
  UNIT_JP_YTD(
      "analytics.unit-jp-ytd", Role.OUTPUT, UnitJpProgress.class, Cleanup.COMPACT, null, false),
  PROGRAM_SATISFACTION_WEEKLY(
      "analytics.program-satisfaction-weekly",
      Role.OUTPUT,
      ProgramSatisfaction.class,
      Cleanup.COMPACT,
      null,
      false),
  EMPLOYEE_JP_YTD(
      "restricted.employee-jp-ytd",
      Role.OUTPUT,
      EmployeeJpProgress.class,
      Cleanup.COMPACT,
      null,
      true),
  ALERTS(
      "alerts.participation", Role.OUTPUT, ParticipationAlert.class, Cleanup.COMPACT, null, false),
  /** Records set aside as bad input: the original key and bytes, with headers saying why. */
  DEAD_LETTERS("training.dead-letters", Role.SIDE, null, Cleanup.DELETE, Duration.ofDays(30), true),
  /** Events that arrived after a window of theirs had closed: original key and bytes. */
  LATE_EVENTS("training.late-events", Role.SIDE, null, Cleanup.DELETE, Duration.ofDays(30), true);

  /** What a topic is for. */
  public enum Role {
    /** Compacted reference data (units, roster, programmes). */
    REFERENCE,
    /** Training events from the source systems. */
    INPUT,
    /** Aggregates and alerts the pipeline writes. */
    OUTPUT,
    /** Records set aside (dead letters, late events), original bytes. */
    SIDE
  }

  /** Kafka's cleanup.policy of a topic. */
  public enum Cleanup {
    COMPACT("compact"),
    DELETE("delete");

    private final String policy;

    Cleanup(final String policy) {
      this.policy = policy;
    }

    /** The value of Kafka's {@code cleanup.policy} topic config. */
    public String policy() {
      return policy;
    }
  }

  private final String topicName;
  private final Role role;
  private final Class<? extends SpecificRecord> valueType;
  private final Cleanup cleanup;
  private final Duration retention;
  private final boolean personalData;

  ContractTopic(
      final String topicName,
      final Role role,
      final Class<? extends SpecificRecord> valueType,
      final Cleanup cleanup,
      final Duration retention,
      final boolean personalData) {
    this.topicName = topicName;
    this.role = role;
    this.valueType = valueType;
    this.cleanup = cleanup;
    this.retention = retention;
    this.personalData = personalData;
  }

  /** The topic's name on the cluster. */
  public String topicName() {
    return topicName;
  }

  public Role role() {
    return role;
  }

  /** The Avro record class of the values; empty for topics that keep the original bytes. */
  public Optional<Class<? extends SpecificRecord>> valueType() {
    return Optional.ofNullable(valueType);
  }

  public Cleanup cleanup() {
    return cleanup;
  }

  /** How long a delete-policy topic keeps records; empty for compacted topics. */
  public Optional<Duration> retention() {
    return Optional.ofNullable(retention);
  }

  public boolean personalData() {
    return personalData;
  }

  /** The Confluent topic-name-strategy subject of the values: {@code <topic>-value}. */
  public String valueSubject() {
    return topicName + "-value";
  }

  /** The contract topic with this name, if any. */
  public static Optional<ContractTopic> byName(final String name) {
    return Arrays.stream(values()).filter(t -> t.topicName.equals(name)).findFirst();
  }
}
