package id.go.bkn.asn.security;

import id.go.bkn.asn.topics.ContractTopic;
import id.go.bkn.asn.topology.ReferenceAuditTopology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACLs of a deployment, as Kafka {@link AclBinding}s, for four principals:
 *
 * <ul>
 *   <li>the streams app: READ on the input and reference topics; WRITE on its output and set-aside
 *       topics, and READ on the aggregate topics its aggregate view reads back (a plain consumer,
 *       no group); ALL on the topics named {@code <application.id>-*} (its repartition topics and
 *       changelogs, which it creates); READ on its consumer group {@code <application.id>}; WRITE
 *       on the transactional ids {@code <application.id>-*} of exactly_once_v2; READ on the
 *       consumer group {@code <application.id>-reference-judge} of its reference judge (whose
 *       internal topics and valid-record copies share the prefix above);
 *   <li>the event source ({@code ./pipeline simulate}, {@code ./pipeline import} or the training
 *       systems): WRITE on the input and reference topics, and on the import's transactional ids
 *       {@code asn-import-*};
 *   <li>a data team: READ on {@code analytics.*} and {@code alerts.*}, and on its own consumer
 *       groups; nothing else, in particular no topic holding personal data;
 *   <li>a restricted reader: what the data team has plus {@code restricted.*}.
 * </ul>
 *
 * <p>READ and WRITE imply DESCRIBE in Kafka's authorizer, so none is listed. Nothing here is on the
 * cluster resource: creating the contract's topics ({@code ./pipeline topics}) and applying these
 * ACLs are an administrator's jobs. A pure computation, without a Kafka connection.
 */
public final class PipelineAcls {

  /** The default principals, as printed by {@code ./pipeline acls} without options. */
  public static final String DEFAULT_APP = "User:asn-app";

  public static final String DEFAULT_SOURCE = "User:asn-source";
  public static final String DEFAULT_DATA_TEAM = "User:asn-data-team";
  public static final String DEFAULT_RESTRICTED_READER = "User:asn-restricted-reader";

  /** The prefix of {@code ./pipeline consume}'s consumer groups, the readers' default. */
  public static final String DEFAULT_READER_GROUP_PREFIX = "pipeline-consume-";

  /** The prefix of {@code ./pipeline import}'s transactional ids. */
  public static final String IMPORT_TRANSACTIONAL_ID_PREFIX = "asn-import-";

  /** Topic prefixes of the data a data team may read. */
  public static final List<String> DATA_TEAM_TOPIC_PREFIXES = List.of("analytics.", "alerts.");

  /** The topic prefix only the restricted reader may read besides the data team's. */
  public static final String RESTRICTED_TOPIC_PREFIX = "restricted.";

