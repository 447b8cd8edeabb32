package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.local.KafkaTestClients;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroDeserializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pipeline import} against the embedded stack, as a user runs it. */
class ImportIT {

  @TempDir static Path dataDir;
  @TempDir Path files;

  private static LocalStack stack;

  @BeforeAll
  static void startStack() {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
    stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void shouldWriteDecodableAvroKeyedByEmployeeWhenFileIsValid() throws Exception {
    final Path file = files.resolve("attendance.jsonl");
    Files.writeString(
        file,
        line("a-1", "198609262015051001", "PRESENT", "\"2026-11-20T08:00:00+07:00\"")
            + "\n\n"
            + line("a-2", "199001012019032002", "LATE", "1763600000000")
            + "\n");

    final StringWriter out = new StringWriter();
    final int code = importFile("training.attendance", file, out, new StringWriter());

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Imported 2 of 2 records into training.attendance");
    final List<ConsumerRecord<String, AttendanceEvent>> records = readAll("training.attendance", 2);
    assertThat(records)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("198609262015051001", "199001012019032002");
    final AttendanceEvent first =
        records.stream().filter(r -> r.key().startsWith("1986")).findFirst().orElseThrow().value();
    assertThat(first.getStatus()).isEqualTo(AttendanceStatus.PRESENT);
    assertThat(first.getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T01:00:00Z"));
  }

  @Test
  void shouldWriteNothingAndNameTheLineWhenOneLineIsBad() throws Exception {
    final Path file = files.resolve("bad.jsonl");
    Files.writeString(
        file,
        line("b-1", "198609262015051001", "PRESENT", "1763600000000")
            + "\n"
            + line("b-2", "198609262015051001", "THERE", "1763600000000")
            + "\n"
            + line("b-3", "198609262015051001", "PRESENT", "1763600000000")
            + "\n");
    final long before = endOffsets("training.enrollments") + endOffsets("training.attendance");

    final StringWriter err = new StringWriter();
    final int code = importFile("training.attendance", file, new StringWriter(), err);

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Error: "
                + file
                + " line 2: field 'status': expected one of [PRESENT, LATE, ABSENT, EXCUSED],"
                + " got \"THERE\"")
        .doesNotContain("\tat ");
    assertThat(endOffsets("training.enrollments") + endOffsets("training.attendance"))
        .isEqualTo(before);
  }

  private static int importFile(
      final String topic, final Path file, final StringWriter out, final StringWriter err) {
    return PipelineMain.execute(
        new String[] {
          "import",
          "--bootstrap-servers",
          stack.bootstrapServers(),
          "--schema-registry-url",
          stack.registryUrl(),
          "--topic",
          topic,
          file.toString()
        },
        Map.of(),
        new PrintWriter(out),
        new PrintWriter(err));
  }

  private static String line(
      final String eventId, final String employee, final String status, final String time) {
    return String.format(
        "{\"eventId\":\"%s\",\"employeeId\":\"%s\",\"programId\":\"TEK-01\",\"runId\":\"r1\","
            + "\"sessionId\":\"s1\",\"status\":\"%s\",\"sessionJp\":4,\"occurredAt\":%s,"
            + "\"source\":\"LMS\"}",
        eventId, employee, status, time);
  }

  private static long endOffsets(final String topic) throws Exception {
    try (Admin admin = KafkaTestClients.admin(stack.bootstrapServers())) {
      final Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
      for (int p = 0; p < 6; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      return admin.listOffsets(request).all().get().values().stream()
          .mapToLong(r -> r.offset())
          .sum();
    }
  }

  private static List<ConsumerRecord<String, AttendanceEvent>> readAll(
      final String topic, final int expected) {
    try (SchemaRegistryClient registry =
            SchemaRegistryClients.create(RegistryClientConfig.of(stack.registryUrl()));
        KafkaConsumer<String, AttendanceEvent> consumer =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "import-it-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed"),
                new StringDeserializer(),
                new AvroDeserializer<>(registry, AttendanceEvent.class))) {
      consumer.subscribe(List.of(topic));
      final List<ConsumerRecord<String, AttendanceEvent>> records = new ArrayList<>();
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
