package id.go.bkn.asn.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What the pipeline asks of a schema registry that speaks the Confluent Schema Registry API:
 * register and look up Avro schemas under subjects, fetch a schema by the id found in a record's
 * wire format, check and configure compatibility. Implementations: {@link HttpSchemaRegistryClient}
 * (a real registry), {@link StoreSchemaRegistryClient} (an in-process store, used by {@code
 * mock://} scopes) and {@link CachingSchemaRegistryClient} (the decorator the serdes use, so the
 * hot path never calls the registry per record). Failures are {@link SchemaRegistryException}s.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers the schema under the subject and returns its id; registering a schema the subject
   * already has returns the existing id and creates no version.
   */
  int register(String subject, Schema schema);

  /** The schema with this registry-wide id (error 40403 when there is none). */
  Schema schemaById(int id);

  /** The latest version of the subject (error 40401 when the subject is unknown). */
  SubjectVersion latest(String subject);

  /** One version of the subject (error 40401 or 40402). */
  SubjectVersion version(String subject, int version);

  /** Every subject, sorted. */
  List<String> subjects();

  /** The version numbers of a subject, ascending (error 40401 when it is unknown). */
  List<Integer> versions(String subject);

  /** The version of the subject holding this schema, if it has one. */
  Optional<SubjectVersion> lookup(String subject, Schema schema);

  /**
   * True when the schema could be registered under the subject at its compatibility level (always
   * true for a subject without versions).
   */
  boolean isCompatible(String subject, Schema schema);

  /** The registry-wide compatibility level. */
  CompatibilityLevel compatibility();

  /** The level that applies to the subject: its own when set, else the global one. */
  CompatibilityLevel compatibility(String subject);

  /** Sets the registry-wide compatibility level. */
  void setCompatibility(CompatibilityLevel level);

  /** Sets the subject's own compatibility level. */
  void setCompatibility(String subject, CompatibilityLevel level);

  /** Releases connections; a no-op for in-process clients. */
  @Override
  void close();
}
