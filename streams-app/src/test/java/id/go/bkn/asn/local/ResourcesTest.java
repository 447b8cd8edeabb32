package id.go.bkn.asn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {

  @Test
  void shouldCloseInReverseOrderAndGoOnWhenOneFails() {
    // given
    final List<String> closed = new ArrayList<>();
    final Resources resources = new Resources();
    resources.push(() -> closed.add("broker"));
    resources.push(
        () -> {
          closed.add("registry");
          throw new IllegalStateException("stuck");
        });
    resources.push(() -> closed.add("app"));

    // when
    resources.close();
    resources.close();

    // then
    assertThat(closed).containsExactly("app", "registry", "broker");
    assertThat(resources.isEmpty()).isTrue();
  }
}
