package id.go.bkn.asn.app;

import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.security.PipelineAcls;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline acls}: prints the least-privilege ACLs of {@link PipelineAcls} for the
 * principals and application id given (the defaults otherwise), or with {@code --apply} creates
 * them through the Admin API. Creating an ACL that exists changes nothing, so applying twice is
 * safe; ACLs that are not in the list are left alone.
 */
@Command(
    name = "acls",
    mixinStandardHelpOptions = true,
    description = {
      "Print (or with --apply, create) the least-privilege ACLs of the app, the event source,",
      "a data team and a restricted reader."
    })
final class AclsCommand implements Callable<Integer> {

  private static final long APPLY_TIMEOUT_SECONDS = 30;

  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
      description = "The streams app's application id (default ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(
      names = "--app-principal",
      paramLabel = "PRINCIPAL",
      defaultValue = PipelineAcls.DEFAULT_APP,
      description = "The streams app's principal (default ${DEFAULT-VALUE}).")
  String app;

  @Option(
      names = "--source-principal",
      paramLabel = "PRINCIPAL",
      defaultValue = PipelineAcls.DEFAULT_SOURCE,
      description =
          "Writes events and reference data: simulate, import, the training systems"
              + " (default ${DEFAULT-VALUE}).")
  String source;

  @Option(
      names = "--data-team-principal",
      paramLabel = "PRINCIPAL",
      defaultValue = PipelineAcls.DEFAULT_DATA_TEAM,
      description = "Reads analytics.* and alerts.* (default ${DEFAULT-VALUE}).")
  String dataTeam;

  @Option(
      names = "--restricted-reader-principal",
      paramLabel = "PRINCIPAL",
      defaultValue = PipelineAcls.DEFAULT_RESTRICTED_READER,
      description = "Reads restricted.* too (default ${DEFAULT-VALUE}).")
  String restrictedReader;

  @Option(
      names = "--reader-group-prefix",
      paramLabel = "PREFIX",
      defaultValue = PipelineAcls.DEFAULT_READER_GROUP_PREFIX,
      description =
          "Consumer groups the two readers may use (default ${DEFAULT-VALUE}, those of"
              + " ./pipeline consume).")
  String readerGroupPrefix;

  @Option(
      names = "--apply",
      description = "Create the ACLs on the cluster (needs a super user or ALTER on the cluster).")
  boolean apply;

  private final Environment environment;

  AclsCommand(final Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    final PipelineAcls.Principals principals;
    try {
      principals =
          new PipelineAcls.Principals(
              applicationId, app, source, dataTeam, restrictedReader, readerGroupPrefix);
    } catch (final IllegalArgumentException e) {
      throw new UserError("Invalid option: " + e.getMessage(), e);
    }
    final List<AclBinding> acls = PipelineAcls.bindings(principals);
    final PrintWriter out = spec.commandLine().getOut();
    out.println(
        "# Least-privilege ACLs for application id "
            + applicationId
            + " (ALLOW, any host; PREFIXED names end in *)");
    acls.forEach(acl -> out.println(PipelineAcls.describe(acl)));
    if (apply) {
      out.flush();
      create(acls);
      out.println(
          "Applied "
              + acls.size()
              + " ACLs on "
              + connection.bootstrapServers
              + " (those that existed are unchanged)");
    }
    return 0;
  }

  private void create(final List<AclBinding> acls) {
    try (Admin admin = Admin.create(connection.kafka(environment).clientConfig())) {
      ClusterErrors.explain(
          connection.bootstrapServers,
          () -> {
            try {
              return admin.createAcls(acls).all().get(APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (final ExecutionException e) {
              throw explain(e.getCause());
            } catch (final TimeoutException e) {
              throw new UserError(
                  "Kafka at "
                      + connection.bootstrapServers
                      + " did not confirm the ACLs within "
                      + APPLY_TIMEOUT_SECONDS
                      + " s: check that the cluster is up, then run again",
                  e);
            } catch (final InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new UserError("Interrupted while applying the ACLs", e);
            }
          });
    }
  }

  private RuntimeException explain(final Throwable cause) {
    if (cause instanceof SecurityDisabledException) {
      return new UserError(
          "Kafka at "
              + connection.bootstrapServers
              + " has no authorizer (authorizer.class.name), so it keeps no ACLs: enable one"
              + " first, e.g. org.apache.kafka.metadata.authorizer.StandardAuthorizer",
          cause);
    }
    if (cause instanceof ClusterAuthorizationException) {
      return new UserError(
          "Kafka at "
              + connection.bootstrapServers
              + " refused to create ACLs for this principal: use a super user's credentials"
              + " (KAFKA_SASL_JAAS_CONFIG) or one with ALTER on the cluster",
          cause);
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new IllegalStateException(cause);
  }
}
