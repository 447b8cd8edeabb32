package id.go.bkn.asn.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * Field names are the contract (CONTRACT.md section 4): data teams, dashboards and alert rules are
 * built on them. This test lists them as the contract writes them, so a rename fails the build.
 */
class ContractFieldsTest {

  private static final Map<Class<?>, List<String>> CONTRACT =
      Map.ofEntries(
          Map.entry(WorkUnit.class, List.of("unitId", "name", "kind", "parentUnitId", "active")),
          Map.entry(
              Employee.class,
              List.of(
                  "employeeId",
                  "unitId",
                  "employmentType",
                  "positionType",
                  "active",
                  "effectiveFrom")),
          Map.entry(
              TrainingProgram.class,
              List.of(
                  "programId",
                  "title",
                  "trainingType",
                  "organizer",
                  "organizerKind",
                  "totalJp",
                  "delivery")),
          Map.entry(
              EnrollmentEvent.class,
              List.of(
                  "eventId", "employeeId", "programId", "runId", "action", "occurredAt", "source")),
          Map.entry(
              AttendanceEvent.class,
              List.of(
                  "eventId",
                  "employeeId",
                  "programId",
                  "runId",
                  "sessionId",
                  "status",
                  "sessionJp",
                  "occurredAt",
                  "source")),
          Map.entry(
              FeedbackEvent.class,
              List.of(
                  "eventId",
                  "employeeId",
                  "programId",
                  "runId",
                  "overall",
                  "careerRelevance",
                  "recommend",
                  "comment",
                  "occurredAt",
                  "source")),
          Map.entry(
              UnitActivity.class,
              List.of(
                  "unitId",
                  "unitName",
                  "parentUnitId",
                  "depth",
                  "leaf",
                  "windowSize",
                  "windowStart",
                  "windowEnd",
                  "status",
                  "revision",
                  "headcount",
                  "enrollments",
                  "withdrawals",
                  "completions",
                  "participants",
                  "participationRate",
                  "present",
                  "late",
                  "absent",
                  "excused",
                  "attendanceRate",
                  "jpDelivered",
                  "feedbackResponses",
                  "responseRate",
                  "satisfactionSuppressed",
                  "satisfactionMean",
                  "satisfactionIndex",
                  "careerRelevanceMean",
                  "nps",
                  "emittedAt")),
          Map.entry(
              UnitJpProgress.class,
              List.of(
                  "unitId",
                  "unitName",
                  "parentUnitId",
                  "depth",
                  "leaf",
                  "year",
                  "status",
                  "revision",
                  "asOf",
                  "headcount",
                  "targetJp",
                  "employeesMeetingTarget",
                  "employeesZeroJp",
                  "totalJp",
                  "meanJp",
                  "attainmentRatio",
                  "expectedAttainment",
                  "emittedAt")),
          Map.entry(
              ProgramSatisfaction.class,
              List.of(
                  "programId",
                  "title",
                  "trainingType",
                  "organizer",
                  "organizerKind",
                  "windowStart",
                  "windowEnd",
                  "status",
                  "revision",
                  "participants",
                  "feedbackResponses",
                  "responseRate",
                  "satisfactionSuppressed",
                  "satisfactionMean",
                  "satisfactionIndex",
                  "careerRelevanceMean",
                  "nps",
                  "emittedAt")),
          Map.entry(
              EmployeeJpProgress.class,
              List.of(
                  "employeeId",
                  "unitId",
                  "year",
                  "jpTotal",
                  "sessionsAttended",
                  "programsCompleted",
                  "meetsTarget",
                  "emittedAt")),
          Map.entry(
              ParticipationAlert.class,
              List.of(
                  "alertId",
                  "unitId",
                  "unitName",
                  "rule",
                  "severity",
                  "state",
                  "windowStart",
                  "windowEnd",
                  "value",
                  "threshold",
                  "message",
                  "emittedAt")));

  @Test
  void shouldCarryEveryContractFieldWhenRecordsAreGenerated() {
    CONTRACT.forEach(
        (type, fields) -> {
          final Schema schema = SpecificData.get().getSchema(type);
          final List<String> actual = schema.getFields().stream().map(Schema.Field::name).toList();
          assertThat(actual).as("fields of %s", type.getSimpleName()).containsAll(fields);
        });
  }

  @Test
  void shouldNeverExposeEmployeeIdsWhenRecordIsAnAggregate() {
    for (final Class<?> aggregate :
        List.of(
            UnitActivity.class,
            UnitJpProgress.class,
            ProgramSatisfaction.class,
            ParticipationAlert.class)) {
      final Schema schema = SpecificData.get().getSchema(aggregate);
      assertThat(schema.getField("employeeId")).as("employeeId in %s", aggregate).isNull();
      assertThat(schema.getField("comment")).as("comment in %s", aggregate).isNull();
    }
  }

  @Test
  void shouldDefaultEveryNullableFieldToNullWhenAddedForEvolution() {
    CONTRACT.keySet().stream()
        .map(type -> SpecificData.get().getSchema(type))
        .flatMap(s -> s.getFields().stream())
        .filter(f -> f.schema().isNullable())
        .forEach(f -> assertThat(f.hasDefaultValue()).as("default of %s", f.name()).isTrue());
  }
}
