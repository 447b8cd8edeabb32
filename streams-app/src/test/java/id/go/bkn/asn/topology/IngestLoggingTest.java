package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.NOW;
import static id.go.bkn.asn.topology.IngestFixture.attendance;
import static id.go.bkn.asn.topology.IngestFixture.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import id.go.bkn.asn.topology.ingest.DeadLetterDeserializationHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the stage logs while it works: nothing per record at INFO, nothing personal at all. */
class IngestLoggingTest {

  private static final String NIP = "198703152010011002";
  private static final String STRANGER = "199001012020122001";
  private static final String GARBAGE = "bukan avro " + NIP;

  @TempDir Path stateDir;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private IngestFixture fixture;

  @BeforeEach
  void start() {
    fixture = new IngestFixture(stateDir);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void stop() {
    root.detachAppender(appender);
    fixture.close();
  }

  @Test
  void shouldLogNothingPersonalWhenEveryPathIsTaken() {
    // given
    final Instant at = NOW.minus(Duration.ofDays(1));
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.roster(NIP, "BKPSDM-KAB", true, at.minus(Duration.ofHours(1)));

    // when: accepted, duplicate, invalid, unknown employee, future, anonymous, undecodable
    fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2, at), at);
    fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2, at), at);
    fixture.attendance.pipeInput(NIP, attendance("a-2", NIP, -2, at), at);
    fixture.attendance.pipeInput(STRANGER, attendance("a-3", STRANGER, 2, at), at);
    fixture.feedback.pipeInput(NIP, feedback("f-1", NIP, 4, NOW.plus(Duration.ofDays(1))), NOW);
    fixture.feedback.pipeInput("PROG-LATSAR", feedback("f-2", null, 4, at), at);
    fixture
        .raw(fixture.topics.enrollments())
        .pipeInput(NIP, GARBAGE.getBytes(StandardCharsets.UTF_8), at);

    // then
    final List<ILoggingEvent> logged = appender.list;
    assertThat(logged)
        .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
        .allSatisfy(
            event ->
                assertThat(text(event))
                    .doesNotContain(NIP, STRANGER, "bukan avro", "Materi bermanfaat"));
    assertThat(logged)
        .filteredOn(event -> event.getLevel() == Level.INFO)
        .filteredOn(event -> event.getLoggerName().startsWith("id.go.bkn.asn.topology"))
        .isEmpty();
    assertThat(logged)
        .filteredOn(
            event -> event.getLoggerName().equals(DeadLetterDeserializationHandler.class.getName()))
        .singleElement()
        .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
    // a join, a transfer to both trees, an attributed and an anonymous event
    assertThat(fixture.tree.readRecordsToList()).hasSize(5);
    assertThat(fixture.deadLetters.readRecordsToList()).hasSize(4);
  }

  private static String text(final ILoggingEvent event) {
    final StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy cause = event.getThrowableProxy();
        cause != null;
        cause = cause.getCause()) {
      text.append(' ').append(cause.getMessage());
    }
    return text.toString();
  }
}
