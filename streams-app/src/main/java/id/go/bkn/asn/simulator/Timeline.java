package id.go.bkn.asn.simulator;

/**
 * A source of things happening at known simulated times (a programme run, the weekly planner, the
 * transfers), merged with the others by {@link EventGenerator} in time order. A timeline is
 * stateful: {@link #emitNext} consumes its next item.
 */
interface Timeline {

  /** Epoch millis of the next item; only called while {@link #hasNext()}. */
  long nextTime();

  /** Whether there is a next item. */
  boolean hasNext();

  /** Creation order, to break ties between timelines deterministically. */
  long ordinal();

  /**
   * Emits the next item.
   *
   * @return whether a record went to the sink (the planner emits none)
   */
  boolean emitNext(SimulationSink sink);
}
