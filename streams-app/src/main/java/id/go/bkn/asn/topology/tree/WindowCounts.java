package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.SatisfactionStats;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The running counts of one unit's subtree in one DAY or WEEK window: enrolment actions, attendance
 * by status, JP delivered, distinct participants and the satisfaction sums. Immutable; holds no
 * employee id and no comment.
 *
 * @param enrollments ENROLLED actions
 * @param withdrawals WITHDRAWN actions
 * @param completions COMPLETED actions
 * @param participants distinct employees with a PRESENT or LATE attendance
 * @param present PRESENT attendance
 * @param late LATE attendance
 * @param absent ABSENT attendance
 * @param excused EXCUSED attendance
 * @param jpDelivered sum of sessionJp over PRESENT and LATE
 * @param satisfaction the feedback sums (non-anonymous feedback only)
 */
public record WindowCounts(
    int enrollments,
    int withdrawals,
    int completions,
    int participants,
    int present,
    int late,
    int absent,
    int excused,
    double jpDelivered,
    SatisfactionStats satisfaction) {

  /** Nothing counted: the value of a window where nothing happened. */
  public static final WindowCounts EMPTY =
      new WindowCounts(0, 0, 0, 0, 0, 0, 0, 0, 0.0, SatisfactionStats.EMPTY);

  /** The serde of the {@code tree-windows} store. */
  public static final StateSerde<WindowCounts> SERDE =
      new StateSerde<>("WindowCounts", WindowCounts::write, WindowCounts::read);

  /** These counts plus one enrolment action (ENROLLED, WITHDRAWN, COMPLETED; others ignored). */
  public WindowCounts withEnrollment(final String action) {
    return new WindowCounts(
        enrollments + ("ENROLLED".equals(action) ? 1 : 0),
        withdrawals + ("WITHDRAWN".equals(action) ? 1 : 0),
        completions + ("COMPLETED".equals(action) ? 1 : 0),
        participants,
        present,
        late,
        absent,
        excused,
        jpDelivered,
        satisfaction);
  }

  /** These counts plus one attendance; PRESENT and LATE credit their sessionJp. */
  public WindowCounts withAttendance(final String status, final double sessionJp) {
    final boolean credited = "PRESENT".equals(status) || "LATE".equals(status);
    return new WindowCounts(
        enrollments,
        withdrawals,
        completions,
        participants,
        present + ("PRESENT".equals(status) ? 1 : 0),
        late + ("LATE".equals(status) ? 1 : 0),
        absent + ("ABSENT".equals(status) ? 1 : 0),
        excused + ("EXCUSED".equals(status) ? 1 : 0),
        jpDelivered + (credited ? sessionJp : 0.0),
        satisfaction);
  }

  /** These counts with one more distinct participant. */
  public WindowCounts withParticipant() {
    return new WindowCounts(
        enrollments,
        withdrawals,
        completions,
        participants + 1,
        present,
        late,
        absent,
        excused,
        jpDelivered,
        satisfaction);
  }

  /** These counts plus one feedback response. */
  public WindowCounts withFeedback(
      final int overall, final Integer careerRelevance, final Integer recommend) {
    return new WindowCounts(
        enrollments,
        withdrawals,
        completions,
        participants,
        present,
        late,
        absent,
        excused,
        jpDelivered,
        satisfaction.add(overall, careerRelevance, recommend));
  }

  private static void write(final WindowCounts c, final DataOutputStream out) throws IOException {
    out.writeInt(c.enrollments);
    out.writeInt(c.withdrawals);
    out.writeInt(c.completions);
    out.writeInt(c.participants);
    out.writeInt(c.present);
    out.writeInt(c.late);
    out.writeInt(c.absent);
    out.writeInt(c.excused);
    out.writeDouble(c.jpDelivered);
    final SatisfactionStats s = c.satisfaction;
    out.writeLong(s.responses());
    out.writeLong(s.overallSum());
    out.writeLong(s.careerRelevanceAnswered());
    out.writeLong(s.careerRelevanceSum());
    out.writeLong(s.recommendAnswered());
    out.writeLong(s.promoters());
    out.writeLong(s.detractors());
  }

  private static WindowCounts read(final DataInputStream in) throws IOException {
    return new WindowCounts(
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readInt(),
        in.readDouble(),
        new SatisfactionStats(
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong()));
  }
}
