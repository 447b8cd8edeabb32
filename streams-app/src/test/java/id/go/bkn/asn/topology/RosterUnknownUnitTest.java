package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A roster version for a unit not in reference.units (issue #9, CONTRACT.md section 5 "an unknown
 * unit"): held, not applied, so no figure changes because of it; applied once the unit is there;
 * set aside as UNKNOWN_UNIT, with its original key, bytes and source position, once it has waited
 * {@link TopologySettings#DEFAULT_REFERENCE_WAIT}; a later version of the employee supersedes it.
 */
class RosterUnknownUnitTest {

  private static final String NIP = "198703152010011001";
  private static final String OTHER = "198703152010011002";
  private static final Duration STEP = Duration.ofSeconds(5);

  @TempDir Path stateDir;
  private final MutableClock wall = new MutableClock(NOW);
  private IngestFixture fx;

  @BeforeEach
  void start() {
    fx = new IngestFixture(stateDir, wall);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void shouldHoldAVersionUntilItsUnitArrivesAndThenApplyIt() {
    fx.roster(NIP, "NEW-UNIT", true, LONG_AGO);
    advance(Duration.ofMinutes(1));
    assertThat(roster()).as("held: nothing forwarded").isEmpty();
    assertThat(fx.deadLetters.readRecordsToList()).isEmpty();
    // an event of the employee meanwhile: no roster entry yet, as if the version were not read
    fx.attendance.pipeInput(NIP, IngestFixture.attendance("ev-1", NIP, 2, NOW), NOW);
    assertThat(reasons()).containsExactly(DeadLetterReason.UNKNOWN_EMPLOYEE.name());

    fx.units.pipeInput("NEW-UNIT", IngestFixture.unit("NEW-UNIT", "DINKES"), NOW);
    advance(STEP);

    final List<TreeMessage> applied = roster();
    assertThat(applied).hasSize(1);
    assertThat(applied.get(0).getUnitId()).isEqualTo("NEW-UNIT");
    assertThat(applied.get(0).getRootUnitId()).isEqualTo("KOTA-SERANG");
    fx.attendance.pipeInput(NIP, IngestFixture.attendance("ev-2", NIP, 2, NOW), NOW);
    assertThat(fx.tree.readValuesToList())
        .filteredOn(m -> m.getKind() == TreeMessageKind.ATTENDANCE)
        .extracting(TreeMessage::getUnitId)
        .containsExactly("NEW-UNIT");
    // and it never comes back as a dead letter
    advance(TopologySettings.DEFAULT_REFERENCE_WAIT.plusMinutes(1));
    assertThat(fx.deadLetters.readRecordsToList()).isEmpty();
  }

  @Test
  void shouldSetAVersionAsideOnceItHasWaitedForAUnitThatNeverCame() {
    final Employee version = IngestFixture.employee(NIP, "NO-SUCH-UNIT", true, LONG_AGO);
    fx.employees.pipeInput(NIP, version, LONG_AGO);
    advance(TopologySettings.DEFAULT_REFERENCE_WAIT.minus(STEP));
    assertThat(fx.deadLetters.readRecordsToList()).as("still waiting").isEmpty();

    advance(STEP.multipliedBy(2));

    final List<TestRecord<String, byte[]>> letters = fx.deadLetters.readRecordsToList();
    assertThat(letters).hasSize(1);
    final TestRecord<String, byte[]> letter = letters.get(0);
    assertThat(letter.key()).isEqualTo(NIP);
    assertThat(letter.value()).isEqualTo(fx.bytesOf(fx.topics.employees(), version));
    assertThat(letter.timestamp())
        .as("set aside when the wait ran out")
        .isBetween(NOW.plus(TopologySettings.DEFAULT_REFERENCE_WAIT).toEpochMilli(), wall.millis());
    assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.REASON))
        .isEqualTo(DeadLetterReason.UNKNOWN_UNIT.name());
    assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.MESSAGE))
        .contains("not in reference.units");
    assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.TOPIC))
        .isEqualTo(fx.topics.employees());
    assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.PARTITION)).isEqualTo("0");
    assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
    assertThat(fx.events.counted(fx.topics.employees(), Outcome.DEAD_LETTER)).isEqualTo(1);
    assertThat(roster()).isEmpty();

    // the unit arriving later changes nothing: the version was set aside
    fx.units.pipeInput(
        "NO-SUCH-UNIT", IngestFixture.unit("NO-SUCH-UNIT", "DINKES"), wall.instant());
    advance(STEP);
    assertThat(roster()).isEmpty();
  }

  @Test
  void shouldLetALaterVersionSupersedeAHeldOneAndKeepReadOrder() {
    fx.roster(NIP, "NEW-UNIT", true, LONG_AGO);
    fx.roster(NIP, "NEW-UNIT", true, LONG_AGO);
    assertThat(fx.deadLetters.readRecordsToList()).as("a re-export keeps it waiting").isEmpty();
    // a later version for a known unit: applied at once; the held one is set aside
    fx.roster(NIP, "DISDIK", true, LONG_AGO.plus(Duration.ofDays(1)));
    assertThat(reasons()).containsExactly(DeadLetterReason.UNKNOWN_UNIT.name());
    assertThat(roster()).extracting(TreeMessage::getUnitId).containsExactly("DISDIK");

    // the unit arriving later does not bring the superseded version back over the later one
    fx.units.pipeInput("NEW-UNIT", IngestFixture.unit("NEW-UNIT", "DINKES"), NOW);
    advance(STEP);
    assertThat(roster()).isEmpty();

    // an employee of a known unit is never held
    fx.roster(OTHER, "DINKES", true, LONG_AGO);
    assertThat(roster()).extracting(TreeMessage::getUnitId).containsExactly("DINKES");
  }

  private void advance(final Duration duration) {
    for (Duration done = Duration.ZERO; done.compareTo(duration) < 0; done = done.plus(STEP)) {
      wall.advance(STEP);
      fx.driver.advanceWallClockTime(STEP);
    }
  }

  private List<TreeMessage> roster() {
    return fx.tree.readValuesToList().stream()
        .filter(m -> m.getKind() == TreeMessageKind.ROSTER)
        .toList();
  }

  private List<String> reasons() {
    return fx.deadLetters.readRecordsToList().stream()
        .map(l -> IngestStageTest.text(l.headers(), DeadLetterHeaders.REASON))
        .toList();
  }
}
