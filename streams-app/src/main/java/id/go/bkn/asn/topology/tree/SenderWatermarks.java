package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.LowWatermark;
import id.go.bkn.asn.internal.TreeMessage;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a tree-stage task knows of the ingest tasks that send to it: the latest watermark of each
 * (kept in {@code tree-watermarks}, so a restart does not wait for them again) and whether its
 * latest report said it is idle. Idleness is only believed from reports received since this task
 * started: after downtime an ingest task may have a backlog, and a stale "idle" would let the wall
 * clock close windows before that backlog arrives. It also keeps the earliest event time any sender
 * reported having accepted, where the first windows start.
 */
final class SenderWatermarks {

  private static final String SENDERS = "senders";
  private static final String MARK = "mark.";
  private static final String EARLIEST = "earliest";

  private final KeyValueStore<String, Long> store;
  private final Set<Integer> idle = new HashSet<>();

  SenderWatermarks(final KeyValueStore<String, Long> store) {
    this.store = store;
  }

  /** Takes a WATERMARK in; false (and nothing changed) when its sender fields are impossible. */
  boolean record(final TreeMessage watermark) {
    final Integer sender = watermark.getSenderPartition();
    final Integer senders = watermark.getSenderPartitions();
    if (sender == null || senders == null || senders < 1 || sender < 0 || sender >= senders) {
      return false;
    }
    final Long known = store.get(SENDERS);
    if (known == null || known != senders.longValue()) {
      store.put(SENDERS, senders.longValue());
    }
    final boolean isIdle = Boolean.TRUE.equals(watermark.getIdle());
    final long mark = watermark.getOccurredAt().toEpochMilli();
    final Long previous = store.get(MARK + sender);
    // An idle sender that never saw an event reports epoch 0: nothing to keep. Otherwise keep the
    // greatest, in case an older report arrives after a newer one.
    if ((!isIdle || mark > 0) && (previous == null || mark > previous)) {
      store.put(MARK + sender, mark);
    }
    final Instant earliest = watermark.getEarliest();
    if (earliest != null) {
      final Long before = store.get(EARLIEST);
      if (before == null || earliest.toEpochMilli() < before) {
        store.put(EARLIEST, earliest.toEpochMilli());
      }
    }
    if (isIdle) {
      idle.add(sender);
    } else {
      idle.remove(sender);
    }
    return true;
  }

  /** The minimum over the senders not idle; empty until every sender reported, or all are idle. */
  Optional<Instant> low() {
    final int senders = senders();
    return LowWatermark.ofActive(s -> store.get(MARK + s), idle::contains, senders);
  }

  /**
   * The earliest event time any sender reported having accepted, or null if none did. Once every
   * sender has reported, this is the earliest event of the whole input read so far, whichever tree
   * it went to: a tree task whose own trees' events happen to come later (another ingest task read
   * them later) still starts its first windows where every other tree task does.
   */
  Instant earliest() {
    final Long millis = store.get(EARLIEST);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  /** Whether every sender's latest report since start says it is idle. */
  boolean allIdle() {
    return LowWatermark.allIdle(idle::contains, senders());
  }

  private int senders() {
    final Long senders = store.get(SENDERS);
    return senders == null ? 0 : Math.toIntExact(senders);
  }
}
