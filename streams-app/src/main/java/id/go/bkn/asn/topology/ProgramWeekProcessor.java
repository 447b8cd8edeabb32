package id.go.bkn.asn.topology;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.function.LowWatermark;
import id.go.bkn.asn.function.ProgramWeek;
import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramWeekState;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.TrainingProgram;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The programme stage's one processor, on a task of the programme-keyed stream. Counts ATTENDANCE
 * and FEEDBACK into their programme's WIB week ({@code program-weeks}, with distinct participants
 * in {@code program-seen}), follows every sender's WATERMARK ({@code program-watermarks}) and
 * closes a week once the slowest sender has passed its end plus the week grace: one FINAL record,
 * then the week's state is deleted. A wall-clock punctuator writes PROVISIONAL records of the weeks
 * that changed. A task holds only its open weeks (programmes x about two weeks); the punctuator
 * reads them all (any may have changed), a close only the date-first range of the weeks it can
 * close.
 */
final class ProgramWeekProcessor
    implements Processor<String, ProgramMessage, String, ProgramSatisfaction> {

  /** Store of the open weeks: {@code yyyy-MM-dd|programId} -> running figures. */
  static final String WEEKS_STORE = "program-weeks";

  /** Store of people counted: {@code programId|yyyy-MM-dd|employeeId} -> role bits. */
  static final String SEEN_STORE = "program-seen";

  /** Store of watermarks: sender partition -> its latest clock; {@link #SENDERS_KEY} -> count. */
  static final String WATERMARKS_STORE = "program-watermarks";

  /** The key under which {@link #WATERMARKS_STORE} keeps how many sender partitions there are. */
  static final int SENDERS_KEY = -1;

  private static final Logger LOG = LoggerFactory.getLogger(ProgramWeekProcessor.class);
  private static final Set<String> PARTICIPATING = Set.of("PRESENT", "LATE");
  private static final long PARTICIPANT = 1L;
  private static final long RESPONDENT = 2L;
  private static final long ROLES = PARTICIPANT | RESPONDENT;

  /**
   * Above the role bits, program-seen counts the tree tasks that count the employee as taking part
   * in the week: a tree task sends a PRESENT or LATE attendance when the employee starts taking
   * part there and its retraction when they stop (WindowLedger#count), so an employee who took part
   * in two trees stays a participant until neither tree counts them.
   */
  private static final long ONE_SESSION = 4L;

  private static final String SEP = JakartaCalendar.KEY_SEPARATOR;

  private final TopologySettings settings;
  private final Clock clock;
  private ProcessorContext<String, ProgramSatisfaction> context;
  private KeyValueStore<String, ProgramWeekState> weeks;
  private KeyValueStore<String, Long> seen;
  private KeyValueStore<Integer, Long> watermarks;
  private KeyValueStore<String, TrainingProgram> programs;

  /** The low watermark as last computed from the store; null until first needed. */
  private Optional<Instant> lowWatermark;

  ProgramWeekProcessor(final TopologySettings settings, final Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void init(final ProcessorContext<String, ProgramSatisfaction> processorContext) {
    this.context = processorContext;
    this.weeks = processorContext.getStateStore(WEEKS_STORE);
    this.seen = processorContext.getStateStore(SEEN_STORE);
    this.watermarks = processorContext.getStateStore(WATERMARKS_STORE);
    this.programs = processorContext.getStateStore(TopologyContext.PROGRAMS_STORE);
    processorContext.schedule(
        settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> writeProvisional());
  }

  @Override
  public void process(final Record<String, ProgramMessage> record) {
    final ProgramMessage message = record.value();
    if (message == null || message.getKind() == null) {
      return;
    }
    switch (message.getKind()) {
      case WATERMARK -> onWatermark(message);
      case ATTENDANCE -> onAttendance(message);
      case FEEDBACK -> onFeedback(message);
      default -> LOG.warn("Ignoring programme message of unknown kind {}", message.getKind());
    }
  }

  private void onAttendance(final ProgramMessage message) {
    final CalendarWindow week = openWeekOf(message);
    if (week == null) {
      return;
    }
    final String programId = message.getProgramId();
    final ProgramWeek current = load(programId, week);
    final boolean participating =
        message.getEmployeeId() != null && PARTICIPATING.contains(message.getStatus());
    if (Boolean.TRUE.equals(message.getRetraction())) {
      store(participating ? unattended(current, message) : current.touched());
      return;
    }
    if (!participating) {
      store(current.touched());
      return;
    }
    final long was = markSeen(programId, week, message.getEmployeeId(), PARTICIPANT);
    if ((was & PARTICIPANT) != 0) {
      store(current.touched());
    } else {
      store(current.withParticipant().withPeople(0, (was & ROLES) == 0L ? 1 : 0));
    }
  }

  /**
   * The week after a PRESENT or LATE attendance counted before was retracted (a correction replaces
   * it): the employee stops being a participant when it was their last one in the week.
   */
  private ProgramWeek unattended(final ProgramWeek current, final ProgramMessage message) {
    final String key = seenPrefix(current.programId(), current.week()) + message.getEmployeeId();
    final Long stored = seen.get(key);
    if (stored == null || stored < ONE_SESSION) {
      return current.touched();
    }
    long now = stored - ONE_SESSION;
    ProgramWeek next = current.touched();
    if (now < ONE_SESSION) {
      now &= ~PARTICIPANT;
      next = next.withoutParticipant().withPeople(0, (now & ROLES) == 0L ? -1 : 0);
    }
    if (now == 0L) {
      seen.delete(key);
    } else {
      seen.put(key, now);
    }
    return next;
  }

  /**
   * Adds a role to the employee's seen entry of the programme week; returns the roles before. The
   * entry holds role bits so that one person counts once among the people engaged.
   */
  private long markSeen(
      final String programId, final CalendarWindow week, final String employeeId, final long role) {
    final String key = seenPrefix(programId, week) + employeeId;
    final Long stored = seen.get(key);
    final long was = stored == null ? 0L : stored;
    final long now = (was | role) + (role == PARTICIPANT ? ONE_SESSION : 0L);
    if (now != was) {
      seen.put(key, now);
    }
    return was;
  }

  private void onFeedback(final ProgramMessage message) {
    final CalendarWindow week = openWeekOf(message);
    if (week == null) {
      return;
    }
    if (message.getOverall() == null) {
      LOG.warn(
          "Ignoring feedback without an overall rating for {}", week.key(message.getProgramId()));
      return;
    }
    final ProgramWeek current = load(message.getProgramId(), week);
    try {
      final ProgramWeek counted =
          current.withFeedback(
              message.getOverall(), message.getCareerRelevance(), message.getRecommend());
      if (message.getEmployeeId() == null) {
        // Nothing tells two anonymous answers apart: each is one more person.
        store(counted.withPeople(1, 1));
      } else {
        final long was =
            markSeen(message.getProgramId(), week, message.getEmployeeId(), RESPONDENT);
        store(counted.withPeople((was & RESPONDENT) == 0 ? 1 : 0, (was & ROLES) == 0L ? 1 : 0));
      }
    } catch (final IllegalArgumentException e) {
      // Stage 1 validates ratings; counting an impossible one would corrupt the week's figures.
      LOG.warn(
          "Ignoring feedback for {} with a rating out of range: {}",
          week.key(message.getProgramId()),
          e.getMessage());
    }
  }

  /** The event's week, or null (logged) when it has no programme or its week is already closed. */
  private CalendarWindow openWeekOf(final ProgramMessage message) {
    if (message.getProgramId() == null) {
      LOG.warn("Ignoring {} without a programme", message.getKind());
      return null;
    }
    final CalendarWindow week = JakartaCalendar.week(message.getOccurredAt());
    if (isClosed(week)) {
      // The tree stage sends an event before any watermark beyond its week, so this means a
      // broken upstream; counting it would write a second FINAL record.
      LOG.warn(
          "Ignoring {} for {}: that week is already closed",
          message.getKind(),
          week.key(message.getProgramId()));
      return null;
    }
    return week;
  }

  private void onWatermark(final ProgramMessage message) {
    final Integer sender = message.getSenderPartition();
    final Integer senders = message.getSenderPartitions();
    if (sender == null || senders == null || senders < 1 || sender < 0 || sender >= senders) {
      LOG.warn("Ignoring watermark with sender {} of {}", sender, senders);
      return;
    }
    final long mark = message.getOccurredAt().toEpochMilli();
    final Long previous = watermarks.get(sender);
    // A sender's clock never goes back; keep the greatest in case an old one arrives after.
    if (previous == null || mark > previous) {
      watermarks.put(sender, mark);
    }
    final Long knownSenders = watermarks.get(SENDERS_KEY);
    if (knownSenders == null || knownSenders != senders.longValue()) {
      watermarks.put(SENDERS_KEY, senders.longValue());
    }
    lowWatermark = computeLowWatermark();
    lowWatermark.ifPresent(this::closeWeeks);
  }

  private boolean isClosed(final CalendarWindow week) {
    if (lowWatermark == null) {
      lowWatermark = computeLowWatermark();
    }
    return lowWatermark.map(mark -> week.isClosedAt(mark, settings.weekGrace())).orElse(false);
  }

  private Optional<Instant> computeLowWatermark() {
    final Long senders = watermarks.get(SENDERS_KEY);
    return senders == null
        ? Optional.empty()
        : LowWatermark.of(watermarks::get, Math.toIntExact(senders));
  }

  /**
   * One FINAL record per week the low watermark has passed, then its state is gone. Keys are date
   * first, so the weeks that can be closed are a range at the start of the store: every week that
   * starts before the week holding {@code mark - grace} (a week is closed once {@code end + grace
   * <= mark}, and that week's own end is after {@code mark - grace}). Open weeks after it are never
   * read or decoded, so a watermark costs the weeks it closes, not the whole store.
   */
  private void closeWeeks(final Instant mark) {
    final List<KeyValue<String, ProgramWeek>> closing = new ArrayList<>();
    // "yyyy-MM-dd|" sorts before every key of that date and after every key of earlier dates.
    final String firstOpen =
        JakartaCalendar.week(mark.minus(settings.weekGrace())).startDate() + SEP;
    try (KeyValueIterator<String, ProgramWeekState> all = weeks.range(null, firstOpen)) {
      all.forEachRemaining(
          entry -> {
            final ProgramWeek week = ProgramWeekStates.fromState(entry.value);
            if (week.week().isClosedAt(mark, settings.weekGrace())) {
              closing.add(KeyValue.pair(entry.key, week));
            }
          });
    }
    for (final KeyValue<String, ProgramWeek> entry : closing) {
      write(entry.value, RecordStatus.FINAL);
      weeks.delete(entry.key);
      deleteSeen(entry.value);
    }
    if (!closing.isEmpty()) {
      LOG.info("Closed {} programme weeks at watermark {}", closing.size(), mark);
    }
  }

  private void writeProvisional() {
    final List<ProgramWeek> changed = new ArrayList<>();
    try (KeyValueIterator<String, ProgramWeekState> all = weeks.all()) {
      all.forEachRemaining(
          entry -> {
            if (entry.value.getChanged()) {
              changed.add(ProgramWeekStates.fromState(entry.value));
            }
          });
    }
    for (final ProgramWeek week : changed) {
      store(write(week, RecordStatus.PROVISIONAL));
    }
  }

  /** Writes the week's next record and returns the week as written. */
  private ProgramWeek write(final ProgramWeek week, final RecordStatus status) {
    final ProgramWeek written = week.written();
    final Instant now = clock.instant();
    final ProgramSatisfaction record =
        written.toRecord(programs.get(week.programId()), status, settings.minResponses(), now);
    // The record's timestamp is the wall clock, not the week: brokers refuse timestamps too far
    // in the future, and the current week's end is up to seven days ahead.
    context.forward(new Record<>(week.week().key(week.programId()), record, now.toEpochMilli()));
    return written;
  }

  private void deleteSeen(final ProgramWeek week) {
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> counted =
        seen.prefixScan(seenPrefix(week.programId(), week.week()), new StringSerializer())) {
      counted.forEachRemaining(entry -> keys.add(entry.key));
    }
    keys.forEach(seen::delete);
  }

  private ProgramWeek load(final String programId, final CalendarWindow week) {
    final ProgramWeekState state = weeks.get(weekKey(programId, week));
    return state == null ? ProgramWeek.open(programId, week) : ProgramWeekStates.fromState(state);
  }

  private void store(final ProgramWeek week) {
    weeks.put(weekKey(week.programId(), week.week()), ProgramWeekStates.toState(week));
  }

  /** Date first, so that the store iterates weeks in time order. */
  private static String weekKey(final String programId, final CalendarWindow week) {
    return week.startDate() + SEP + programId;
  }

  private static String seenPrefix(final String programId, final CalendarWindow week) {
    return week.key(programId) + SEP;
  }
}
