package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.WindowSize;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open DAY and WEEK windows of a task's trees: counts an event for its unit and every ancestor
 * (O(depth) store operations), distinct participants and respondents through one seen-set entry per
 * employee and week ({@link SeenWeek}: their roles in the week and in each of its days, per unit
 * they were counted in, so a transfer inside a subtree still counts the employee once there, and an
 * event counted in its day and its week writes one seen-set record whatever the depth), keeps how
 * many participants have left each subtree by the window end, writes the PROVISIONAL record of a
 * changed unit-window, and on close one FINAL record per unit of the trees, zeros included, then
 * queues the window's state for deletion in chunks (the seen-set of a week once the week and all
 * its days are closed, see {@link #forgetSeen}).
 */
final class WindowLedger {

  /** Seen-set role bit: took part (PRESENT or LATE). */
  private static final long PARTICIPANT = 1L;

  /** Seen-set role bit: gave feedback. */
  private static final long RESPONDENT = 2L;

  /** Seen-set role bits. */
  private static final long ROLES = PARTICIPANT | RESPONDENT;

  /**
   * Above the role bits the seen-set counts the employee's PRESENT or LATE attendance in the
   * window, so a correction of one of them knows whether they still took part.
   */
  private static final long ONE_SESSION = 4L;

  /**
   * An open window an event is counted in (or retracted from), with the unit chain where the roster
   * places the employee as of the window end (empty when nowhere).
   *
   * @param window the DAY or WEEK window
   * @param endChain the employee's unit and its ancestors as of the window end
   */
  record OpenWindow(CalendarWindow window, List<String> endChain) {}

  private final WeekFiguresStore windows;
  private final KeyValueStore<String, SeenWeek> seen;
  private final HeadcountLedger headcounts;
  private final ChunkedDeletes deletes;
  private final int minResponses;
  private final Predicate<CalendarWindow> closed;

  /**
   * A ledger over the stores; {@code closed} says whether a window is closed by the task's clock
   * (its slot in a seen-set entry is then dropped when the entry is next written: nothing reads it
   * again).
   */
  WindowLedger(
      final WeekFiguresStore windows,
      final KeyValueStore<String, SeenWeek> seen,
      final HeadcountLedger headcounts,
      final ChunkedDeletes deletes,
      final int minResponses,
      final Predicate<CalendarWindow> closed) {
    this.windows = windows;
    this.seen = seen;
    this.headcounts = headcounts;
    this.deletes = deletes;
    this.minResponses = minResponses;
    this.closed = closed;
  }

  /**
   * Counts a non-anonymous event in its open windows (its DAY and WEEK, or the one still open) for
   * every unit of its chain: one seen-set read and at most one write for all of them (they share
   * their week's entry). A participant counted in a unit outside a window's end chain has left that
   * subtree by then.
   *
   * @return whether the programme stage needs the event: a feedback always (its ratings add up); an
   *     attendance in an open week only when it changes what that stage counts, that is when it is
   *     the employee's first attendance of the programme's week sent from this task (the week
   *     exists there from then on) or their first PRESENT or LATE one there (they take part from
   *     then on). A further session changes no programme figure, so it is not sent: the {@code
   *     asn-program} topic carries about one record per employee, programme and week, not one per
   *     session. The programme stage counts, per employee and week, the trees that sent a start and
   *     no stop ({@link #retract}), so an employee who took part in two trees is one participant.
   */
  boolean count(final List<OpenWindow> open, final List<String> chain, final TreeMessage event) {
    if (open.isEmpty()) {
      return false;
    }
    final boolean attendance = event.getKind() == TreeMessageKind.ATTENDANCE;
    final boolean participant =
        attendance && ("PRESENT".equals(event.getStatus()) || "LATE".equals(event.getStatus()));
    final boolean respondent =
        event.getKind() == TreeMessageKind.FEEDBACK && event.getOverall() != null;
    final long role = (participant ? PARTICIPANT : 0L) | (respondent ? RESPONDENT : 0L);
    final String programId = event.getProgramId();
    final boolean programme = attendance && programId != null && hasWeek(open);
    final boolean readsSeen = role != 0L || programme;
    final String seenKey =
        readsSeen ? TreeKeys.seen(open.get(0).window(), event.getEmployeeId()) : null;
    final SeenWeek stored = readsSeen ? seen.get(seenKey) : null;
    SeenWeek roles = stored == null ? SeenWeek.EMPTY : stored;
    final CalendarWindow anyOpen = open.get(0).window();
    for (final String unitId : chain) {
      // the unit's day and week share one entry: read once, written once
      final WeekFigures read = windows.read(anyOpen, unitId);
      WeekFigures entry = read;
      for (final OpenWindow target : open) {
        final CalendarWindow window = target.window();
        final int slot = SeenWeek.slot(window);
        final Tracked<WindowCounts> figures = entry.slot(slot);
        WindowCounts after = counted(TrackedStore.figures(figures, WindowCounts.EMPTY), event);
        if (role != 0L) {
          final long was = roles.of(slot, unitId);
          final long now = (was | role) + (participant ? ONE_SESSION : 0L);
          if (now != was) {
            roles = roles.with(slot, unitId, now);
            final boolean newParticipant = (now & PARTICIPANT) != 0 && (was & PARTICIPANT) == 0;
            if (newParticipant) {
              after = after.withParticipant();
            }
            after =
                after.withPeople(
                    (now & RESPONDENT) != 0 && (was & RESPONDENT) == 0 ? 1 : 0,
                    (was & ROLES) == 0L ? 1 : 0,
                    newParticipant && !target.endChain().contains(unitId) ? 1 : 0);
          }
        }
        entry = entry.with(slot, changed(figures, after));
        windows.markDirty(window, unitId);
      }
      windows.write(anyOpen, unitId, read, entry);
    }
    boolean onward = !attendance;
    if (programme) {
      final int sent = roles.sessions(programId);
      onward = sent == SeenWeek.UNSENT || (participant && sent == 0);
      roles = roles.withSessions(programId, Math.max(sent, 0) + (participant ? 1 : 0));
    }
    if (readsSeen) {
      store(seenKey, open.get(0).window(), stored, roles);
    }
    return onward;
  }

  /** Whether the open windows include the event's WEEK. */
  private static boolean hasWeek(final List<OpenWindow> open) {
    for (final OpenWindow target : open) {
      if (target.window().size() == WindowSize.WEEK) {
        return true;
      }
    }
    return false;
  }

  /**
   * Undoes an attendance counted before in its open windows, for every unit of its chain: a
   * correction replaces it. A participant whose last PRESENT or LATE attendance of a window this
   * was no longer counts as one there (nor as engaged, unless they answered feedback).
   *
   * @return whether the programme stage needs the retraction: only when it takes away the
   *     employee's last PRESENT or LATE session of the programme's week sent from this task (they
   *     stop taking part there, unless another tree still counts them); see {@link #count}
   */
  boolean retract(final List<OpenWindow> open, final List<String> chain, final TreeMessage event) {
    if (open.isEmpty()) {
      return false;
    }
    final boolean participant =
        "PRESENT".equals(event.getStatus()) || "LATE".equals(event.getStatus());
    final double jp = event.getSessionJp() == null ? 0.0 : event.getSessionJp();
    final String seenKey = TreeKeys.seen(open.get(0).window(), event.getEmployeeId());
    final SeenWeek stored = participant ? seen.get(seenKey) : null;
    SeenWeek roles = stored == null ? SeenWeek.EMPTY : stored;
    final CalendarWindow anyOpen = open.get(0).window();
    for (final String unitId : chain) {
      final WeekFigures read = windows.read(anyOpen, unitId);
      WeekFigures entry = read;
      for (final OpenWindow target : open) {
        final CalendarWindow window = target.window();
        final int slot = SeenWeek.slot(window);
        final Tracked<WindowCounts> figures = entry.slot(slot);
        if (figures == null) {
          continue;
        }
        WindowCounts after = figures.figures().withoutAttendance(event.getStatus(), jp);
        if (participant) {
          final long was = roles.of(slot, unitId);
          if (was >= ONE_SESSION) {
            long now = was - ONE_SESSION;
            if (now < ONE_SESSION) {
              now &= ~PARTICIPANT;
              after =
                  after
                      .withoutParticipant()
                      .withPeople(
                          0,
                          (now & ROLES) == 0L ? -1 : 0,
                          target.endChain().contains(unitId) ? 0 : -1);
            }
            roles = roles.with(slot, unitId, now);
          }
        }
        entry = entry.with(slot, changed(figures, after));
        windows.markDirty(window, unitId);
      }
      windows.write(anyOpen, unitId, read, entry);
    }
    boolean onward = false;
    final String programId = event.getProgramId();
    if (participant && programId != null && hasWeek(open)) {
      final int sent = roles.sessions(programId);
      if (sent > 0) {
        roles = roles.withSessions(programId, sent - 1);
        onward = sent == 1;
      }
    }
    if (stored != null) {
      store(seenKey, open.get(0).window(), stored, roles);
    }
    return onward;
  }

  /**
   * Writes a changed seen-set entry of the week holding {@code window}, without the slots of its
   * windows that are closed by now (they are never read again; the entry stays small); deletes it
   * when nothing is left.
   */
  private void store(
      final String seenKey,
      final CalendarWindow window,
      final SeenWeek stored,
      final SeenWeek changed) {
    if (changed.equals(stored == null ? SeenWeek.EMPTY : stored)) {
      return;
    }
    final CalendarWindow week =
        window.size() == WindowSize.WEEK ? window : JakartaCalendar.week(window.start());
    SeenWeek next = changed;
    for (int slot = 0; slot < SeenWeek.SLOTS; slot++) {
      if (next.holds(slot) && closed.test(slotWindow(week, slot))) {
        next = next.withoutSlot(slot);
      }
    }
    if (!next.isEmpty()) {
      seen.put(seenKey, next);
    } else if (stored != null) {
      seen.delete(seenKey);
    }
  }

  /** The window of a slot of the week's seen-set entry: the week or one of its days. */
  static CalendarWindow slotWindow(final CalendarWindow week, final int slot) {
    return slot == SeenWeek.WEEK
        ? week
        : JakartaCalendar.day(week.start().plus(Duration.ofDays(slot - 1L)));
  }

  /**
   * A roster change moved the employee's placement as of the window end from {@code oldEnd} to
   * {@code newEnd} (unit chains): a participant of a unit in the old chain only has now left its
   * subtree, one of a unit in the new chain only is back. O(depth) gets, no scan.
   */
  void moved(
      final CalendarWindow window,
      final String employeeId,
      final List<String> oldEnd,
      final List<String> newEnd) {
    for (final String unitId : oldEnd) {
      if (!newEnd.contains(unitId)) {
        departed(window, unitId, employeeId, 1);
      }
    }
    for (final String unitId : newEnd) {
      if (!oldEnd.contains(unitId)) {
        departed(window, unitId, employeeId, -1);
      }
    }
  }

  private void departed(
      final CalendarWindow window, final String unitId, final String employeeId, final int delta) {
    final SeenWeek roles = seen.get(TreeKeys.seen(window, employeeId));
    if (roles == null || (roles.of(SeenWeek.slot(window), unitId) & PARTICIPANT) == 0) {
      return;
    }
    final WeekFigures read = windows.read(window, unitId);
    final int slot = SeenWeek.slot(window);
    final Tracked<WindowCounts> figures = read.slot(slot);
    final WindowCounts after =
        TrackedStore.figures(figures, WindowCounts.EMPTY).withPeople(0, 0, delta);
    windows.write(window, unitId, read, read.with(slot, changed(figures, after)));
    windows.markDirty(window, unitId);
  }

  /** The figures changed over the slot's value (null when empty), marked changed. */
  private static Tracked<WindowCounts> changed(
      final Tracked<WindowCounts> figures, final WindowCounts after) {
    return figures == null ? new Tracked<>(after, 0, true) : figures.changed(after);
  }

  private static WindowCounts counted(final WindowCounts counts, final TreeMessage event) {
    return switch (event.getKind()) {
      case ENROLLMENT -> counts.withEnrollment(event.getAction());
      case ATTENDANCE ->
          counts.withAttendance(
              event.getStatus(), event.getSessionJp() == null ? 0.0 : event.getSessionJp());
      case FEEDBACK ->
          event.getOverall() == null
              ? counts
              : counts.withFeedback(
                  event.getOverall(), event.getCareerRelevance(), event.getRecommend());
      case ROSTER, WATERMARK, YTD -> counts;
    };
  }

  /** The PROVISIONAL record of a unit in an open window. */
  UnitActivity provisional(final UnitInfo unit, final CalendarWindow window, final Instant now) {
    final Tracked<WindowCounts> written = windows.written(window, unit.unitId());
    return record(
        unit, window, RecordStatus.PROVISIONAL, written.revision(), written.figures(), now);
  }

  /**
   * The FINAL record of a unit in a closed window. A close writes one per unit of the task's trees,
   * a bounded number per call (nothing writes a closed window's figures meanwhile; the close only
   * reads), then calls {@link #closed}.
   */
  UnitActivity finalRecord(final CalendarWindow window, final UnitInfo unit, final Instant now) {
    final Tracked<WindowCounts> entry = windows.figures(window, unit.unitId());
    return record(
        unit,
        window,
        RecordStatus.FINAL,
        (entry == null ? 0 : entry.revision()) + 1,
        TrackedStore.figures(entry, WindowCounts.EMPTY),
        now);
  }

  private UnitActivity record(
      final UnitInfo unit,
      final CalendarWindow window,
      final RecordStatus status,
      final int revision,
      final WindowCounts counts,
      final Instant now) {
    return TreeRecords.activity(
        unit,
        window,
        status,
        revision,
        headcounts.asOf(unit.unitId(), window.end().toEpochMilli()),
        counts,
        minResponses,
        now);
  }

  /**
   * After every unit's FINAL record of the window: forgets the window's marks in the dirty set.
   * Nothing writes a closed window's figures again (its slot leaves a unit's week entry when the
   * entry is next written), and a mark found again after a restart is dropped unwritten (its window
   * is closed). The week's figures' entries and its seen-set entries, shared by the week and its
   * days, go with {@link #forgetWeek} once all of them are closed.
   */
  void closed(final CalendarWindow window) {
    windows.forgetMarks(window);
  }

  /**
   * Queues the deletion, in bounded chunks, of the week's seen-set entries and of what is left of
   * its figures' entries: to be called once the week and each of its days are closed (one delete
   * per employee and week removes the roles of all eight windows).
   */
  void forgetWeek(final CalendarWindow week) {
    deletes.deletePrefix(TreeStores.SEEN, TreeKeys.seenPrefix(week));
    deletes.deletePrefix(TreeStores.WINDOWS, TreeKeys.windowPrefix(week));
  }

  /** The output target of a window size. */
  static TreeOutput.Target target(final WindowSize size) {
    return size == WindowSize.DAY
        ? TreeOutput.Target.UNIT_ACTIVITY_DAILY
        : TreeOutput.Target.UNIT_ACTIVITY_WEEKLY;
  }
}
