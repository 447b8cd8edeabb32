package id.go.bkn.asn.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import id.go.bkn.asn.observability.InstalledTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml, the topic catalogue for data teams: it names every contract topic with the
 * cleanup policy, retention, personal-data mark and Avro schema file of {@link ContractTopic}, and
 * the AsyncAPI CLI from npm ({@code asyncapi validate}) finds it valid. Without the CLI the second
 * test skips on a developer's machine and fails on CI, where {@code .ci/run} installs it.
 */
class AsyncApiDocumentTest {

  private static final String INSTALL_HINT = "install it with: npm install -g @asyncapi/cli";

  /** The CLI starts Node and loads its parsers: seconds, but minutes on a loaded machine. */
  private static final long VALIDATE_TIMEOUT_SECONDS = 300;

  private static final Path DOCUMENT = root().resolve("docs/asyncapi.yaml");

  @Test
  void shouldCatalogueEveryContractTopicAsTheContractDefinesIt() throws IOException {
    final JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    final Map<String, JsonNode> channels = new HashMap<>();
    document.get("channels").forEach(c -> channels.put(c.get("address").asText(), c));

    assertThat(document.get("asyncapi").asText()).startsWith("3.");
    assertThat(channels.keySet())
        .containsExactlyInAnyOrder(
            Arrays.stream(ContractTopic.values())
                .map(ContractTopic::topicName)
                .toArray(String[]::new));
    for (final ContractTopic topic : ContractTopic.values()) {
      final JsonNode channel = channels.get(topic.topicName());
      final JsonNode kafka = channel.at("/bindings/kafka/topicConfiguration");
      assertThat(kafka.at("/cleanup.policy/0").asText())
          .as("cleanup of %s", topic)
          .isEqualTo(topic.cleanup().policy());
      assertThat(
              kafka.path("retention.ms").isMissingNode()
                  ? null
                  : kafka.get("retention.ms").asLong())
          .as("retention of %s", topic)
          .isEqualTo(topic.retention().map(Duration::toMillis).orElse(null));
      assertThat(channel.get("x-personal-data").asBoolean())
          .as("personal data of %s", topic)
          .isEqualTo(topic.personalData());
      assertThat(channel.get("description").asText()).as("meaning of %s", topic).isNotBlank();
      final String ref = channel.get("messages").elements().next().get("$ref").asText();
      final JsonNode message =
          document.at("/components/messages/" + ref.substring(ref.lastIndexOf('/') + 1));
      assertThat(message.at("/bindings/kafka/key/description").asText())
          .as("key of %s", topic)
          .isNotBlank();
      if (topic.valueType().isPresent()) {
        final String schema = message.at("/payload/schema/$ref").asText();
        assertThat(schema)
            .as("schema of %s", topic)
            .isEqualTo(
                "../schemas/src/main/avro/" + topic.valueType().get().getSimpleName() + ".avsc");
        assertThat(DOCUMENT.getParent().resolve(schema).normalize()).isRegularFile();
      }
    }
  }

  @Test
  void shouldBeValidForTheAsyncApiCli() throws Exception {
    final Path cli = InstalledTools.require("asyncapi", INSTALL_HINT);
    final Path output = Files.createTempFile("asyncapi-validate", ".log");
    // The CLI sends usage metrics unless its analytics file says no: a test phones nobody.
    final Path analytics = Files.createTempFile("asyncapi-analytics", ".json");
    Files.writeString(
        analytics,
        "{\"analyticsEnabled\":\"false\",\"infoMessageShown\":\"true\",\"userID\":\"test\"}");
    try {
      final ProcessBuilder builder =
          new ProcessBuilder(cli.toString(), "validate", DOCUMENT.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .directory(root().toFile());
      builder.environment().put("ASYNCAPI_METRICS_CONFIG_PATH", analytics.toString());
      final Process process = builder.start();
      final boolean finished = process.waitFor(VALIDATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly();
      }
      final String log = Files.readString(output, StandardCharsets.UTF_8);

      assertThat(finished).as("asyncapi validate finished: %s", log).isTrue();
      assertThat(process.exitValue()).as("asyncapi validate: %s", log).isZero();
      assertThat(log).contains("is valid");
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(analytics);
    }
  }

  /** The repository root: the nearest directory up from here that holds {@code .mvn/}. */
  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
