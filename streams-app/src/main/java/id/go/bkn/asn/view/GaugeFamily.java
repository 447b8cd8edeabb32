package id.go.bkn.asn.view;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One gauge name whose series follow a map of label sets to values: {@link #set} adds the new
 * series, updates the others in place and removes those that are gone, so a scrape never sees NaN
 * or a stale series. Built on Micrometer's {@link MultiGauge}, each series reading a holder of its
 * own whose identity stays while the series lives.
 */
final class GaugeFamily {

  /** The value a series reads; written by the view's thread, read by scrapes. */
  private static final class Holder {
    private volatile double value;
  }

  private final MultiGauge gauge;
  private final Map<Tags, Holder> holders = new HashMap<>();

  GaugeFamily(final MeterRegistry registry, final String name, final String description) {
    this.gauge = MultiGauge.builder(name).description(description).register(registry);
  }

  /** Makes the family's series exactly these label sets with these values. */
  synchronized void set(final Map<Tags, Double> values) {
    holders.keySet().retainAll(values.keySet());
    final List<MultiGauge.Row<?>> rows = new ArrayList<>(values.size());
    values.forEach(
        (tags, value) -> {
          final Holder holder = holders.computeIfAbsent(tags, t -> new Holder());
          holder.value = value;
          rows.add(MultiGauge.Row.of(tags, holder, h -> h.value));
        });
    // overwrite=false: a series already registered keeps reading its (updated) holder.
    gauge.register(rows, false);
  }
}
