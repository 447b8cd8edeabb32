package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.schema.Delivery;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.TrainingProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input property (issue #9 item 5) through the ingest stage on TopologyTestDriver: for any
 * mix of valid events and bad records of every kind on all six input topics, in any order, (1) the
 * messages the tree stage receives for the valid events (every figure is computed from them) are
 * exactly those it receives when the valid events are sent alone, and (2) every bad event record is
 * in the dead letters, with its original key and bytes and the reason its kind must get. A roster
 * tombstone is set aside here too (INVALID_FIELD) and changes nothing, and so is a roster version
 * for an unknown unit that a later version of its employee supersedes while it waits
 * (UNKNOWN_UNIT); one that is still waiting changes nothing. Other bad reference records (roster
 * versions for a unit that does not exist, dated next month, or published twice; units that loop or
 * dangle; unit and programme tombstones and unknown codes) set nothing aside here and change none
 * of the valid events' messages (a unit that is its own parent and the unit and programme
 * tombstones are set aside by the reference audit, a client of its own: {@link
 * ReferenceAuditTest}).
 */
class BadInputPropertyTest {

  private static final List<String> EMPLOYEES =
      List.of("198703152010011002", "199001012015011001", "198512122008012003");
  private static final List<String> UNITS = List.of("DINKES", "DISDIK", "BKPSDM-KAB");

  /** How many random mixes are tried. */
  private static final int MIXES = 25;

  /** One input record of the mix: a valid event, a bad event, or a bad reference record. */
  private record Item(Kind kind, int employee, int minutes, double value, String id) {}

  /** What an item is; bad event kinds name the reason they must get. */
  enum Kind {
    VALID_ATTENDANCE(null),
    VALID_ENROLLMENT(null),
    VALID_FEEDBACK(null),
    UNDECODABLE(DeadLetterReason.DESERIALIZATION),
    EMPTY_VALUE(DeadLetterReason.DESERIALIZATION),
    OTHER_TYPE(DeadLetterReason.DESERIALIZATION),
    TOMBSTONE(DeadLetterReason.INVALID_FIELD),
    NULL_KEY(DeadLetterReason.INVALID_FIELD),
    WRONG_KEY(DeadLetterReason.INVALID_FIELD),
    EMPTY_ID(DeadLetterReason.INVALID_FIELD),
    LONG_ID(DeadLetterReason.INVALID_FIELD),
    BAD_JP(DeadLetterReason.INVALID_FIELD),
    BAD_OVERALL(DeadLetterReason.INVALID_FIELD),
    BAD_RECOMMEND(DeadLetterReason.INVALID_FIELD),
    BAD_CAREER(DeadLetterReason.INVALID_FIELD),
    BEFORE_2000(DeadLetterReason.INVALID_FIELD),
    FAR_FUTURE(DeadLetterReason.FUTURE_TIMESTAMP),
    JUST_ACROSS_SKEW(DeadLetterReason.FUTURE_TIMESTAMP),
    UNKNOWN_EMPLOYEE(DeadLetterReason.UNKNOWN_EMPLOYEE),
    ROSTER_UNKNOWN_UNIT(null),
    ROSTER_NEXT_MONTH(null),
    ROSTER_REPUBLISHED(null),
    ROSTER_TOMBSTONE(DeadLetterReason.INVALID_FIELD),
    ROSTER_UNKNOWN_UNIT_SUPERSEDED(DeadLetterReason.UNKNOWN_UNIT),
    UNIT_TOMBSTONE(null),
    UNIT_CYCLE(null),
    UNIT_SELF_PARENT(null),
    UNIT_DANGLING(null),
    PROGRAM_TOMBSTONE(null),
    PROGRAM_UNKNOWN_CODES(null);

    final DeadLetterReason reason;

    Kind(final DeadLetterReason reason) {
      this.reason = reason;
    }

    boolean valid() {
      return name().startsWith("VALID_");
    }
  }

  /** Seeds of the random mixes: each is one case of the property, reproducible by its seed. */
  static LongStream seeds() {
    return LongStream.rangeClosed(1, MIXES);
  }

