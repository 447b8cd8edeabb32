package id.go.bkn.asn.serde;

import id.go.bkn.asn.registry.InMemorySchemaLog;
import id.go.bkn.asn.registry.SchemaLogEntry;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryStore;
import id.go.bkn.asn.registry.StoreSchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.avro.Schema;

/** Test helpers: registries with schemas at chosen ids, and hex fixtures. */
final class Fixtures {
  private Fixtures() {}

  /** A client of a fresh store that holds the schema under the subject with exactly this id. */
  static SchemaRegistryClient registryWith(
      final String subject, final int id, final Schema schema) {
    final InMemorySchemaLog log = new InMemorySchemaLog();
    log.append(new SchemaLogEntry.SchemaVersion(subject, 1, id, schema.toString(), false));
    return new StoreSchemaRegistryClient(new SchemaRegistryStore(log));
  }

  /** The bytes of a hex fixture; '#' starts a comment, whitespace is ignored. */
  static byte[] hex(final String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      final StringBuilder digits = new StringBuilder();
      for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        final int comment = line.indexOf('#');
        digits.append((comment < 0 ? line : line.substring(0, comment)).replaceAll("\\s", ""));
      }
      return HexFormat.of().parseHex(digits);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
