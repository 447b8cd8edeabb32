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
 * @param respondents distinct employees with a feedback response
 * @param engaged distinct employees who took part or responded (responseRate's denominator)
 * @param departed participants no longer active in the subtree as of the window end (added to
 *     headcount in participationRate's denominator)
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
    SatisfactionStats satisfaction,
    int respondents,
    int engaged,
    int departed) {

  /** Nothing counted: the value of a window where nothing happened. */
  public static final WindowCounts EMPTY =
      new WindowCounts(0, 0, 0, 0, 0, 0, 0, 0, 0.0, SatisfactionStats.EMPTY, 0, 0, 0);

  /**
   * The serde of the {@code tree-window-figures} store: the figures with their revision and changed
   * mark ({@link Tracked}).
   */
  public static final StateSerde<Tracked<WindowCounts>> SERDE =
      Tracked.serde("WindowCounts", WindowCounts::write, WindowCounts::read);

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
        satisfaction,
        respondents,
        engaged,
        departed);
  }

  /** These counts plus one attendance; PRESENT and LATE credit their sessionJp. */
  public WindowCounts withAttendance(final String status, final double sessionJp) {
    return attendance(status, sessionJp, 1);
  }

  /** These counts minus one attendance counted before (a correction replaced it). */
  public WindowCounts withoutAttendance(final String status, final double sessionJp) {
    return attendance(status, sessionJp, -1);
  }

  private WindowCounts attendance(final String status, final double sessionJp, final int sign) {
    final boolean credited = "PRESENT".equals(status) || "LATE".equals(status);
    return new WindowCounts(
        enrollments,
        withdrawals,
        completions,
        participants,
        present + ("PRESENT".equals(status) ? sign : 0),
        late + ("LATE".equals(status) ? sign : 0),
        absent + ("ABSENT".equals(status) ? sign : 0),
        excused + ("EXCUSED".equals(status) ? sign : 0),
        jpDelivered + (credited ? sign * sessionJp : 0.0),
        satisfaction,
        respondents,
        engaged,
        departed);
  }

  /** These counts with one more distinct participant. */
  public WindowCounts withParticipant() {
    return participants(1);
  }

  /** These counts with one distinct participant fewer (their only session was corrected). */
  public WindowCounts withoutParticipant() {
    return participants(-1);
  }

  private WindowCounts participants(final int delta) {
    return new WindowCounts(
        enrollments,
        withdrawals,
        completions,
        participants + delta,
        present,
        late,
        absent,
        excused,
        jpDelivered,
        satisfaction,
        respondents,
        engaged,
        departed);
  }

  /**
   * These counts with the distinct people changed: {@code respondents} and {@code engaged} added (0
   * or 1 each), {@code departed} added (+1, -1 or 0).
   */
  public WindowCounts withPeople(final int respondent, final int engagedOne, final int left) {
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
        satisfaction,
        respondents + respondent,
        engaged + engagedOne,
        departed + left);
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
        satisfaction.add(overall, careerRelevance, recommend),
        respondents,
        engaged,
        departed);
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
    out.writeInt(c.respondents);
    out.writeInt(c.engaged);
    out.writeInt(c.departed);
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
            in.readLong()),
        in.readInt(),
        in.readInt(),
        in.readInt());
  }
}
