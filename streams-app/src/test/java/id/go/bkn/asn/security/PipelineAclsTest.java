package id.go.bkn.asn.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.topics.ContractTopic;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class PipelineAclsTest {

  private static final String APP_ID = "asn-participation";
  private static final List<AclBinding> ACLS =
      PipelineAcls.bindings(PipelineAcls.Principals.defaults(APP_ID));

  /** Whether the ACLs let {@code principal} do {@code operation} on the named resource. */
  private static boolean allowed(
      final String principal,
      final AclOperation operation,
      final ResourceType type,
      final String name) {
    return ACLS.stream()
        .filter(acl -> acl.entry().principal().equals(principal))
        .filter(acl -> acl.entry().permissionType() == AclPermissionType.ALLOW)
        .filter(acl -> acl.pattern().resourceType() == type)
        .filter(
            acl ->
                acl.entry().operation() == operation
                    || acl.entry().operation() == AclOperation.ALL
                    // Kafka: READ and WRITE imply DESCRIBE.
                    || (operation == AclOperation.DESCRIBE
                        && (acl.entry().operation() == AclOperation.READ
                            || acl.entry().operation() == AclOperation.WRITE)))
        .anyMatch(
            acl ->
                acl.pattern().patternType() == PatternType.LITERAL
                    ? acl.pattern().name().equals(name) || acl.pattern().name().equals("*")
                    : name.startsWith(acl.pattern().name()));
  }

  private static boolean canRead(final String principal, final String topic) {
    return allowed(principal, AclOperation.READ, ResourceType.TOPIC, topic);
  }

  @Test
  void shouldLetTheAppReadItsInputsAndWriteItsOutputsWhenDefaults() {
    final String app = PipelineAcls.DEFAULT_APP;
    for (final ContractTopic topic : ContractTopic.values()) {
      final String name = topic.topicName();
      switch (topic.role()) {
        case INPUT, REFERENCE -> {
          assertThat(canRead(app, name)).as(name).isTrue();
          assertThat(allowed(app, AclOperation.WRITE, ResourceType.TOPIC, name)).as(name).isFalse();
        }
        case OUTPUT, SIDE ->
            assertThat(allowed(app, AclOperation.WRITE, ResourceType.TOPIC, name))
                .as(name)
                .isTrue();
        default -> throw new IllegalStateException(topic.toString());
      }
    }
    assertThat(canRead(app, "analytics.unit-activity-weekly")).isTrue();
    assertThat(canRead(app, "training.dead-letters")).isFalse();
  }

  @Test
  void shouldGiveTheAppItsInternalTopicsGroupAndTransactionsWhenPrefixedByApplicationId() {
    final String app = PipelineAcls.DEFAULT_APP;
    final String changelog = APP_ID + "-roster-store-changelog";

    assertThat(allowed(app, AclOperation.CREATE, ResourceType.TOPIC, changelog)).isTrue();
    assertThat(allowed(app, AclOperation.DELETE, ResourceType.TOPIC, changelog)).isTrue();
    assertThat(canRead(app, changelog)).isTrue();
    assertThat(allowed(app, AclOperation.READ, ResourceType.GROUP, APP_ID)).isTrue();
    assertThat(allowed(app, AclOperation.READ, ResourceType.GROUP, "other-app")).isFalse();
    assertThat(allowed(app, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, APP_ID + "-a1b2-1"))
        .isTrue();
    // Another application's internal topics stay out of reach.
    assertThat(canRead(app, "asn-participation2-x-changelog")).isFalse();
    assertThat(ACLS).noneMatch(acl -> acl.pattern().resourceType() == ResourceType.CLUSTER);
  }

  @Test
  void shouldKeepTheDataTeamOutOfEveryTopicWithPersonalDataWhenDefaults() {
    final String team = PipelineAcls.DEFAULT_DATA_TEAM;
    for (final ContractTopic topic : ContractTopic.values()) {
      final String name = topic.topicName();
      final boolean aggregate = name.startsWith("analytics.") || name.startsWith("alerts.");
      assertThat(canRead(team, name)).as(name).isEqualTo(aggregate);
      if (topic.personalData()) {
        assertThat(canRead(team, name)).as(name).isFalse();
      }
    }
    assertThat(canRead(team, APP_ID + "-tree-ytd-store-changelog")).isFalse();
    assertThat(canRead(team, APP_ID + "-ingest-by-employee-repartition")).isFalse();
    assertThat(allowed(team, AclOperation.READ, ResourceType.GROUP, APP_ID)).isFalse();
    assertThat(allowed(team, AclOperation.DESCRIBE, ResourceType.TRANSACTIONAL_ID, APP_ID + "-1"))
        .isFalse();
    assertThat(allowed(team, AclOperation.READ, ResourceType.GROUP, "pipeline-consume-42"))
        .isTrue();
    assertThat(ACLS)
        .filteredOn(acl -> acl.entry().principal().equals(team))
        .allMatch(acl -> acl.entry().operation() == AclOperation.READ);
  }

  @Test
  void shouldLetTheRestrictedReaderReadRestrictedTopicsOnlyBesidesTheDataTeams() {
    final String reader = PipelineAcls.DEFAULT_RESTRICTED_READER;
    for (final ContractTopic topic : ContractTopic.values()) {
      final String name = topic.topicName();
      final boolean readable =
          name.startsWith("analytics.")
              || name.startsWith("alerts.")
              || name.startsWith("restricted.");
      assertThat(canRead(reader, name)).as(name).isEqualTo(readable);
    }
    assertThat(canRead(reader, APP_ID + "-tree-ytd-store-changelog")).isFalse();
  }

  @Test
  void shouldLetTheSourceWriteEventsAndReferenceDataOnlyWhenDefaults() {
    final String source = PipelineAcls.DEFAULT_SOURCE;
    for (final ContractTopic topic : ContractTopic.values()) {
      final boolean writable =
          topic.role() == ContractTopic.Role.INPUT || topic.role() == ContractTopic.Role.REFERENCE;
      assertThat(allowed(source, AclOperation.WRITE, ResourceType.TOPIC, topic.topicName()))
          .as(topic.topicName())
          .isEqualTo(writable);
      assertThat(canRead(source, topic.topicName())).isFalse();
    }
    assertThat(
            allowed(source, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, "asn-import-1234"))
        .isTrue();
  }

  @Test
  void shouldUseTheGivenApplicationIdWhenNotTheDefault() {
    final List<AclBinding> acls =
        PipelineAcls.bindings(PipelineAcls.Principals.defaults("kota-serang-prod"));

    assertThat(acls)
        .anyMatch(
            acl ->
                acl.pattern().resourceType() == ResourceType.GROUP
                    && acl.pattern().name().equals("kota-serang-prod"))
        .noneMatch(acl -> acl.pattern().name().startsWith(APP_ID));
  }

  @Test
  void shouldRefuseAPrincipalWithoutTypeWhenGiven() {
    assertThatThrownBy(
            () ->
                new PipelineAcls.Principals(
                    APP_ID, "asn-app", "User:s", "User:d", "User:r", "pipeline-consume-"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TYPE:NAME")
        .hasMessageContaining("'asn-app'");
  }

  @Test
  void shouldPrintOneReadableLineWhenDescribingAnAcl() {
    assertThat(ACLS.stream().map(PipelineAcls::describe))
        .contains(
            String.format(
                "%-28s %-6s %-16s %s", "User:asn-data-team", "READ", "TOPIC", "analytics.*"));
  }
}
