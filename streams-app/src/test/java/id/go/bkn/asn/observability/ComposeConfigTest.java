package id.go.bkn.asn.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml: Compose accepts it (Debian's docker-compose 1.29, the oldest we support),
 * every service is there with a health check and the start-up order that lets {@code docker compose
 * up} work from a clean clone, Grafana has no anonymous access, and the files it mounts exist.
 */
class ComposeConfigTest {

  private static final Set<String> SERVICES =
      Set.of(
          "kafka",
          "schema-registry",
          "topics",
          "app",
          "simulator",
          "prometheus",
          "alertmanager",
          "grafana");

  /** Services that run once and exit; every other service runs until stopped. */
  private static final Set<String> ONE_SHOT = Set.of("topics");

  /**
   * Mounted files that the alert rules' branch adds (prometheus/): tolerated while missing, checked
   * like the others once they exist.
   */
  private static final Set<String> PENDING_FROM_RULES =
      Set.of("prometheus/prometheus.yml", "prometheus/rules", "prometheus/alertmanager.yml");

  private static final Pattern PINNED = Pattern.compile("[^:]+:(?!latest$)[^:]*\\d[^:]*");

  private static JsonNode services;

  @TempDir Path tmp;

  @BeforeAll
  static void readComposeFile() throws IOException {
    services =
        new YAMLMapper()
            .readTree(Repository.resolve("docker-compose.yml").toFile())
            .path("services");
  }

  @Test
  void shouldBeAcceptedByDockerComposeWhenTheGrafanaPasswordIsSet() throws Exception {
    final Result result = compose(Map.of("GRAFANA_ADMIN_PASSWORD", "only-for-this-test"));

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void shouldRefuseToStartWhenTheGrafanaPasswordIsNotSet() throws Exception {
    final Result result = compose(Map.of());

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("GRAFANA_ADMIN_PASSWORD");
  }

  @Test
  void shouldDeclareEveryServiceAndAHealthCheckForEachLongRunningOne() {
    final Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);

    assertThat(names).containsExactlyInAnyOrderElementsOf(SERVICES);
    for (final String name : names) {
      if (ONE_SHOT.contains(name)) {
        assertThat(services.path(name).path("restart").asText()).as(name).isEqualTo("no");
        continue;
      }
      final JsonNode healthcheck = services.path(name).path("healthcheck");
      assertThat(healthcheck.path("test").size()).as(name + " healthcheck").isGreaterThan(1);
      assertThat(healthcheck.path("disable").asBoolean()).as(name).isFalse();
    }
    assertThat(services.path("app").path("healthcheck").path("test").toString())
        .contains("/health/ready");
  }

  @Test
  void shouldStartTheAppOnlyWhenKafkaAndTheRegistryAreHealthyAndTheTopicsExist() {
    assertThat(condition("app", "kafka")).isEqualTo("service_healthy");
    assertThat(condition("app", "schema-registry")).isEqualTo("service_healthy");
    assertThat(condition("app", "topics")).isEqualTo("service_completed_successfully");
    assertThat(condition("simulator", "topics")).isEqualTo("service_completed_successfully");
    assertThat(condition("simulator", "schema-registry")).isEqualTo("service_healthy");
    assertThat(condition("topics", "kafka")).isEqualTo("service_healthy");
    assertThat(condition("schema-registry", "kafka")).isEqualTo("service_healthy");
    assertThat(condition("grafana", "prometheus")).isEqualTo("service_healthy");
  }

  @Test
  void shouldRunTheAppImageWithTheRightCommandAndConnections() {
    for (final String name : List.of("topics", "app", "simulator")) {
      final JsonNode service = services.path(name);
      assertThat(service.path("build").asText()).as(name).isEqualTo(".");
      assertThat(service.path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText())
          .isEqualTo("kafka:9092");
      assertThat(service.path("environment").path("SCHEMA_REGISTRY_URL").asText())
          .isEqualTo("http://schema-registry:8081");
    }
    assertThat(services.path("app").path("command").get(0).asText()).isEqualTo("run");
    assertThat(services.path("topics").path("command").get(0).asText()).isEqualTo("topics");
    assertThat(services.path("simulator").path("command").toString())
        .startsWith("[\"simulate\"")
        .contains("--speed");
    assertThat(services.path("app").path("ports").toString()).contains(":8080:8080");
    assertThat(
            services
                .path("schema-registry")
                .path("environment")
                .path("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")
                .asText())
        .endsWith("kafka:9092");
  }

  @Test
  void shouldKeepGrafanaClosedToAnonymousUsersAndItsPasswordOutOfTheFile() {
    final JsonNode env = services.path("grafana").path("environment");

    assertThat(env.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("false");
    assertThat(env.path("GF_USERS_ALLOW_SIGN_UP").asText()).isEqualTo("false");
    assertThat(env.has("GF_AUTH_ANONYMOUS_ORG_ROLE")).isFalse();
    assertThat(env.path("GF_SECURITY_ADMIN_PASSWORD").asText())
        .startsWith("${GRAFANA_ADMIN_PASSWORD:?");
  }

  @Test
  void shouldPinEveryImageAndRunKafkaAtTheEmbeddedBrokersVersion() throws IOException {
    services
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().has("build")) {
                assertThat(e.getValue().path("image").asText()).as(e.getKey()).matches(PINNED);
              }
            });
    final Matcher kafkaVersion =
        Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
            .matcher(Files.readString(Repository.resolve("pom.xml")));
    assertThat(kafkaVersion.find()).isTrue();
    assertThat(services.path("kafka").path("image").asText())
        .isEqualTo("apache/kafka:" + kafkaVersion.group(1));
  }

  @Test
  void shouldPublishPortsOnLoopbackOnly() {
    services
        .fields()
        .forEachRemaining(
            e -> {
              for (final JsonNode port : e.getValue().path("ports")) {
                assertThat(port.asText()).as(e.getKey()).startsWith("127.0.0.1:");
              }
            });
  }

  @Test
  void shouldMountOnlyFilesThatExistInTheRepository() {
    final List<String> checked = new ArrayList<>();
    services
        .fields()
        .forEachRemaining(
            e -> {
              for (final JsonNode volume : e.getValue().path("volumes")) {
                final String source = volume.asText().split(":")[0];
                if (!source.startsWith("./")) {
                  continue; // a named volume
                }
                final String relative = source.substring(2);
                final Path path = Repository.resolve(relative);
                if (PENDING_FROM_RULES.contains(relative) && !Files.exists(path)) {
                  continue;
                }
                assertThat(path).as(e.getKey() + " mounts " + source).exists();
                checked.add(relative);
              }
            });
    assertThat(checked).contains("grafana/provisioning", "grafana/dashboards");
    assertThat(PENDING_FROM_RULES).allMatch(p -> p.startsWith("prometheus/"));
  }

  @Test
  void shouldBuildAnImageThatRunsTheCliAsAnUnprivilegedUser() throws IOException {
    final String dockerfile = Files.readString(Repository.resolve("Dockerfile"));

    assertThat(dockerfile)
        .contains("FROM maven:3.9-eclipse-temurin-17 AS build")
        .contains("mvn -B -DskipTests package")
        .contains("FROM eclipse-temurin:17-jre")
        .contains("EXPOSE 8080")
        .contains("COPY --from=build /src/streams-app/target/lib /app/lib")
        .contains(
            "ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-jar\", \"/app/streams-app.jar\"]");
    final Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
    assertThat(user.find()).as("USER in the Dockerfile").isTrue();
    assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
    assertThat(Files.readString(Repository.resolve(".dockerignore"))).contains("**/target/");
  }

  private static String condition(final String service, final String dependency) {
    return services
        .path(service)
        .path("depends_on")
        .path(dependency)
        .path("condition")
        .asText("(no depends_on " + dependency + ")");
  }

  private record Result(int exitCode, String output) {}

  /** docker-compose config -q from the repository root, with only the given .env variables. */
  private Result compose(final Map<String, String> env) throws IOException, InterruptedException {
    final Path executable = dockerCompose().orElse(null);
    if (executable == null) {
      final String message =
          "docker-compose is not installed: apt-get install docker-compose"
              + " (Debian's Compose v1, which checks docker-compose.yml)";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    // An env file of our own, so a developer's .env neither helps nor breaks the test.
    final Path envFile = tmp.resolve("compose.env");
    final StringBuilder lines = new StringBuilder();
    env.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
    Files.writeString(envFile, lines.toString());
    final ProcessBuilder builder =
        new ProcessBuilder(
                executable.toString(),
                "--env-file",
                envFile.toString(),
                "-f",
                "docker-compose.yml",
                "config",
                "-q")
            .directory(Repository.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("compose.out").toFile());
    builder.environment().remove("GRAFANA_ADMIN_PASSWORD");
    builder.environment().remove("COMPOSE_FILE");
    builder.environment().putAll(env);
    final Process process = builder.start();
    process.getOutputStream().close();
    final boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    final String output = Files.readString(tmp.resolve("compose.out"), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
      fail("docker-compose config did not finish within 60 s: " + output);
    }
    return new Result(process.exitValue(), output);
  }

  private static Optional<Path> dockerCompose() {
    final String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (final String dir : path.split(File.pathSeparator)) {
      final Path candidate = Path.of(dir, "docker-compose");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
