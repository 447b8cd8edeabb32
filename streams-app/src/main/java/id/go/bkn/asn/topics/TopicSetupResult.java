package id.go.bkn.asn.topics;

import java.util.List;

/**
 * What {@link TopicAdmin#createTopics()} did: the topics it created, the ones that already existed
 * and were left alone, and among those the ones whose settings differ from the contract (reported,
 * never changed). Lists follow the contract's order of topics.
 *
 * @param created topics created by this run
 * @param existing topics that already existed, mismatched or not
 * @param mismatched existing topics whose partitions or cleanup policy differ from the contract
 */
public record TopicSetupResult(
    List<String> created, List<String> existing, List<TopicMismatch> mismatched) {
  public TopicSetupResult {
    created = List.copyOf(created);
    existing = List.copyOf(existing);
    mismatched = List.copyOf(mismatched);
  }

  /** True when the run created nothing, as a second run should. */
  public boolean createdNothing() {
    return created.isEmpty();
  }

  /** One line for a CLI or a log, e.g. {@code "3 topics created, 11 already existed"}. */
  public String summary() {
    final String line =
        topics(created.size()) + " created, " + existing.size() + " already existed";
    return mismatched.isEmpty()
        ? line
        : line + ", " + mismatched.size() + " differ from the contract";
  }

  private static String topics(final int count) {
    return count == 1 ? "1 topic" : count + " topics";
  }

  /**
   * An existing topic whose settings differ from the contract.
   *
   * @param topic the topic's name
   * @param problem what differs, e.g. {@code "has 3 partitions, the contract says 6"}
   */
  public record TopicMismatch(String topic, String problem) {
    @Override
    public String toString() {
      return topic + " " + problem;
    }
  }
}
