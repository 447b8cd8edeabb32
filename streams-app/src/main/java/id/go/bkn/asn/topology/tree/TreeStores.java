package id.go.bkn.asn.topology.tree;

import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The tree stage's state stores: RocksDB-backed, changelogged (so exactly_once_v2 restores them
 * exactly), each named so its changelog topic survives refactors.
 */
public final class TreeStores {

  /** The task clock and the close cursors: name -> epoch millis. */
  public static final String CLOCK = "tree-clock";

  /** The latest watermark of each ingest task: {@code mark.<partition>} and {@code senders}. */
  public static final String WATERMARKS = "tree-watermarks";

  /** Roots whose messages reached the task: root -> first seen (event time). */
  public static final String ROOTS = "tree-roots";

  /**
   * Open WEEK windows and their days: {@code W|monday|unitId} -> {@link WeekFigures}, the unit's
   * figures of the week and of each of its days, each {@link Tracked} (it replaced {@code
   * tree-window-figures}, one entry per unit and DAY or WEEK window, which replaced {@code
   * tree-windows}, which held the counts alone).
   */
  public static final String WINDOWS = "tree-week-figures";

  /**
   * Distinct people: {@code W|monday|employeeId} -> {@link SeenWeek}, the role bits of each unit
   * they were counted in, for the week and for each of its days (one entry per employee and week;
   * it replaced {@code tree-seen-people}, one entry per employee and DAY or WEEK window, which in
   * turn replaced {@code tree-seen}, one per unit of the chain).
   */
  public static final String SEEN = "tree-seen-weeks";

  /**
   * Employee years: {@code E|yyyy|employeeId} -> {@link EmployeeYtd}, {@link Tracked} (it replaced
   * {@code tree-ytd-employee}).
   */
  public static final String YTD_EMPLOYEE = "tree-ytd-employees";

  /**
   * Unit years: {@code Y|yyyy|unitId} -> {@link UnitYtd}, {@link Tracked} (it replaced {@code
   * tree-ytd-unit}).
   */
  public static final String YTD_UNIT = "tree-ytd-units";

  /** Where the YTD counters place each active employee: employeeId -> {@link RosterEntry}. */
  public static final String ROSTER = "tree-roster";

  /** Where the roster places each employee over time: employeeId -> {@link PlacementTimeline}. */
  public static final String PLACEMENTS = "tree-placements";

  /**
   * Roster versions dated after the clock, whose year-to-date move is still to come: {@code
   * zero-padded effectiveFrom|employeeId} -> effectiveFrom.
   */
  public static final String YTD_PENDING = "tree-ytd-pending";

  /**
   * Active headcount per unit subtree over time (see {@link HeadcountLedger}): {@code N|unitId} ->
   * current headcount, {@code C|unitId|time} -> the changes effective at that time. (It replaced
   * {@code tree-headcount}, one whole timeline per unit rewritten on every roster change.)
   */
  public static final String HEADCOUNT = "tree-headcount-changes";

  /** Deletes under way in bounded chunks (see {@link ChunkedDeletes}): job -> cursor. */
  public static final String PURGE = "tree-purge";

  /**
   * Work left by a clock move, done a bounded amount per call (see {@link Inbox}): {@code
   * M|sequence} -> a message waiting for a close under way, {@code P|kind} -> how far the close of
   * that kind got.
   */
  public static final String INBOX = "tree-inbox";

  /** Alert state per unit: unitId -> {@code UnitAlertState} bytes. */
  public static final String ALERTS = "tree-alerts";

  private TreeStores() {}

  /** Builders of every store above. */
  public static Set<StoreBuilder<?>> builders() {
    return Set.of(
        store(CLOCK, Serdes.Long()),
        store(WATERMARKS, Serdes.Long()),
        store(ROOTS, Serdes.Long()),
        store(WINDOWS, WeekFigures.SERDE),
        store(SEEN, SeenWeek.SERDE),
        store(YTD_EMPLOYEE, EmployeeYtd.SERDE),
        store(YTD_UNIT, UnitYtd.SERDE),
        store(ROSTER, RosterEntry.SERDE),
        store(HEADCOUNT, Serdes.Integer()),
        store(PURGE, Serdes.String()),
        store(INBOX, Serdes.ByteArray()),
        store(PLACEMENTS, PlacementTimeline.SERDE),
        store(YTD_PENDING, Serdes.Long()),
        store(ALERTS, Serdes.ByteArray()));
  }

  /**
   * A cached store: the processor API leaves caching off unless asked, and the tree stage writes
   * the same keys (a unit's window counts, its ancestors', the dirty marks) many times per commit
   * interval. With the cache, a key's puts between two commits reach RocksDB and the changelog once
   * (each commit flushes the cache, so exactly_once_v2 restores the same state).
   */
  private static <V> StoreBuilder<KeyValueStore<String, V>> store(
      final String name, final Serde<V> valueSerde) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
        .withCachingEnabled();
  }
}
