package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

  @Test
  void shouldUseKafkaStreamsOwnDeadLetterHeaderNamesWhenComparedWithKafka() {
    // given the constants of the kafka-streams version on the classpath (internal API: this test
    // is the alarm that an upgrade renamed them)

    // when / then
    assertThat(DeadLetterHeaders.EXCEPTION)
        .isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME);
    assertThat(DeadLetterHeaders.MESSAGE)
        .isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME);
    assertThat(DeadLetterHeaders.STACKTRACE)
        .isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME);
    assertThat(DeadLetterHeaders.TOPIC).isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME);
    assertThat(DeadLetterHeaders.PARTITION)
        .isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME);
    assertThat(DeadLetterHeaders.OFFSET).isEqualTo(ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME);
  }

  @Test
  void shouldNameReasonMessageAndSourceWhenAnEventIsRejected() {
    // given
    final Rejection rejection = Rejection.invalidField("overall 7 is outside 1-5");

    // when
    final Map<String, String> headers =
        DeadLetterHeaders.forRejection(rejection, "training.feedback", 3, 1042L);

    // then
    assertThat(headers)
        .containsExactly(
            Map.entry("asn.dlq.reason", "INVALID_FIELD"),
            Map.entry("__streams.errors.exception", "id.go.bkn.asn.function.Rejection"),
            Map.entry("__streams.errors.message", "overall 7 is outside 1-5"),
            Map.entry("__streams.errors.topic", "training.feedback"),
            Map.entry("__streams.errors.partition", "3"),
            Map.entry("__streams.errors.offset", "1042"));
  }

  @Test
  void shouldNameClosedWindowsLargestFirstWhenAnEventIsLate() {
    // given
    final List<String> closed = List.of("WEEK", "DAY");

    // when
    final Map<String, String> headers =
        DeadLetterHeaders.forLateEvent(closed, "training.attendance", 0, 7L);

    // then
    assertThat(headers)
        .containsEntry("asn.late.closed-windows", "WEEK,DAY")
        .containsEntry("__streams.errors.topic", "training.attendance")
        .containsEntry("__streams.errors.partition", "0")
        .containsEntry("__streams.errors.offset", "7");
  }
}
