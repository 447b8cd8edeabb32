package id.go.bkn.asn.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class JsonToAvroTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldConvertPlainJsonWhenTimeIsIsoWithOffset() throws Exception {
    final JsonNode json =
        JSON.readTree(
            """
            {"eventId":"e1","employeeId":"198609262015051001","programId":"P1","runId":"R1",
             "sessionId":"S1","status":"LATE","sessionJp":2.5,
             "occurredAt":"2026-11-20T08:00:00+07:00","source":"LMS"}
            """);

    final GenericRecord record = JsonToAvro.convert(json, AttendanceEvent.getClassSchema());
    assertThat(record.get("status")).hasToString("LATE");
    assertThat(record.get("sessionJp")).isEqualTo(2.5);
    assertThat(record.get("occurredAt"))
        .isEqualTo(Instant.parse("2026-11-20T01:00:00Z").toEpochMilli());
  }

  @Test
  void shouldAcceptEpochMillisAndNullsWhenFieldsAreNullable() throws Exception {
    final JsonNode json =
        JSON.readTree(
            """
            {"eventId":"f1","employeeId":null,"programId":"P1","runId":"R1","overall":4,
             "occurredAt":1763600000000,"source":"LMS"}
            """);

    final GenericRecord record = JsonToAvro.convert(json, FeedbackEvent.getClassSchema());

    assertThat(record.get("employeeId")).isNull();
    assertThat(record.get("careerRelevance")).isNull();
    assertThat(record.get("comment")).isNull();
    assertThat(record.get("occurredAt")).isEqualTo(1763600000000L);
  }

  @Test
  void shouldNameTheFieldWhenRequiredFieldIsMissing() throws Exception {
    final JsonNode json = JSON.readTree("{\"eventId\":\"f1\",\"programId\":\"P1\"}");

    assertThatThrownBy(() -> JsonToAvro.convert(json, FeedbackEvent.getClassSchema()))
        .isInstanceOf(JsonToAvro.InvalidJson.class)
        .hasMessage("missing required field 'runId'");
  }

  @Test
  void shouldRefuseUnknownFieldsWhenNameIsMisspelt() throws Exception {
    final JsonNode json =
        JSON.readTree(
            """
            {"eventId":"f1","programId":"P1","runId":"R1","overal":4,"overall":4,
             "occurredAt":1763600000000,"source":"LMS"}
            """);

    assertThatThrownBy(() -> JsonToAvro.convert(json, FeedbackEvent.getClassSchema()))
        .hasMessageContaining("unknown field(s) [overal]");
  }

  @Test
  void shouldExplainWhenValueHasTheWrongType() throws Exception {
    final JsonNode json =
        JSON.readTree(
            """
            {"eventId":"f1","programId":"P1","runId":"R1","overall":"five",
             "occurredAt":1763600000000,"source":"LMS"}
            """);

    assertThatThrownBy(() -> JsonToAvro.convert(json, FeedbackEvent.getClassSchema()))
        .hasMessage("field 'overall': expected a whole number, got the string \"five\"");
  }

  @Test
  void shouldRefuseUnknownEnumSymbolsWhenStatusIsMisspelt() throws Exception {
    final JsonNode json =
        JSON.readTree(
            """
            {"eventId":"e1","employeeId":"x","programId":"P1","runId":"R1","sessionId":"S1",
             "status":"HERE","sessionJp":2,"occurredAt":1763600000000,"source":"LMS"}
            """);

    assertThatThrownBy(() -> JsonToAvro.convert(json, AttendanceEvent.getClassSchema()))
        .hasMessageContaining("field 'status': expected one of [PRESENT, LATE, ABSENT, EXCUSED]");
  }

  @Test
  void shouldExplainWhenTimeHasNoOffset() throws Exception {
    final JsonNode json =
        JSON.readTree(
            """
            {"eventId":"e1","employeeId":"x","programId":"P1","runId":"R1","sessionId":"S1",
             "status":"PRESENT","sessionJp":2,"occurredAt":"2026-11-20 08:00","source":"LMS"}
            """);

    assertThatThrownBy(() -> JsonToAvro.convert(json, AttendanceEvent.getClassSchema()))
        .hasMessageContaining("field 'occurredAt': expected an ISO-8601 time with an offset");
  }
}
