package id.go.bkn.asn.topology.tree;

/**
 * A stored figure with its emission bookkeeping: how many records were written for its key (the
 * contract's revision) and whether it changed since the last one. Keeping both in the figure's own
 * entry, which every change writes anyway, costs no changelog record of its own; the separate
 * stores they replaced ({@code tree-emitted}, {@code tree-dirty}) wrote one record per mark, one
 * per clearing and one per revision, which nationally, with about one event per unit between two
 * commits, was a third of the tree stage's changelog records (docs/benchmarks.md, "Sixth session").
 *
 * @param figures the figures
 * @param revision the records written so far for the key
 * @param dirty whether the figures changed since the last record written for the key
 * @param <T> the figures' type
 */
public record Tracked<T>(T figures, int revision, boolean dirty) {

  /** The same entry with other figures, marked changed. */
  Tracked<T> changed(final T next) {
    return new Tracked<>(next, revision, true);
  }

  /** Other figures under the same revision, not marked changed. */
  Tracked<T> unmarked(final T next) {
    return new Tracked<>(next, revision, false);
  }

  /** The same figures after one more record was written for them. */
  Tracked<T> written() {
    return new Tracked<>(figures, revision + 1, false);
  }

  /** The same entry, no longer marked changed. */
  Tracked<T> clean() {
    return dirty ? new Tracked<>(figures, revision, false) : this;
  }

  /**
   * The serde of a tracked store: the revision and the mark, then the figures in their own codec.
   *
   * @param name the figures' type, for error messages
   * @param writer the figures' writer
   * @param reader the figures' reader
   * @param <T> the figures' type
   */
  static <T> StateSerde<Tracked<T>> serde(
      final String name, final StateSerde.Writer<T> writer, final StateSerde.Reader<T> reader) {
    return new StateSerde<>(
        "Tracked " + name,
        (value, out) -> {
          out.writeInt(value.revision());
          out.writeBoolean(value.dirty());
          writer.write(value.figures(), out);
        },
        in -> {
          final int revision = in.readInt();
          final boolean dirty = in.readBoolean();
          return new Tracked<>(reader.read(in), revision, dirty);
        });
  }
}