  @ParameterizedTest(name = "mix of seed {0}")
  @MethodSource("seeds")
  void shouldKeepValidFiguresAndSetAsideEveryBadRecordWhenTheyAreMixed(final long seed) {
    final List<Item> mix = mix(new Random(seed));
    final List<Item> valid = mix.stream().filter(i -> i.kind().valid()).toList();

    final Run alone = run(valid);
    final Run mixed = run(mix);

    assertThat(mixed.events())
        .as("messages of the valid events in %s", mix)
        .isEqualTo(alone.events());
    final List<Item> bad = mix.stream().filter(i -> i.kind().reason != null).toList();
    assertThat(mixed.deadLetters()).as("dead letters of %s", mix).hasSameSizeAs(bad);
    for (final Item item : bad) {
      assertThat(
              mixed.deadLetters().stream()
                  .filter(d -> Arrays.equals(d.value(), mixed.sent().get(mix.indexOf(item))))
                  .map(d -> IngestStageTest.text(d.headers(), DeadLetterHeaders.REASON))
                  .toList())
          .as("reason of %s", item)
          .contains(item.kind().reason.name());
    }
    assertThat(alone.deadLetters()).isEmpty();
  }

  /**
   * A random mix of 1 to 30 items, about half valid events, the rest bad records of every kind, in
   * random order, each with its own id. Written by hand rather than with a property-testing
   * library: see the class comment.
   */
  private static List<Item> mix(final Random random) {
    final Kind[] validKinds = {Kind.VALID_ATTENDANCE, Kind.VALID_ENROLLMENT, Kind.VALID_FEEDBACK};
    final Kind[] badKinds =
        Arrays.stream(Kind.values()).filter(k -> !k.valid()).toArray(Kind[]::new);
    final double[] badValues = {Double.NaN, Double.POSITIVE_INFINITY, -0.5, 1e9, 25.0};
    final int size = 1 + random.nextInt(30);
    final List<Item> items = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      final boolean isValid = random.nextBoolean();
      final Kind kind =
          isValid
              ? validKinds[random.nextInt(validKinds.length)]
              : badKinds[random.nextInt(badKinds.length)];
      final double value =
          isValid ? random.nextInt(81) / 10.0 : badValues[random.nextInt(badValues.length)];
      items.add(
          new Item(
              kind,
              random.nextInt(EMPLOYEES.size()),
              61 + random.nextInt(5 * 24 * 60 - 61),
              value,
              String.format(Locale.ROOT, "id%06d", i * 1000 + random.nextInt(1000))));
    }
    return items;
  }

  /** What one driver run produced, and the value bytes of each item as sent. */
  private record Run(
      List<TreeMessage> events, List<TestRecord<String, byte[]>> deadLetters, List<byte[]> sent) {}

  private static Run run(final List<Item> items) {
    final Path dir = tempDir();
    try (IngestFixture fixture = new IngestFixture(dir)) {
      for (int e = 0; e < EMPLOYEES.size(); e++) {
        fixture.roster(EMPLOYEES.get(e), UNITS.get(e), true, LONG_AGO);
      }
      final List<byte[]> sent = new ArrayList<>();
      for (final Item item : items) {
        sent.add(send(fixture, item));
      }
      final List<TreeMessage> events =
          fixture.tree.readValuesToList().stream()
              .filter(m -> m.getKind() != TreeMessageKind.ROSTER)
              .filter(m -> m.getKind() != TreeMessageKind.WATERMARK)
              .map(BadInputPropertyTest::withoutSchemaId)
              .toList();
      return new Run(events, fixture.deadLetters.readRecordsToList(), sent);
    } finally {
      delete(dir);
    }
  }

  /**
   * The message with its original value's Confluent header (magic byte, schema id) cut off: the
   * registry numbers schemas in the order they are first used, so a bad record of another type sent
   * first shifts the ids of the valid events' schemas without changing a byte of the rest.
   */
  private static TreeMessage withoutSchemaId(final TreeMessage message) {
    final ByteBuffer value = message.getOriginalValue().duplicate();
    value.position(value.position() + 5);
    return TreeMessage.newBuilder(message).setOriginalValue(value.slice()).build();
  }

  /** Pipes the item; returns the value bytes sent (null for a tombstone). */
  private static byte[] send(final IngestFixture fixture, final Item item) {
    final String nip = EMPLOYEES.get(item.employee());
    final Instant at = NOW.minus(Duration.ofMinutes(item.minutes()));
    final String eventId = item.id();
    final String attendance = fixture.topics.attendance();
    final String feedback = fixture.topics.feedback();
    switch (item.kind()) {
      case VALID_ATTENDANCE:
        return event(
            fixture,
            attendance,
            nip,
            fixture.avro(attendance, IngestFixture.attendance(eventId, nip, item.value(), at)),
            at);
      case VALID_ENROLLMENT:
        return event(
            fixture,
            fixture.topics.enrollments(),
            nip,
            fixture.avro(fixture.topics.enrollments(), IngestFixture.enrollment(eventId, nip, at)),
            at);
      case VALID_FEEDBACK:
        return event(
            fixture,
            feedback,
            nip,
            fixture.avro(feedback, IngestFixture.feedback(eventId, nip, 4, at)),
            at);
      case UNDECODABLE:
        return event(
            fixture, attendance, nip, new byte[] {0, 0, 0, 0, 9, (byte) item.minutes()}, at);
      case EMPTY_VALUE:
        return event(fixture, feedback, nip, new byte[0], at);
      case OTHER_TYPE:
        return event(
            fixture,
            attendance,
            nip,
            fixture.bytesOf(
                fixture.topics.employees(),
                IngestFixture.employee(nip + eventId, "DINKES", true, LONG_AGO)),
            at);
      case TOMBSTONE:
        return event(fixture, attendance, nip, null, at);
      case NULL_KEY:
        return event(
            fixture,
            attendance,
            null,
            fixture.avro(attendance, IngestFixture.attendance(eventId, nip, 2, at)),
            at);
      case WRONG_KEY:
        return event(
            fixture,
            attendance,
            EMPLOYEES.get((item.employee() + 1) % EMPLOYEES.size()),
            fixture.avro(attendance, IngestFixture.attendance(eventId, nip, 2, at)),
            at);
      case EMPTY_ID:
        return event(
            fixture,
            attendance,
            nip,
            fixture.avro(
                attendance, IngestFixture.attendance(" " + eventId.substring(8), nip, 2, at)),
            at);
      case LONG_ID:
        return event(
            fixture,
            attendance,
            nip,
            fixture.avro(attendance, IngestFixture.attendance(eventId.repeat(20), nip, 2, at)),
            at);
      case BAD_JP:
        return event(
            fixture,
            attendance,
            nip,
            fixture.avro(attendance, IngestFixture.attendance(eventId, nip, item.value(), at)),
            at);
      case BAD_OVERALL:
        return event(
            fixture,
            feedback,
            nip,
            fixture.avro(feedback, IngestFixture.feedback(eventId, nip, 6 + item.employee(), at)),
            at);
      case BAD_RECOMMEND:
        return event(
            fixture,
            feedback,
            nip,
            fixture.avro(
                feedback,
                FeedbackEvent.newBuilder(IngestFixture.feedback(eventId, nip, 4, at))
                    .setRecommend(-1)
                    .build()),
            at);
      case BAD_CAREER:
        return event(
            fixture,
            feedback,
            nip,
            fixture.avro(
                feedback,
                FeedbackEvent.newBuilder(IngestFixture.feedback(eventId, nip, 4, at))
                    .setCareerRelevance(6)
                    .build()),
            at);
      case BEFORE_2000:
        final Instant old =
            Instant.parse("1999-06-01T00:00:00Z").minus(Duration.ofDays(item.minutes()));
        return event(
            fixture,
            attendance,
            nip,
            fixture.avro(attendance, IngestFixture.attendance(eventId, nip, 2, old)),
            old);
      case FAR_FUTURE:
        return event(
            fixture,
            attendance,
            nip,
            fixture.avro(
                attendance,
                IngestFixture.attendance(
                    eventId, nip, 2, NOW.plus(Duration.ofDays(item.minutes())))),
            NOW);
      case JUST_ACROSS_SKEW:
        return event(
            fixture,
            attendance,
            nip,
            fixture.avro(
                attendance,
                IngestFixture.attendance(
                    eventId,
                    nip,
                    2,
                    NOW.plus(Duration.ofHours(1)).plusMillis(1 + item.employee()))),
            NOW);
      case UNKNOWN_EMPLOYEE:
        final String stranger = "200001012020011" + String.format("%03d", item.minutes() % 1000);
        return event(
            fixture,
            attendance,
            stranger,
            fixture.avro(attendance, IngestFixture.attendance(eventId, stranger, 2, at)),
            at);
      case ROSTER_UNKNOWN_UNIT:
        fixture.employees.pipeInput(
            "X" + eventId,
            IngestFixture.employee("X" + eventId, "NO-SUCH-UNIT", true, LONG_AGO),
            LONG_AGO);
        return null;
      case ROSTER_NEXT_MONTH:
        // (a known unit: a version for an unknown unit waits for it, and a later version of the
        // employee would set it aside, which ROSTER_UNKNOWN_UNIT_SUPERSEDED covers)
        fixture.employees.pipeInput(
            nip,
            IngestFixture.employee(
                nip,
                UNITS.get((item.employee() + 1) % UNITS.size()),
                true,
                NOW.plus(Duration.ofDays(30))),
            NOW);
        return null;
      case ROSTER_UNKNOWN_UNIT_SUPERSEDED:
        final String newcomer = "S" + eventId;
        final byte[] held =
            fixture.bytesOf(
                fixture.topics.employees(),
                IngestFixture.employee(newcomer, "NO-SUCH-UNIT", true, LONG_AGO));
        fixture.raw(fixture.topics.employees()).pipeInput(newcomer, held, LONG_AGO);
        fixture.employees.pipeInput(
            newcomer,
            IngestFixture.employee(newcomer, UNITS.get(item.employee()), true, LONG_AGO),
            LONG_AGO);
        return held;
      case ROSTER_REPUBLISHED:
        fixture.roster(nip, UNITS.get(item.employee()), true, LONG_AGO);
        return null;
      case ROSTER_TOMBSTONE:
        fixture.raw(fixture.topics.employees()).pipeInput(nip, null, NOW);
        return null;
      case UNIT_TOMBSTONE:
        fixture.raw(fixture.topics.units()).pipeInput(UNITS.get(item.employee()), null, NOW);
        return null;
      case UNIT_CYCLE:
        fixture.units.pipeInput(
            "CYC-A" + eventId, IngestFixture.unit("CYC-A" + eventId, "CYC-B" + eventId), NOW);
        fixture.units.pipeInput(
            "CYC-B" + eventId, IngestFixture.unit("CYC-B" + eventId, "CYC-A" + eventId), NOW);
        return null;
      case UNIT_SELF_PARENT:
        fixture.units.pipeInput(
            "SELF" + eventId, IngestFixture.unit("SELF" + eventId, "SELF" + eventId), NOW);
        return null;
      case UNIT_DANGLING:
        fixture.units.pipeInput(
            "DANG" + eventId, IngestFixture.unit("DANG" + eventId, "NOWHERE"), NOW);
        return null;
      case PROGRAM_TOMBSTONE:
        fixture.raw(fixture.topics.programs()).pipeInput("PROG-" + eventId, null, NOW);
        return null;
      case PROGRAM_UNKNOWN_CODES:
        fixture
            .raw(fixture.topics.programs())
            .pipeInput(
                "PROG-" + eventId,
                fixture.avro(fixture.topics.programs(), program("PROG-" + eventId)),
                NOW);
        return null;
      default:
        throw new AssertionError(item.kind());
    }
  }

  private static byte[] event(
      final IngestFixture fixture,
      final String topic,
      final String key,
      final byte[] value,
      final Instant at) {
    fixture.raw(topic).pipeInput(key, value, at);
    return value;
  }

  private static TrainingProgram program(final String id) {
    return TrainingProgram.newBuilder()
        .setProgramId(id)
        .setTitle("?")
        .setTrainingType("NO-SUCH-TYPE")
        .setOrganizer("?")
        .setOrganizerKind(OrganizerKind.OTHER)
        .setTotalJp(0)
        .setDelivery(Delivery.ONLINE)
        .build();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("bad-input-property");
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(final Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
