package id.go.bkn.asn.topology;

import id.go.bkn.asn.topics.ContractTopic;
import java.util.Objects;

/**
 * The names of the topics a topology reads and writes, injected so that a topology never holds a
 * literal and tests or deployments can rename them. {@link #contract()} gives CONTRACT.md's names.
 */
public record TopicNames(
    String units,
    String employees,
    String programs,
    String enrollments,
    String attendance,
    String feedback,
    String unitActivityDaily,
    String unitActivityWeekly,
    String unitJpYtd,
    String programSatisfactionWeekly,
    String employeeJpYtd,
    String alerts,
    String deadLetters,
    String lateEvents) {

  public TopicNames {
    Objects.requireNonNull(units);
    Objects.requireNonNull(employees);
    Objects.requireNonNull(programs);
    Objects.requireNonNull(enrollments);
    Objects.requireNonNull(attendance);
    Objects.requireNonNull(feedback);
    Objects.requireNonNull(unitActivityDaily);
    Objects.requireNonNull(unitActivityWeekly);
    Objects.requireNonNull(unitJpYtd);
    Objects.requireNonNull(programSatisfactionWeekly);
    Objects.requireNonNull(employeeJpYtd);
    Objects.requireNonNull(alerts);
    Objects.requireNonNull(deadLetters);
    Objects.requireNonNull(lateEvents);
  }

  /** The names of CONTRACT.md section 3. */
  public static TopicNames contract() {
    return new TopicNames(
        ContractTopic.REFERENCE_UNITS.topicName(),
        ContractTopic.REFERENCE_EMPLOYEES.topicName(),
        ContractTopic.REFERENCE_PROGRAMS.topicName(),
        ContractTopic.ENROLLMENTS.topicName(),
        ContractTopic.ATTENDANCE.topicName(),
        ContractTopic.FEEDBACK.topicName(),
        ContractTopic.UNIT_ACTIVITY_DAILY.topicName(),
        ContractTopic.UNIT_ACTIVITY_WEEKLY.topicName(),
        ContractTopic.UNIT_JP_YTD.topicName(),
        ContractTopic.PROGRAM_SATISFACTION_WEEKLY.topicName(),
        ContractTopic.EMPLOYEE_JP_YTD.topicName(),
        ContractTopic.ALERTS.topicName(),
        ContractTopic.DEAD_LETTERS.topicName(),
        ContractTopic.LATE_EVENTS.topicName());
  }
}
