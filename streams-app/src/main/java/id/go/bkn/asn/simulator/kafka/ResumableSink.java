package id.go.bkn.asn.simulator.kafka;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.simulator.SimulationSink;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every record the simulator hands over and drops the first {@code skip} of them, so that a
 * restarted demo can regenerate its (deterministic) simulation from the start and send only what
 * the previous run had not sent yet.
 */
public final class ResumableSink implements SimulationSink {

  private final SimulationSink target;
  private final long skip;
  private final AtomicLong seen = new AtomicLong();

  public ResumableSink(final SimulationSink target, final long skip) {
    this.target = target;
    this.skip = skip;
  }

  /** How many records have passed through (skipped ones included): what to skip next time. */
  public long position() {
    return seen.get();
  }

  private boolean pass() {
    return seen.incrementAndGet() > skip;
  }

  @Override
  public void unit(final WorkUnit unit) {
    if (pass()) {
      target.unit(unit);
    }
  }

  @Override
  public void employee(final Employee employee) {
    if (pass()) {
      target.employee(employee);
    }
  }

  @Override
  public void program(final TrainingProgram program) {
    if (pass()) {
      target.program(program);
    }
  }

  @Override
  public void enrollment(final EnrollmentEvent event) {
    if (pass()) {
      target.enrollment(event);
    }
  }

  @Override
  public void attendance(final AttendanceEvent event) {
    if (pass()) {
      target.attendance(event);
    }
  }

  @Override
  public void feedback(final FeedbackEvent event) {
    if (pass()) {
      target.feedback(event);
    }
  }

  @Override
  public void badRecord(
      final String topic, final String key, final byte[] value, final String kind) {
    if (pass()) {
      target.badRecord(topic, key, value, kind);
    }
  }
}
