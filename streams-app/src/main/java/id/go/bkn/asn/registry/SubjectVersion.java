package id.go.bkn.asn.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject: the subject, its version number (1, 2...), the registry-wide schema id
 * that goes into the wire format, and the schema itself.
 */
public record SubjectVersion(String subject, int version, int id, Schema schema) {
  public SubjectVersion {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
