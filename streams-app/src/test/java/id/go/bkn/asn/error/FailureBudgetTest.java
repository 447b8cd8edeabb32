package id.go.bkn.asn.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureBudgetTest {

  private static final long MINUTE = 60_000L;

  @Test
  void shouldAllowMaxFailuresAndRefuseTheNextWhenTheyFallInOneWindow() {
    final FailureBudget budget = new FailureBudget(3, Duration.ofMinutes(10));
    assertThat(budget.spend(0)).isTrue();
    assertThat(budget.spend(MINUTE)).isTrue();
    assertThat(budget.spend(2 * MINUTE)).isTrue();
    assertThat(budget.spend(3 * MINUTE)).isFalse();
    assertThat(budget.spent(3 * MINUTE)).isEqualTo(4);
  }

  @Test
  void shouldAllowAgainWhenEarlierFailuresLeftTheWindow() {
    final FailureBudget budget = new FailureBudget(2, Duration.ofMinutes(10));
    budget.spend(0);
    budget.spend(MINUTE);
    // the first failure is exactly one window old: out of it
    assertThat(budget.spend(10 * MINUTE)).isTrue();
    assertThat(budget.spent(10 * MINUTE)).isEqualTo(2);
    assertThat(budget.spend(10 * MINUTE + 1)).isFalse();
  }

  @Test
  void shouldRefuseNonsenseWhenBuilt() {
    assertThatThrownBy(() -> new FailureBudget(0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FailureBudget(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
