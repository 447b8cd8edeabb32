package id.go.bkn.asn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.topics.ContractTopic;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIT {

  @TempDir Path dataDir;

  @Test
  void shouldServeTopicsAndRegistryWhenStarted() throws Exception {
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        Admin admin = KafkaTestClients.admin(stack.bootstrapServers())) {
      final Set<String> topics = admin.listTopics().names().get();
      final HttpResponse<String> subjects =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects")).build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(topics)
          .containsAll(
              Arrays.stream(ContractTopic.values())
                  .map(ContractTopic::topicName)
                  .collect(Collectors.toSet()))
          .contains("_schemas");
      assertThat(subjects.statusCode()).isEqualTo(200);
      assertThat(subjects.body()).isEqualTo("[]");
    }
  }

  @Test
  void shouldKeepSchemaIdsWhenStackRestartsOnSameDataDir() throws Exception {
    final int unitId;
    final int attendanceId;
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        SchemaRegistryClient client = client(stack)) {
      unitId = client.register("reference.units-value", WorkUnit.getClassSchema());
      attendanceId = client.register("training.attendance-value", AttendanceEvent.getClassSchema());
    }

    try (LocalStack again = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        SchemaRegistryClient client = client(again)) {
      assertThat(client.subjects())
          .containsExactlyInAnyOrder("reference.units-value", "training.attendance-value");
      assertThat(client.schemaById(unitId)).isEqualTo(WorkUnit.getClassSchema());
      assertThat(client.latest("training.attendance-value").id()).isEqualTo(attendanceId);
      assertThat(again.topics().createdNothing()).isTrue();
      final int next = client.register("reference.employees-value", WorkUnit.getClassSchema());
      assertThat(next).as("an identical schema keeps its id").isEqualTo(unitId);
    }
  }

  @Test
  void shouldFailWithOneLineBeforeStartingWhenRegistryPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      final LocalStack.Settings defaults = LocalStack.Settings.ephemeral(dataDir);
      final LocalStack.Settings settings =
          new LocalStack.Settings(
              defaults.dataDir(), defaults.host(), 0, 0, taken.getLocalPort(), defaults.topics());

      assertThatThrownBy(() -> LocalStack.start(settings))
          .isInstanceOf(LocalStackException.class)
          .hasMessage(
              "Port "
                  + taken.getLocalPort()
                  + " on 127.0.0.1 is already in use: stop the process using it or choose another"
                  + " port with --registry-port");
    }
  }

  private static SchemaRegistryClient client(final LocalStack stack) {
    return SchemaRegistryClients.create(RegistryClientConfig.of(stack.registryUrl()));
  }
}
