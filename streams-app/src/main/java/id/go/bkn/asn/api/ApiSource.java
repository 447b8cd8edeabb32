package id.go.bkn.asn.api;

import id.go.bkn.asn.view.AggregateHistory;
import id.go.bkn.asn.view.AggregateSnapshot;
import id.go.bkn.asn.view.AggregateView;
import java.time.Instant;
import java.util.Optional;

/**
 * What the API and the web dashboard read: the aggregate view's latest snapshot and its history.
 * The running app's source is its {@link AggregateView}; tests give one of their own.
 */
public interface ApiSource {

  /** Whether the view has read its topics up to where they stood when it started. */
  boolean ready();

  /** The latest snapshot: units, open and last closed windows, firing alerts. */
  AggregateSnapshot snapshot();

  /** Past windows, year-to-date records and alert history. */
  AggregateHistory history();

  /** When the figures last changed; empty before the first snapshot. */
  Optional<Instant> updatedAt();

  /** Counts the changes of the figures. */
  long version();

  /** The app's aggregate view as a source. */
  static ApiSource of(final AggregateView view) {
    return new ApiSource() {
      @Override
      public boolean ready() {
        return view.caughtUp();
      }

      @Override
      public AggregateSnapshot snapshot() {
        return view.snapshot();
      }

      @Override
      public AggregateHistory history() {
        return view.history();
      }

      @Override
      public Optional<Instant> updatedAt() {
        return view.publishedAt();
      }

      @Override
      public long version() {
        return view.version();
      }
    };
  }
}
