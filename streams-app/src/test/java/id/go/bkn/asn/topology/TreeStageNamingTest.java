package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.topology.tree.TreeStores;
import java.time.Clock;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/** Every store, processor and internal topic of the tree stage is named. */
class TreeStageNamingTest {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  @Test
  void shouldBuildWithNamedResourcesWhenExplicitNamingIsEnforced() {
    // given
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tree-naming");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // As the app sets it (StreamsSettings), so that the test builds what production builds.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
    final String scope = "scope-" + UUID.randomUUID();
    final TopologySerdes serdes = TopologySerdes.on(MockSchemaRegistry.client(scope));
    final TopologyContext context =
        new TopologyContext(
            TopologySettings.DEFAULTS,
            TopicNames.contract(),
            serdes,
            Clock.systemUTC(),
            PipelineEvents.NONE);
    ParticipationTopology.addReferenceStores(builder, context);
    final KStream<String, TreeMessage> source =
        builder.stream(
            "test.tree", Consumed.with(Serdes.String(), serdes.treeMessage()).withName("src"));
    // when
    new TreeStage(context)
        .build(builder, source)
        .to("out", Produced.with(Serdes.String(), serdes.programMessage()).withName("out-sink"));
    final String description = builder.build().describe().toString();
    MockSchemaRegistry.drop(scope);
    // then
    assertThat(description)
        .contains(
            "asn-program-repartition",
            "tree-aggregate",
            TreeStores.CLOCK,
            TreeStores.WINDOWS,
            TreeStores.SEEN,
            TreeStores.YTD_EMPLOYEE,
            TreeStores.YTD_UNIT,
            TreeStores.HEADCOUNT,
            TreeStores.ALERTS)
        .doesNotContain("KSTREAM-", "KTABLE-", "tree-emitted", "tree-dirty", "tree-window-figures");
  }
}
