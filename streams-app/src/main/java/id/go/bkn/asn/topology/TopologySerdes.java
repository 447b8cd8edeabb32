package id.go.bkn.asn.topology;

import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.registry.SchemaRegistryClient;
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
import id.go.bkn.asn.serde.AvroSerdes;
import id.go.bkn.asn.serde.Decoded;
import id.go.bkn.asn.serde.DecodedSerde;
import id.go.bkn.asn.serde.InternalAvroSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * Every serde the participation topology uses, built once per app instance from one registry
 * client: Confluent-format Avro for the contract's topics (inputs keep their original bytes beside
 * the decoded record), plain Avro binary for the internal topics.
 */
public record TopologySerdes(
    Serde<WorkUnit> unit,
    Serde<Employee> employee,
    Serde<TrainingProgram> program,
    Serde<Decoded<EnrollmentEvent>> enrollment,
    Serde<Decoded<AttendanceEvent>> attendance,
    Serde<Decoded<FeedbackEvent>> feedback,
    Serde<UnitActivity> unitActivity,
    Serde<UnitJpProgress> unitJp,
    Serde<ProgramSatisfaction> programSatisfaction,
    Serde<EmployeeJpProgress> employeeJp,
    Serde<ParticipationAlert> alert,
    Serde<TreeMessage> treeMessage,
    Serde<ProgramMessage> programMessage) {

  /** The serdes on this registry client (which stays the caller's to close). */
  public static TopologySerdes on(final SchemaRegistryClient registry) {
    return new TopologySerdes(
        AvroSerdes.specific(WorkUnit.class, registry),
        AvroSerdes.specific(Employee.class, registry),
        AvroSerdes.specific(TrainingProgram.class, registry),
        new DecodedSerde<>(AvroSerdes.specific(EnrollmentEvent.class, registry).deserializer()),
        new DecodedSerde<>(AvroSerdes.specific(AttendanceEvent.class, registry).deserializer()),
        new DecodedSerde<>(AvroSerdes.specific(FeedbackEvent.class, registry).deserializer()),
        AvroSerdes.specific(UnitActivity.class, registry),
        AvroSerdes.specific(UnitJpProgress.class, registry),
        AvroSerdes.specific(ProgramSatisfaction.class, registry),
        AvroSerdes.specific(EmployeeJpProgress.class, registry),
        AvroSerdes.specific(ParticipationAlert.class, registry),
        new InternalAvroSerde<>(TreeMessage.class),
        new InternalAvroSerde<>(ProgramMessage.class));
  }
}
