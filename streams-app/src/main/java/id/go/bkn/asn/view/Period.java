package id.go.bkn.asn.view;

import java.util.Locale;

/**
 * Which window a figure belongs to: the open one or the last closed one (docs/design/metrics.md).
 */
public enum Period {
  /** The open window: the latest one the pipeline has opened. */
  CURRENT,
  /** The last closed window, whose records are FINAL. */
  PREVIOUS;

  /** The metric label value: {@code current} or {@code previous}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
