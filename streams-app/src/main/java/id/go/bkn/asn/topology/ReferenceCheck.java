package id.go.bkn.asn.topology;

import id.go.bkn.asn.error.TransientRegistryFault;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.function.EventValidator;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The one decision over a record of a reference topic ({@code reference.units}, {@code
 * reference.programs}): applied to its global store, or set aside with a reason. The global store
 * ({@link GlobalStoreUpdater}) and the reference judge ({@link ReferenceAuditTopology}), which
 * writes the dead letters the global thread cannot, both call this with the record's raw key and
 * bytes, so they cannot disagree about a record: what the store skips is exactly what is set aside.
 * The decision depends on the record alone, never on the store, so both sides reach it whatever
 * they read before (a cycle through several units is therefore not a record's fault: {@link
 * UnitHierarchy} stops its walks instead).
 *
 * <p>A null value is a tombstone, and reference records are never deleted (CONTRACT.md section 5: a
 * unit is ended with active=false, a programme stays in the catalogue), so it is INVALID_FIELD and
 * changes nothing: the store keeps the last valid version. An empty value, bytes that do not decode
 * and a record of another type are DESERIALIZATION; a key or id that is missing, blank, over
 * {@value EventValidator#MAX_ID_LENGTH} characters, not UTF-8 or not equal to the record's id, and
 * a unit that is its own parent, are INVALID_FIELD. Details name fields only.
 *
 * @param <V> the reference record type
 */
public final class ReferenceCheck<V> {

  /**
   * What the check decided.
   *
   * @param key the record's key as text, null when it is not valid UTF-8 or absent
   * @param value the decoded value to apply (null only when rejected)
   * @param rejection why the record is set aside, null when it is applied
   * @param cause the exception behind a DESERIALIZATION rejection, else null
   * @param <V> the reference record type
   */
  public record Verdict<V>(String key, V value, Rejection rejection, Exception cause) {

    /** True when the record is applied to the store (its value put). */
    public boolean accepted() {
      return rejection == null;
    }
  }

  private final Deserializer<V> deserializer;
  private final Function<V, CharSequence> id;
  private final Function<V, Optional<Rejection>> fields;
  private final String tombstone;

  private ReferenceCheck(
      final Deserializer<V> deserializer,
      final Function<V, CharSequence> id,
      final Function<V, Optional<Rejection>> fields,
      final String tombstone) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.id = id;
    this.fields = fields;
    this.tombstone = tombstone;
  }

  /** The detail of a unit tombstone's dead letter. */
  public static final String UNIT_TOMBSTONE =
      "a tombstone: units are ended with active=false, never deleted";

  /** The detail of a programme tombstone's dead letter. */
  public static final String PROGRAM_TOMBSTONE =
      "a tombstone: programmes stay in the catalogue, never deleted";

  /** The check of {@code reference.units}. */
  public static ReferenceCheck<WorkUnit> units(final Deserializer<WorkUnit> deserializer) {
    return new ReferenceCheck<>(
        deserializer, WorkUnit::getUnitId, ReferenceCheck::unitFields, UNIT_TOMBSTONE);
  }

  /** The check of {@code reference.programs}. */
  public static ReferenceCheck<TrainingProgram> programs(
      final Deserializer<TrainingProgram> deserializer) {
    return new ReferenceCheck<>(
        deserializer,
        TrainingProgram::getProgramId,
        program -> EventValidator.text("programId", str(program.getProgramId())),
        PROGRAM_TOMBSTONE);
  }

  /** The decision over one record of {@code topic}. */
  public Verdict<V> check(final String topic, final byte[] rawKey, final byte[] rawValue) {
    final String key = utf8(rawKey);
    if (rawKey != null && key == null) {
      return rejected(null, Rejection.invalidField("key is not UTF-8 text"), null);
    }
    final Optional<Rejection> badKey = EventValidator.text("key", key);
    if (badKey.isPresent()) {
      return rejected(key, badKey.get(), null);
    }
    if (rawValue == null) {
      return rejected(key, Rejection.invalidField(tombstone), null);
    }
    final V value;
    try {
      value = deserializer.deserialize(topic, rawValue);
    } catch (final RuntimeException e) {
      if (TransientRegistryFault.of(e) != null) {
        // The registry did not answer: the record is most likely valid. Thrown, so that the
        // processing handler fails the task and it is read again, instead of set aside.
        throw e;
      }
      return rejected(
          key,
          new Rejection(
              DeadLetterReason.DESERIALIZATION,
              e.getClass().getSimpleName() + ": " + firstLine(e.getMessage())),
          e);
    }
    if (value == null) {
      // Only a null payload reads as null, and that was handled above; defensive.
      return rejected(
          key, new Rejection(DeadLetterReason.DESERIALIZATION, "value decodes to nothing"), null);
    }
    final Optional<Rejection> badField = fields.apply(value).or(() -> sameId(key, id.apply(value)));
    return badField.isPresent()
        ? rejected(key, badField.get(), null)
        : new Verdict<>(key, value, null, null);
  }

  private static Optional<Rejection> unitFields(final WorkUnit unit) {
    final String unitId = str(unit.getUnitId());
    final String parent = str(unit.getParentUnitId());
    return EventValidator.text("unitId", unitId)
        .or(() -> parent == null ? Optional.empty() : EventValidator.text("parentUnitId", parent))
        .or(
            () ->
                unitId.equals(parent)
                    ? Optional.of(Rejection.invalidField("parentUnitId is the unit itself"))
                    : Optional.empty());
  }

  private static Optional<Rejection> sameId(final String key, final CharSequence id) {
    if (id == null || key.contentEquals(id)) {
      return Optional.empty();
    }
    return Optional.of(Rejection.invalidField("the key is not the record's id"));
  }

  /** A message's first line: the serdes append whole schemas to some. */
  private static String firstLine(final String message) {
    if (message == null) {
      return "";
    }
    final int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end).strip();
  }

  private static String str(final CharSequence text) {
    return text == null ? null : text.toString();
  }

  private static String utf8(final byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (final CharacterCodingException e) {
      return null;
    }
  }

  private static <V> Verdict<V> rejected(
      final String key, final Rejection rejection, final Exception cause) {
    return new Verdict<>(key, null, rejection, cause);
  }
}
