package id.go.bkn.asn.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.local.EmbeddedKafka;
import id.go.bkn.asn.local.EmbeddedKafkaBroker;
import id.go.bkn.asn.local.KafkaTestClients;
import id.go.bkn.asn.topics.TopicSetupResult.TopicMismatch;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link TopicAdmin} against a real broker. The tests share one broker and follow the life of a
 * cluster in order: the first run, a second run, a run after an operator changed a topic.
 */
@EmbeddedKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicAdminIT {
  private static final List<String> ALL_TOPICS =
      Arrays.stream(ContractTopic.values()).map(ContractTopic::topicName).toList();

  @Test
  @Order(1)
  void shouldCreateEveryContractTopicWithItsSettingsWhenNoneExists(final EmbeddedKafkaBroker kafka)
      throws Exception {
    try (Admin admin = KafkaTestClients.admin(kafka)) {
      // given
      final TopicAdmin topicAdmin = new TopicAdmin(admin, TopicSettings.defaults());

      // when
      final TopicSetupResult result = topicAdmin.createTopics();

      // then
      assertThat(result.created()).containsExactlyElementsOf(ALL_TOPICS);
      assertThat(result.existing()).isEmpty();
      assertThat(result.mismatched()).isEmpty();
      final Map<String, TopicDescription> descriptions =
          admin.describeTopics(ALL_TOPICS).allTopicNames().get();
      final Map<String, Config> configs = topicConfigs(admin, ALL_TOPICS);
      for (final ContractTopic topic : ContractTopic.values()) {
        final TopicDescription description = descriptions.get(topic.topicName());
        assertThat(description.partitions()).as(topic.topicName()).hasSize(6);
        assertThat(description.partitions().get(0).replicas()).hasSize(1);
        final Config config = configs.get(topic.topicName());
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
            .as(topic.topicName())
            .isEqualTo(topic.cleanup().policy());
        topic
            .retention()
            .ifPresent(
                retention ->
                    assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .as(topic.topicName())
                        .isEqualTo(Long.toString(retention.toMillis())));
      }
      assertThat(configs.get("training.attendance").get(TopicConfig.RETENTION_MS_CONFIG).value())
          .isEqualTo("34560000000");
      assertThat(configs.get("training.dead-letters").get(TopicConfig.RETENTION_MS_CONFIG).value())
          .isEqualTo("2592000000");
    }
  }

  @Test
  @Order(2)
  void shouldCreateNothingAndReportAllExistingWhenRunTwice(final EmbeddedKafkaBroker kafka) {
    try (Admin admin = KafkaTestClients.admin(kafka)) {
      // given
      final TopicAdmin topicAdmin = new TopicAdmin(admin, TopicSettings.defaults());
      topicAdmin.createTopics();

      // when
      final TopicSetupResult second = topicAdmin.createTopics();

      // then
      assertThat(second.createdNothing()).isTrue();
      assertThat(second.existing()).containsExactlyElementsOf(ALL_TOPICS);
      assertThat(second.mismatched()).isEmpty();
      assertThat(second.summary()).isEqualTo("0 topics created, 14 already existed");
    }
  }

  @Test
  @Order(3)
  void shouldReportButNotChangeTopicsWhenTheyDifferFromTheContract(final EmbeddedKafkaBroker kafka)
      throws Exception {
    try (Admin admin = KafkaTestClients.admin(kafka)) {
      // given: the contract topics, then an operator added partitions and changed a policy
      final TopicAdmin topicAdmin = new TopicAdmin(admin, TopicSettings.defaults());
      topicAdmin.createTopics();
      admin
          .createPartitions(Map.of("alerts.participation", NewPartitions.increaseTo(8)))
          .all()
          .get();
      final ConfigResource lateEvents =
          new ConfigResource(ConfigResource.Type.TOPIC, "training.late-events");
      admin
          .incrementalAlterConfigs(
              Map.of(
                  lateEvents,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact"),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get();
      // The controller acknowledges before the broker's metadata cache, which answers describe
      // requests, has caught up.
      await()
          .atMost(KafkaTestClients.TIMEOUT)
          .untilAsserted(
              () -> {
                assertThat(partitionsOf(admin, "alerts.participation")).isEqualTo(8);
                assertThat(
                        topicConfigs(admin, List.of("training.late-events"))
                            .get("training.late-events")
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                            .value())
                    .isEqualTo("compact");
              });

      // when
      final TopicSetupResult result = topicAdmin.createTopics();

      // then
      assertThat(result.created()).isEmpty();
      assertThat(result.existing()).containsExactlyElementsOf(ALL_TOPICS);
      assertThat(result.mismatched())
          .containsExactly(
              new TopicMismatch("alerts.participation", "has 8 partitions, the contract says 6"),
              new TopicMismatch(
                  "training.late-events", "has cleanup.policy=compact, the contract says delete"));
      assertThat(partitionsOf(admin, "alerts.participation")).as("left as it is").isEqualTo(8);
      assertThat(result.summary())
          .isEqualTo("0 topics created, 14 already existed, 2 differ from the contract");
    }
  }

  private static int partitionsOf(final Admin admin, final String topic) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .size();
  }

  private static Map<String, Config> topicConfigs(
      final Admin admin, final Collection<String> topics) throws Exception {
    final List<ConfigResource> resources =
        topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    return admin.describeConfigs(resources).all().get().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
  }
}
