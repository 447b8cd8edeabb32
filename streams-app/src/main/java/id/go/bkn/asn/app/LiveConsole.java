package id.go.bkn.asn.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Puts the live view's frames on the demo's console. On a terminal each frame is drawn over the
 * previous one (cursor home, each line cleared to its end, the rest of the screen cleared), so the
 * view stays put without flicker; anywhere else (a pipe, a log file, a dumb terminal) a frame is
 * printed at most once per {@code plainEvery}, so the output stays readable as a log.
 */
final class LiveConsole {

  /** ANSI: cursor to the top-left corner. */
  static final String HOME = "\u001b[H";

  /** ANSI: clear to the end of the line. */
  static final String CLEAR_LINE = "\u001b[K";

  /** ANSI: clear from the cursor to the end of the screen. */
  static final String CLEAR_BELOW = "\u001b[J";

  private final PrintWriter out;
  private final boolean redraw;
  private final Duration plainEvery;
  private final Clock clock;
  private Instant lastPrinted;

  /**
   * A console.
   *
   * @param out where frames go
   * @param redraw true to redraw in place with ANSI sequences (a terminal)
   * @param plainEvery the least time between two frames when not redrawing
   * @param clock the wall clock
   */
  LiveConsole(
      final PrintWriter out, final boolean redraw, final Duration plainEvery, final Clock clock) {
    this.out = out;
    this.redraw = redraw;
    this.plainEvery = plainEvery;
    this.clock = clock;
  }

  /** Whether the process talks to a terminal that understands ANSI sequences. */
  static boolean isTerminal(final boolean hasConsole, final String term) {
    return hasConsole && term != null && !term.isBlank() && !"dumb".equals(term);
  }

  /** Whether {@link #show} would print now: always on a terminal, else once per interval. */
  boolean due() {
    return redraw || lastPrinted == null || !clock.instant().isBefore(lastPrinted.plus(plainEvery));
  }

  /** Shows a frame (lines ending in {@code \n}) if one is {@link #due}. */
  void show(final String frame) {
    if (!due()) {
      return;
    }
    if (redraw) {
      out.print(HOME);
      out.print(frame.replace("\n", CLEAR_LINE + "\n"));
      out.print(CLEAR_BELOW);
    } else {
      out.println();
      out.print(frame);
      lastPrinted = clock.instant();
    }
    out.flush();
  }
}
