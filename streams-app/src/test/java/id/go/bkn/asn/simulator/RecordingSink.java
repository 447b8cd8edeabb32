package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Keeps everything the simulator emits, in order, for tests to inspect. */
final class RecordingSink implements SimulationSink {

  /** A raw bad record. */
  record BadRecord(String topic, String key, byte[] value, String kind) {}

  final List<SpecificRecord> all = new ArrayList<>();
  final List<WorkUnit> units = new ArrayList<>();
  final List<Employee> employees = new ArrayList<>();
  final List<TrainingProgram> programs = new ArrayList<>();
  final List<EnrollmentEvent> enrollments = new ArrayList<>();
  final List<AttendanceEvent> attendance = new ArrayList<>();
  final List<FeedbackEvent> feedback = new ArrayList<>();
  final List<BadRecord> badRecords = new ArrayList<>();

  /** The time of each event in order of arrival (enrolment, attendance, feedback). */
  final List<Instant> eventTimes = new ArrayList<>();

  @Override
  public void unit(final WorkUnit unit) {
    units.add(unit);
    all.add(unit);
  }

  @Override
  public void employee(final Employee employee) {
    employees.add(employee);
    all.add(employee);
  }

  @Override
  public void program(final TrainingProgram program) {
    programs.add(program);
    all.add(program);
  }

  @Override
  public void enrollment(final EnrollmentEvent event) {
    enrollments.add(event);
    all.add(event);
    eventTimes.add(event.getOccurredAt());
  }

  @Override
  public void attendance(final AttendanceEvent event) {
    attendance.add(event);
    all.add(event);
    eventTimes.add(event.getOccurredAt());
  }

  @Override
  public void feedback(final FeedbackEvent event) {
    feedback.add(event);
    all.add(event);
    eventTimes.add(event.getOccurredAt());
  }

  @Override
  public void badRecord(
      final String topic, final String key, final byte[] value, final String kind) {
    badRecords.add(new BadRecord(topic, key, value, kind));
  }

  int events() {
    return enrollments.size() + attendance.size() + feedback.size();
  }

  /** Every record in Avro binary, concatenated: equal bytes mean byte-for-byte equal output. */
  byte[] serialized() {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      for (final SpecificRecord record : all) {
        // getForClass, not the schema's name: Avro 1.12 refuses to load classes by name.
        final SpecificDatumWriter<Object> writer =
            new SpecificDatumWriter<>(
                record.getSchema(), SpecificData.getForClass(record.getClass()));
        writer.write(record, encoder);
      }
      encoder.flush();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
