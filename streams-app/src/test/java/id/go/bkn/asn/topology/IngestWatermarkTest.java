package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.NOW;
import static id.go.bkn.asn.topology.IngestFixture.attendance;
import static id.go.bkn.asn.topology.IngestFixture.enrollment;
import static id.go.bkn.asn.topology.IngestFixture.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.testing.MutableClock;
import id.go.bkn.asn.topology.ingest.TreePartitioner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest task's watermark: what it covers, when it is sent, and when it says idle. */
class IngestWatermarkTest {

  private static final String NIP = "198609262015051001";
  private static final TopologySettings SETTINGS = TopologySettings.DEFAULTS;

  @TempDir Path stateDir;
  private MutableClock wall;
  private IngestFixture fixture;

  @BeforeEach
  void start() {
    wall = new MutableClock(NOW);
    fixture = new IngestFixture(stateDir, wall);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void shouldSendLowestOfItsPartitionsWatermarksWhenEmitIntervalPasses() {
    // given: each event topic's greatest accepted occurredAt (enrolments the lowest), a roster
    // change effective later and an event refused for an unknown employee later still
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    final Instant enrolled = NOW.minus(Duration.ofHours(2));
    fixture.enrollments.pipeInput(NIP, enrollment("e-1", NIP, enrolled));
    fixture.attendance.pipeInput(NIP, attendance("e-2", NIP, 2, NOW.minus(Duration.ofHours(1))));
    fixture.enrollments.pipeInput(NIP, enrollment("e-3", NIP, NOW.minus(Duration.ofHours(3))));
    fixture.feedback.pipeInput(NIP, feedback("e-5", NIP, 4, NOW.minus(Duration.ofMinutes(90))));
    fixture.roster("OTHER", "DISDIK", true, NOW.minus(Duration.ofMinutes(30)));
    fixture.enrollments.pipeInput(
        "NOBODY", enrollment("e-4", "NOBODY", NOW.minus(Duration.ofMinutes(10))));
    fixture.tree.readRecordsToList();
    // when
    advance(SETTINGS.emitInterval());
    // then
    final List<TestRecord<String, TreeMessage>> marks = watermarks();
    assertThat(marks).isNotEmpty();
    assertThat(marks)
        .allSatisfy(
            r -> {
              assertThat(r.key()).isEqualTo(TreePartitioner.WATERMARK_KEY);
              assertThat(r.value().getOccurredAt()).isEqualTo(enrolled);
              assertThat(r.value().getSenderPartition()).isZero();
              assertThat(r.value().getSenderPartitions()).isEqualTo(SETTINGS.inputPartitions());
              assertThat(r.value().getIdle()).isFalse();
              // the earliest event accepted, from any topic, where the tree stage starts
              assertThat(r.value().getEarliest()).isEqualTo(NOW.minus(Duration.ofHours(3)));
            });
  }

  @Test
  void shouldWaitForAPartitionWithoutEventsUntilItIsIdle() {
    // given: enrolments and attendance, no feedback yet
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.enrollments.pipeInput(NIP, enrollment("e-1", NIP, NOW.minus(Duration.ofHours(3))));
    fixture.attendance.pipeInput(NIP, attendance("e-2", NIP, 2, NOW.minus(Duration.ofHours(2))));
    // when
    advance(SETTINGS.emitInterval());
    // then: the feedback partition may still bring older events
    assertThat(watermarks()).isEmpty();
    // when: events keep coming on the two topics until the feedback partition is idle
    final Instant enrolled = NOW.minus(Duration.ofMinutes(50));
    advance(SETTINGS.idleTimeout().minus(SETTINGS.emitInterval().multipliedBy(2)));
    fixture.enrollments.pipeInput(NIP, enrollment("e-3", NIP, enrolled));
    fixture.attendance.pipeInput(NIP, attendance("e-4", NIP, 2, NOW.minus(Duration.ofMinutes(40))));
    fixture.tree.readRecordsToList();
    advance(SETTINGS.emitInterval().multipliedBy(2));
    // then: the lowest of the two topics that are not idle, not idle itself
    assertThat(watermarks())
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.value().getOccurredAt()).isEqualTo(enrolled);
              assertThat(r.value().getIdle()).isFalse();
            });
  }

  @Test
  void shouldSayIdleWhenNoEventForIdleTimeout() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    final Instant at = NOW.minus(Duration.ofHours(1));
    fixture.attendance.pipeInput(NIP, attendance("e-1", NIP, 2, at));
    advance(SETTINGS.emitInterval());
    fixture.tree.readRecordsToList();
    // when
    advance(SETTINGS.idleTimeout());
    // then: still its watermark, now idle
    assertThat(watermarks())
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.value().getOccurredAt()).isEqualTo(at);
              assertThat(r.value().getIdle()).isTrue();
            });
  }

  @Test
  void shouldSendNothingUntilIdleTimeoutWhenNoEventWasEverSeen() {
    // when
    advance(SETTINGS.emitInterval());
    // then
    assertThat(watermarks()).isEmpty();
    // when
    advance(SETTINGS.idleTimeout());
    // then
    assertThat(watermarks()).isNotEmpty().allSatisfy(r -> assertThat(r.value().getIdle()).isTrue());
  }

  private void advance(final Duration duration) {
    wall.advance(duration);
    fixture.driver.advanceWallClockTime(duration);
  }

  private List<TestRecord<String, TreeMessage>> watermarks() {
    return fixture.tree.readRecordsToList().stream()
        .filter(r -> r.value().getKind() == TreeMessageKind.WATERMARK)
        .toList();
  }
}
