package id.go.bkn.asn.topology;

import id.go.bkn.asn.topics.ContractTopic;
import java.util.Objects;

/**
 * The names of the topics a topology reads and writes, injected so that a topology never holds a
 * literal and tests or deployments can rename them. {@link #contract()} gives CONTRACT.md's names.
 *
 * <p>{@code unitsStoreSource} and {@code programsStoreSource} are the topics the global stores
 * read: the reference judge's copies of the accepted records ({@link #judgedBy}), or, when no judge
 * runs (stage tests, stand-in topologies), the reference topics themselves.
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
    String lateEvents,
    String unitsStoreSource,
    String programsStoreSource) {

  /** The suffix, after the application id, of the judge's copy of the accepted units. */
  public static final String UNITS_VALID_SUFFIX = "-reference-units-valid";

  /** The suffix, after the application id, of the judge's copy of the accepted programmes. */
  public static final String PROGRAMS_VALID_SUFFIX = "-reference-programs-valid";

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
    Objects.requireNonNull(unitsStoreSource);
    Objects.requireNonNull(programsStoreSource);
  }

  /** Names whose global stores read the reference topics themselves (no judge). */
  public TopicNames(
      final String units,
      final String employees,
      final String programs,
      final String enrollments,
      final String attendance,
      final String feedback,
      final String unitActivityDaily,
      final String unitActivityWeekly,
      final String unitJpYtd,
      final String programSatisfactionWeekly,
      final String employeeJpYtd,
      final String alerts,
      final String deadLetters,
      final String lateEvents) {
    this(
        units,
        employees,
        programs,
        enrollments,
        attendance,
        feedback,
        unitActivityDaily,
        unitActivityWeekly,
        unitJpYtd,
        programSatisfactionWeekly,
        employeeJpYtd,
        alerts,
        deadLetters,
        lateEvents,
        units,
        programs);
  }

  /**
   * The same names, the global stores reading the reference judge's copies {@code
   * <applicationId>}{@value #UNITS_VALID_SUFFIX} and {@code <applicationId>}{@value
   * #PROGRAMS_VALID_SUFFIX} (app-owned, compacted, one partition).
   */
  public TopicNames judgedBy(final String applicationId) {
    return new TopicNames(
        units,
        employees,
        programs,
        enrollments,
        attendance,
        feedback,
        unitActivityDaily,
        unitActivityWeekly,
        unitJpYtd,
        programSatisfactionWeekly,
        employeeJpYtd,
        alerts,
        deadLetters,
        lateEvents,
        applicationId + UNITS_VALID_SUFFIX,
        applicationId + PROGRAMS_VALID_SUFFIX);
  }

  /** Whether the global stores read the judge's copies rather than the reference topics. */
  public boolean judged() {
    return !unitsStoreSource.equals(units) || !programsStoreSource.equals(programs);
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
