package id.go.bkn.asn.simulator.kafka;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.SimulationSink;
import id.go.bkn.asn.topics.ContractTopic;
import id.go.bkn.asn.topics.TopicKeys;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes what the simulator generates to the contract's topics, keyed as CONTRACT.md section 3
 * says, values in the Confluent wire format (through the registry), bad input as the raw bytes it
 * is. One producer for everything, so records of one key keep their order. Send failures are kept
 * and thrown on the next call or at {@link #flush}, so the simulator stops instead of losing
 * records silently.
 */
public final class KafkaSimulationSink implements SimulationSink {

  private final Producer<String, byte[]> producer;
  private final AvroSerializer<SpecificRecord> serializer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  /** A sink on this producer (bytes values) and serializer; both stay the caller's to close. */
  public KafkaSimulationSink(
      final Producer<String, byte[]> producer, final AvroSerializer<SpecificRecord> serializer) {
    this.producer = producer;
    this.serializer = serializer;
  }

  @Override
  public void unit(final WorkUnit unit) {
    send(ContractTopic.REFERENCE_UNITS, unit);
  }

  @Override
  public void employee(final Employee employee) {
    send(ContractTopic.REFERENCE_EMPLOYEES, employee);
  }

  @Override
  public void program(final TrainingProgram program) {
    send(ContractTopic.REFERENCE_PROGRAMS, program);
  }

  @Override
  public void enrollment(final EnrollmentEvent event) {
    send(ContractTopic.ENROLLMENTS, event);
  }

  @Override
  public void attendance(final AttendanceEvent event) {
    send(ContractTopic.ATTENDANCE, event);
  }

  @Override
  public void feedback(final FeedbackEvent event) {
    send(ContractTopic.FEEDBACK, event);
  }

  @Override
  public void badRecord(
      final String topic, final String key, final byte[] value, final String kind) {
    raise();
    producer.send(new ProducerRecord<>(topic, key, value), this::remember);
  }

  /**
   * Waits until everything sent so far is acknowledged (bounded by the producer's delivery
   * timeout); throws the first failure, if any.
   */
  public void flush() {
    producer.flush();
    raise();
  }

  private void send(final ContractTopic topic, final SpecificRecordBase value) {
    raise();
    final String key = TopicKeys.keyOf(topic, value);
    final byte[] bytes = serializer.serialize(topic.topicName(), value);
    producer.send(new ProducerRecord<>(topic.topicName(), key, bytes), this::remember);
  }

  private void remember(final Object metadata, final Exception e) {
    if (e != null) {
      failure.compareAndSet(null, e);
    }
  }

  private void raise() {
    final Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("Writing simulated records failed: " + e.getMessage(), e);
    }
  }
}
