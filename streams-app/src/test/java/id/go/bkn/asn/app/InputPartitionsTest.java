package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputPartitionsTest {

  @Test
  void shouldReturnTheCountWhenEveryInputHasTheSame() {
    assertThat(InputPartitions.common(Map.of("reference.employees", 6, "training.attendance", 6)))
        .isEqualTo(6);
  }

  @Test
  void shouldNameEveryTopicAndCountInOneLineWhenTheyDiffer() {
    final Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("reference.employees", 6);
    counts.put("training.enrollments", 6);
    counts.put("training.attendance", 3);
    counts.put("training.feedback", 6);

    assertThatThrownBy(() -> InputPartitions.common(counts))
        .isInstanceOf(UserError.class)
        .hasMessageContaining(
            "reference.employees has 6, training.enrollments has 6, training.attendance has 3,"
                + " training.feedback has 6")
        .hasMessageNotContaining("\n");
  }
}
