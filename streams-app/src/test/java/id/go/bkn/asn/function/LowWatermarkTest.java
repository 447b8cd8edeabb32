package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LowWatermarkTest {

  @Test
  void shouldTakeTheSlowestSenderWhenAllHaveReported() {
    final Map<Integer, Long> latest = Map.of(0, 500L, 1, 200L, 2, 900L);

    assertThat(LowWatermark.of(latest::get, 3)).contains(Instant.ofEpochMilli(200));
  }

  @Test
  void shouldKnowNothingWhenOneSenderHasNotReported() {
    final Map<Integer, Long> latest = Map.of(0, 500L, 2, 900L);

    assertThat(LowWatermark.of(latest::get, 3)).isEmpty();
  }

  @Test
  void shouldKnowNothingWhenThereAreNoSenders() {
    assertThat(LowWatermark.of(sender -> 1L, 0)).isEmpty();
  }

  @Test
  void shouldLeaveIdleSendersOutWhenOthersAreActive() {
    final Map<Integer, Long> latest = Map.of(0, 500L, 1, 200L, 2, 900L);

    assertThat(LowWatermark.ofActive(latest::get, sender -> sender == 1, 3))
        .contains(Instant.ofEpochMilli(500));
  }

  @Test
  void shouldCountIdleReportWithoutWatermarkAsReported() {
    final Map<Integer, Long> latest = Map.of(0, 500L);

    assertThat(LowWatermark.ofActive(latest::get, sender -> sender == 1, 2))
        .contains(Instant.ofEpochMilli(500));
    assertThat(LowWatermark.ofActive(latest::get, sender -> false, 2)).isEmpty();
  }

  @Test
  void shouldKnowNothingFromMarksWhenEverySenderIsIdle() {
    final Map<Integer, Long> latest = Map.of(0, 500L, 1, 200L);

    assertThat(LowWatermark.ofActive(latest::get, sender -> true, 2)).isEmpty();
    assertThat(LowWatermark.allIdle(sender -> true, 2)).isTrue();
    assertThat(LowWatermark.allIdle(sender -> sender == 0, 2)).isFalse();
    assertThat(LowWatermark.allIdle(sender -> true, 0)).isFalse();
  }
}