  private static final String HOST = "*";
  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z]+:\\S.*");

  /**
   * Who gets what.
   *
   * @param applicationId the streams app's {@code application.id}
   * @param app the streams app's principal, e.g. {@code User:asn-app}
   * @param source the principal that writes events and reference data
   * @param dataTeam the principal of the data team
   * @param restrictedReader the principal that may also read {@code restricted.*}
   * @param readerGroupPrefix the consumer groups the two readers may use
   */
  public record Principals(
      String applicationId,
      String app,
      String source,
      String dataTeam,
      String restrictedReader,
      String readerGroupPrefix) {

    public Principals {
      requirePrincipal("app", app);
      requirePrincipal("source", source);
      requirePrincipal("data team", dataTeam);
      requirePrincipal("restricted reader", restrictedReader);
      if (applicationId == null || applicationId.isBlank()) {
        throw new IllegalArgumentException("the application id is empty");
      }
      if (readerGroupPrefix == null || readerGroupPrefix.isBlank()) {
        throw new IllegalArgumentException("the readers' consumer group prefix is empty");
      }
    }

    /** The defaults for an application id. */
    public static Principals defaults(final String applicationId) {
      return new Principals(
          applicationId,
          DEFAULT_APP,
          DEFAULT_SOURCE,
          DEFAULT_DATA_TEAM,
          DEFAULT_RESTRICTED_READER,
          DEFAULT_READER_GROUP_PREFIX);
    }

    private static void requirePrincipal(final String role, final String principal) {
      if (principal == null || !PRINCIPAL.matcher(principal).matches()) {
        throw new IllegalArgumentException(
            "the "
                + role
                + " principal must be TYPE:NAME, e.g. User:asn-app, got '"
                + principal
                + "'");
      }
    }
  }

  private PipelineAcls() {}

  /** Every ACL of the deployment, grouped by principal in the order of the class comment. */
  public static List<AclBinding> bindings(final Principals who) {
    Objects.requireNonNull(who, "who");
    final List<AclBinding> acls = new ArrayList<>();
    acls.addAll(app(who.app(), who.applicationId()));
    acls.addAll(source(who.source()));
    acls.addAll(reader(who.dataTeam(), who.readerGroupPrefix(), false));
    acls.addAll(reader(who.restrictedReader(), who.readerGroupPrefix(), true));
    return Collections.unmodifiableList(acls);
  }

  /** The streams app's ACLs. */
  static List<AclBinding> app(final String principal, final String applicationId) {
    final List<AclBinding> acls = new ArrayList<>();
    for (final ContractTopic topic : ContractTopic.values()) {
      switch (topic.role()) {
        case INPUT, REFERENCE -> acls.add(topic(principal, topic, AclOperation.READ));
        case OUTPUT -> {
          acls.add(topic(principal, topic, AclOperation.WRITE));
          // The aggregate view reads back what the app wrote (but not restricted.*).
          if (!topic.personalData()) {
            acls.add(topic(principal, topic, AclOperation.READ));
          }
        }
        case SIDE -> acls.add(topic(principal, topic, AclOperation.WRITE));
        default -> throw new IllegalStateException("No ACL rule for " + topic);
      }
    }
    // Internal topics are <application.id>-<name>-repartition and -changelog: created, read,
    // written, purged (deleteRecords) and described by the app alone.
    acls.add(
        allow(
            principal,
            ResourceType.TOPIC,
            applicationId + "-",
            PatternType.PREFIXED,
            AclOperation.ALL));
    acls.add(
        allow(
            principal, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
    // The reference judge's client (it reads the reference topics, writes dead letters and the
    // copies <application.id>-reference-units-valid and -programs-valid the global stores read,
    // under
    // its own application id; its transactional ids share the prefix above).
    acls.add(
        allow(
            principal,
            ResourceType.GROUP,
            applicationId + ReferenceAuditTopology.APPLICATION_ID_SUFFIX,
            PatternType.LITERAL,
            AclOperation.READ));
    // exactly_once_v2: one transactional id per stream thread, <application.id>-<process>-<n>.
    acls.add(
        allow(
            principal,
            ResourceType.TRANSACTIONAL_ID,
            applicationId + "-",
            PatternType.PREFIXED,
            AclOperation.WRITE));
    return acls;
  }

  /** The event source's ACLs. */
  static List<AclBinding> source(final String principal) {
    final List<AclBinding> acls = new ArrayList<>();
    for (final ContractTopic topic : ContractTopic.values()) {
      if (topic.role() == ContractTopic.Role.INPUT
          || topic.role() == ContractTopic.Role.REFERENCE) {
        acls.add(topic(principal, topic, AclOperation.WRITE));
      }
    }
    acls.add(
        allow(
            principal,
            ResourceType.TRANSACTIONAL_ID,
            IMPORT_TRANSACTIONAL_ID_PREFIX,
            PatternType.PREFIXED,
            AclOperation.WRITE));
    return acls;
  }

  /** A reader's ACLs: the aggregate and alert topics, and {@code restricted.*} if allowed. */
  static List<AclBinding> reader(
      final String principal, final String groupPrefix, final boolean restricted) {
    final List<AclBinding> acls = new ArrayList<>();
    final List<String> prefixes = new ArrayList<>(DATA_TEAM_TOPIC_PREFIXES);
    if (restricted) {
      prefixes.add(RESTRICTED_TOPIC_PREFIX);
    }
    for (final String prefix : prefixes) {
      acls.add(
          allow(principal, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.READ));
    }
    acls.add(
        allow(principal, ResourceType.GROUP, groupPrefix, PatternType.PREFIXED, AclOperation.READ));
    return acls;
  }

  /** One line per ACL, aligned, for people: {@code User:x READ TOPIC training.attendance}. */
  public static String describe(final AclBinding acl) {
    final ResourcePattern pattern = acl.pattern();
    final String name =
        pattern.patternType() == PatternType.PREFIXED ? pattern.name() + "*" : pattern.name();
    return String.format(
        "%-28s %-6s %-16s %s",
        acl.entry().principal(), acl.entry().operation(), pattern.resourceType(), name);
  }

  private static AclBinding topic(
      final String principal, final ContractTopic topic, final AclOperation operation) {
    return allow(principal, ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL, operation);
  }

  private static AclBinding allow(
      final String principal,
      final ResourceType type,
      final String name,
      final PatternType patternType,
      final AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, patternType),
        new AccessControlEntry(principal, HOST, operation, AclPermissionType.ALLOW));
  }
}
