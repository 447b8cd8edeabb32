package id.go.bkn.asn.topology.tree;

import java.util.Objects;

/**
 * One record the tree processor writes, tagged with where it goes, so that one processor can feed
 * the analytics topics, the late-events topic and the programme repartition; {@code TreeStage}
 * splits the stream by {@link Target} and gives each branch its serde.
 *
 * @param target where the record goes
 * @param value the record: a UnitActivity, UnitJpProgress, EmployeeJpProgress, ParticipationAlert,
 *     ProgramMessage or {@link LateEvent}
 */
public record TreeOutput(Target target, Object value) {

  /** Checks both parts are present. */
  public TreeOutput {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(value, "value");
  }

  /** Where a record goes. */
  public enum Target {
    LATE_EVENT,
    UNIT_ACTIVITY_DAILY,
    UNIT_ACTIVITY_WEEKLY,
    UNIT_JP_YTD,
    EMPLOYEE_JP_YTD,
    ALERT,
    PROGRAM
  }

  /** The value cast to the type its target carries. */
  public <T> T as(final Class<T> type) {
    return type.cast(value);
  }

  /**
   * A late event's original bytes, for {@code training.late-events}.
   *
   * @param key the original key bytes (null when the original had none)
   * @param value the original value bytes
   */
  public record LateEvent(byte[] key, byte[] value) {}
}
