package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;

/**
 * Where the simulator delivers what it generates, one call per record, in simulated-time order:
 * reference records (units, roster, programmes) before any event that needs them, then events with
 * non-decreasing occurredAt (the deliberate late events of {@link BadInputInjector} excepted). The
 * simulator never touches Kafka; an implementation maps each call to a topic of CONTRACT.md section
 * 3 (keys: unitId, employeeId, programId; anonymous feedback by programId). Records passed in are
 * not modified by the simulator afterwards, and a duplicate may be the very same instance.
 */
public interface SimulationSink {

  /** A work unit for {@code reference.units}. */
  void unit(WorkUnit unit);

  /**
   * A roster entry (or a later version of one, e.g. a transfer) for {@code reference.employees}.
   */
  void employee(Employee employee);

  /** A programme for {@code reference.programs}. */
  void program(TrainingProgram program);

  /** An enrolment, withdrawal or completion for {@code training.enrollments}. */
  void enrollment(EnrollmentEvent event);

  /** One employee's attendance at one session for {@code training.attendance}. */
  void attendance(AttendanceEvent event);

  /** A feedback form for {@code training.feedback}. */
  void feedback(FeedbackEvent event);

  /**
   * Raw bytes that are deliberately not a valid record of the topic (bad input on purpose).
   *
   * @param topic the contract topic the bytes are meant for, e.g. {@code training.attendance}
   * @param key the record key (an employeeId), never null
   * @param value the bytes to write as the record value
   * @param kind what is wrong with them, one of {@link BadInputInjector#RANDOM_BYTES} or {@link
   *     BadInputInjector#WRONG_MAGIC_BYTE}
   */
  void badRecord(String topic, String key, byte[] value, String kind);
}
