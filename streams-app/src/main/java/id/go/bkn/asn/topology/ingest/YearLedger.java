package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.internal.YearTotals;
import id.go.bkn.asn.topology.tree.StateSerde;
import id.go.bkn.asn.topology.tree.TreeKeys;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Every employee's year-to-date totals (credited JP, sessions, completed programmes), kept where
 * every fact about the employee arrives: the ingest stage, partitioned by employee. So the total
 * follows the employee to any unit and tree, and one task owns it. A fact is credited when it is
 * sent on and debited when a correction retracts it; {@link SessionFacts} already makes a session
 * reach the ledger at most once. The ledger never judges lateness: whether a year still takes a
 * total is the tree stage's decision, by its clock (docs/design/figures.md).
 *
 * <p>Store {@value #STORE}: a window store of employeeId to {@link YearTotals} at the year's start
 * (1 January 00:00 WIB), retention {@link #RETENTION}. Its stream time is the latest year start put
 * in the task, so a year is kept until the task credits a fact two years later, long after every
 * tree closed it; old years leave with their segments, no scan.
 */
public final class YearLedger {

  /** The store of year totals. */
  public static final String STORE = "ingest-ytd";

  /** More than a year and less than two: a year outlives the next year's first put. */
  public static final Duration RETENTION = Duration.ofDays(400);

  /** The serde of the store's values. */
  public static final StateSerde<YearTotals> SERDE =
      new StateSerde<>("YearTotals", YearLedger::write, YearLedger::read);

  private final WindowStore<String, YearTotals> store;

  YearLedger(final WindowStore<String, YearTotals> store) {
    this.store = store;
  }

  /**
   * The builder of {@value #STORE}: RocksDB-backed, changelogged and cached. An employee's credits
   * come in runs (the sessions of a day, a backlog read in time order), and every one rewrites the
   * same key; with the cache the puts between two commits reach RocksDB and the changelog once
   * (each commit flushes the cache, so exactly_once_v2 restores the same state).
   */
  public static StoreBuilder<WindowStore<String, YearTotals>> store() {
    return Stores.windowStoreBuilder(
            Stores.persistentWindowStore(STORE, RETENTION, Duration.ofMillis(1), false),
            Serdes.String(),
            SERDE)
        .withCachingEnabled();
  }

  /**
   * Adds to the employee's totals of the year holding {@code occurredAt} and returns them.
   *
   * @param jp JP credited (negative: debited)
   * @param sessions sessions credited (negative: debited)
   * @param completed completed programmes credited
   */
  YearTotals add(
      final String employeeId,
      final long occurredAt,
      final double jp,
      final int sessions,
      final int completed) {
    final int year = JakartaCalendar.yearOf(java.time.Instant.ofEpochMilli(occurredAt));
    final long at = yearStart(year);
    final YearTotals stored = store.fetch(employeeId, at);
    final YearTotals before = stored == null ? new YearTotals(year, 0.0, 0, 0) : stored;
    final YearTotals after =
        new YearTotals(
            year,
            before.getJpTotal() + jp,
            Math.max(0, before.getSessionsAttended() + sessions),
            before.getProgramsCompleted() + completed);
    store.put(employeeId, after, at);
    return after;
  }

  /** The employee's totals of the given year, or null when the ledger holds none. */
  YearTotals of(final String employeeId, final int year) {
    return store.fetch(employeeId, yearStart(year));
  }

  /** Every year the ledger holds for the employee, oldest first. */
  List<YearTotals> all(final String employeeId) {
    final List<YearTotals> years = new ArrayList<>(2);
    try (WindowStoreIterator<YearTotals> it = store.fetch(employeeId, 0L, Long.MAX_VALUE)) {
      while (it.hasNext()) {
        final KeyValue<Long, YearTotals> entry = it.next();
        years.add(entry.value);
      }
    }
    return years;
  }

  private static long yearStart(final int year) {
    return TreeKeys.year(year).start().toEpochMilli();
  }

  private static void write(final YearTotals t, final DataOutputStream out) throws IOException {
    out.writeInt(t.getYear());
    out.writeDouble(t.getJpTotal());
    out.writeInt(t.getSessionsAttended());
    out.writeInt(t.getProgramsCompleted());
  }

  private static YearTotals read(final DataInputStream in) throws IOException {
    return new YearTotals(in.readInt(), in.readDouble(), in.readInt(), in.readInt());
  }
}
