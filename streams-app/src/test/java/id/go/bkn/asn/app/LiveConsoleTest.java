package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveConsoleTest {

  private static final String FRAME = "line one\nline two\n";

  private final StringWriter text = new StringWriter();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));

  @Test
  void shouldRedrawInPlaceEveryTimeWhenOnATerminal() {
    // given
    final LiveConsole console = console(true);

    // when
    console.show(FRAME);
    console.show(FRAME);

    // then
    final String once = "\u001b[Hline one\u001b[K\nline two\u001b[K\n\u001b[J";
    assertThat(text.toString()).isEqualTo(once + once);
  }

  @Test
  void shouldPrintPlainFramesAtMostOncePerIntervalWhenNotOnATerminal() {
    // given
    final LiveConsole console = console(false);

    // when: shown at 0 s, 5 s, 29 s, 30 s and 45 s
    console.show(FRAME);
    clock.advance(Duration.ofSeconds(5));
    final boolean dueAt5 = console.due();
    console.show(FRAME);
    clock.advance(Duration.ofSeconds(24));
    console.show(FRAME);
    clock.advance(Duration.ofSeconds(1));
    console.show(FRAME);
    clock.advance(Duration.ofSeconds(15));
    console.show(FRAME);

    // then: the frames of 0 s and 30 s, without any escape sequence
    assertThat(dueAt5).isFalse();
    assertThat(text.toString()).isEqualTo("\n" + FRAME + "\n" + FRAME).doesNotContain("\u001b");
  }

  @Test
  void shouldTreatOnlyARealNonDumbTerminalAsOneWhenDeciding() {
    assertThat(LiveConsole.isTerminal(true, "xterm-256color")).isTrue();
    assertThat(LiveConsole.isTerminal(true, "dumb")).isFalse();
    assertThat(LiveConsole.isTerminal(true, null)).isFalse();
    assertThat(LiveConsole.isTerminal(true, "")).isFalse();
    assertThat(LiveConsole.isTerminal(false, "xterm")).isFalse();
  }

  private LiveConsole console(final boolean terminal) {
    return new LiveConsole(new PrintWriter(text), terminal, Duration.ofSeconds(30), clock);
  }
}
