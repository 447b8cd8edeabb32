package id.go.bkn.asn.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrometerPipelineEventsTest {

  @Test
  void shouldSumEachOutcomeOverTopicsAndReportZeroWhenAnOutcomeNeverHappened() {
    // given
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MicrometerPipelineEvents events = new MicrometerPipelineEvents(registry);
    events.count("training.attendance", Outcome.ACCEPTED);
    events.count("training.attendance", Outcome.ACCEPTED);
    events.count("training.enrollments", Outcome.ACCEPTED);
    events.count("training.feedback", Outcome.DEAD_LETTER);

    // when
    final Map<Outcome, Long> totals = MicrometerPipelineEvents.totals(registry);

    // then
    assertThat(totals)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Outcome.ACCEPTED, 3L,
                Outcome.DUPLICATE, 0L,
                Outcome.DEAD_LETTER, 1L,
                Outcome.LATE, 0L));
  }
}
