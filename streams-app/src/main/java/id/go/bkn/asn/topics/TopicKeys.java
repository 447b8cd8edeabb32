package id.go.bkn.asn.topics;

import org.apache.avro.generic.GenericRecord;

/**
 * The key of a record on a reference or training topic, as CONTRACT.md section 3 sets it: the unit,
 * employee or programme id, and for anonymous feedback the programme id. Works for generated and
 * generic records alike, so the importer and the simulator key records the same way.
 */
public final class TopicKeys {

  private TopicKeys() {}

  /** Whether records of this topic can be keyed from their value alone. */
  public static boolean isKeyedByValue(final ContractTopic topic) {
    return topic.role() == ContractTopic.Role.REFERENCE || topic.role() == ContractTopic.Role.INPUT;
  }

  /** The key of {@code value} on {@code topic}. */
  public static String keyOf(final ContractTopic topic, final GenericRecord value) {
    switch (topic) {
      case REFERENCE_UNITS:
        return text(value, "unitId");
      case REFERENCE_PROGRAMS:
        return text(value, "programId");
      case REFERENCE_EMPLOYEES:
      case ENROLLMENTS:
      case ATTENDANCE:
        return text(value, "employeeId");
      case FEEDBACK:
        final Object employee = value.get("employeeId");
        return employee != null ? employee.toString() : text(value, "programId");
      default:
        throw new IllegalArgumentException(
            "Records of " + topic.topicName() + " are written by the pipeline, not keyed by value");
    }
  }

  private static String text(final GenericRecord value, final String field) {
    final Object v = value.get(field);
    if (v == null) {
      throw new IllegalArgumentException("the key field '" + field + "' is missing");
    }
    return v.toString();
  }
}
