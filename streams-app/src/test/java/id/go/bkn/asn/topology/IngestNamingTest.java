package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.topology.ingest.EventIdMemory;
import id.go.bkn.asn.topology.ingest.IngestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Grouped;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage builds with explicit internal naming enforced, as the app runs it. */
class IngestNamingTest {

  @TempDir Path stateDir;
  private final String scope = "scope-" + UUID.randomUUID();

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(scope);
  }

  @Test
  void shouldBuildWhenExplicitInternalNamingIsEnforced() {
    // given
    final Properties properties = properties();

    // when
    final Topology topology = IngestFixture.topology(context(), properties);

    // then
    final TopologyDescription description = topology.describe();
    assertThat(description.toString())
        .contains("asn-tree-repartition")
        .contains(IngestStores.ROSTER)
        .contains(EventIdMemory.LOG, EventIdMemory.OPEN, EventIdMemory.INDEX)
        .contains("enrollments-ingest", "attendance-ingest", "feedback-ingest", "roster-update")
        .contains("enrollments-source", "attendance-source", "feedback-source", "employees-source")
        .doesNotContain("KSTREAM-", "KTABLE-");
  }

  @Test
  void shouldFailWhenAnInternalResourceIsUnnamed() {
    // given the same configuration and an aggregation left unnamed downstream of the stage
    final Properties properties = properties();
    final TopologyContext context = context();
    final StreamsBuilder builder =
        new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
    ParticipationTopology.addReferenceStores(builder, context);

    // when
    new IngestStage(context)
        .build(builder)
        .groupByKey(Grouped.with(Serdes.String(), context.serdes().treeMessage()))
        .count();

    // then the check is live: only the unnamed store fails it
    assertThatThrownBy(builder::build)
        .hasMessageContaining("has not been named")
        .hasMessageContaining("KSTREAM-AGGREGATE-STATE-STORE");
  }

  private Properties properties() {
    return IngestFixture.properties(stateDir, TopicNames.contract(), new RecordingEvents());
  }

  private TopologyContext context() {
    return new TopologyContext(
        TopologySettings.DEFAULTS,
        TopicNames.contract(),
        TopologySerdes.on(MockSchemaRegistry.client(scope)),
        Clock.systemUTC(),
        new RecordingEvents());
  }
}
