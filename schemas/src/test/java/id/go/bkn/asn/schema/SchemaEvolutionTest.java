package id.go.bkn.asn.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The evolution guard: every schema in {@code src/main/avro} must read data written with every
 * released version of it kept in {@code released/<Record>/v<N>.avsc} (BACKWARD_TRANSITIVE), checked
 * with Avro's own {@link SchemaCompatibility}. Releasing a version means copying the schema there.
 */
class SchemaEvolutionTest {

  private static final Path CURRENT = Path.of("src/main/avro");
  private static final Path RELEASED = Path.of("released");
  private static final Path INCOMPATIBLE = Path.of("src/test/resources/incompatible");

  @TestFactory
  Stream<DynamicTest> shouldReadEveryReleasedVersionWhenCheckedBackwardTransitive() {
    return currentSchemaFiles().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      final Schema current = parse(file);
                      final List<Path> released = releasedVersions(recordName(file));
                      assertThat(released)
                          .as("released versions of %s (copy it to released/ when released)", file)
                          .isNotEmpty();
                      for (final Path version : released) {
                        assertThat(incompatibilities(current, parse(version)))
                            .as("%s reading data written with %s", file, version)
                            .isEmpty();
                      }
                    }));
  }

  @Test
  void shouldRejectRequiredFieldWithoutDefaultWhenCheckedAgainstReleasedVersion() {
    final Schema changed = parse(INCOMPATIBLE.resolve("UnitActivity.avsc"));

    final List<String> problems =
        incompatibilities(changed, parse(RELEASED.resolve("UnitActivity/v1.avsc")));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("budgetIdr"));
  }

  @Test
  void shouldRejectNarrowedTypeWhenCheckedAgainstReleasedVersion() {
    final Schema changed = parse(INCOMPATIBLE.resolve("AttendanceEvent.avsc"));

    final List<String> problems =
        incompatibilities(changed, parse(RELEASED.resolve("AttendanceEvent/v1.avsc")));

    // sessionJp is field 6 of AttendanceEvent; Avro names the location by index.
    assertThat(problems)
        .containsExactly(
            "TYPE_MISMATCH at /fields/6/type: reader type: INT not compatible with writer type: DOUBLE");
  }

  @Test
  void shouldKeepEveryFieldDocumentedWhenSchemasChange() {
    for (final Path file : currentSchemaFiles()) {
      final Schema schema = parse(file);
      assertThat(schema.getDoc()).as("doc of %s", file).isNotBlank();
      schema
          .getFields()
          .forEach(f -> assertThat(f.doc()).as("doc of %s.%s", file, f.name()).isNotBlank());
    }
  }

  private static List<String> incompatibilities(final Schema reader, final Schema writer) {
    final var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    final List<String> problems = new ArrayList<>();
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      result
          .getResult()
          .getIncompatibilities()
          .forEach(
              i -> problems.add(i.getType() + " at " + i.getLocation() + ": " + i.getMessage()));
    }
    return problems;
  }

  private static List<Path> currentSchemaFiles() {
    return list(CURRENT);
  }

  private static List<Path> releasedVersions(final String record) {
    final Path dir = RELEASED.resolve(record);
    return Files.isDirectory(dir) ? list(dir) : List.of();
  }

  private static List<Path> list(final Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String recordName(final Path file) {
    final String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".avsc".length());
  }

  private static Schema parse(final Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
