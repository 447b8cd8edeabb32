package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.AlertEvaluator;
import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.CalendarYear;
import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.EventWindows;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.function.RecordTime;
import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramMessageKind;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.topology.TopologyContext;
import id.go.bkn.asn.topology.UnitHierarchy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tree stage's processor (docs/design/topology.md, stage 2): one task owns whole trees and
 * makes every decision about them with one clock, the low watermark of the ingest tasks: each
 * WATERMARK they send may advance it and close the windows it has passed (one FINAL record per unit
 * of the task's trees, weekly alerts). Per event it decides once which of the event's DAY, WEEK and
 * YEAR windows are open: open ones count it for its unit chain, closed ones send its original bytes
 * to the late events, and an event counted for its week goes on to the programme stage when it
 * changes what that stage counts (a feedback, or an attendance that starts or stops the employee's
 * part in the programme's week: {@link WindowLedger#count}). Events do not move the clock: an
 * ingest task days ahead would otherwise close windows that a slower one still has events for. A
 * wall-clock punctuator lets the wall clock close windows when every sender is idle, writes
 * PROVISIONAL records of what changed and broadcasts the task's clock as a watermark to the
 * programme stage.
 */
public final class TreeProcessor implements Processor<String, TreeMessage, String, TreeOutput> {

  private static final Logger LOG = LoggerFactory.getLogger(TreeProcessor.class);
  private static final String YEAR_CURSOR = CalendarYear.KIND;
  private static final String UNKNOWN_TOPIC = "unknown";

  /** Keys a chunk of deletes examines at most (see {@link ChunkedDeletes}). */
  public static final int DEFAULT_DELETE_CHUNK = ChunkedDeletes.DEFAULT_CHUNK;

  /** Units, moves, messages or PROVISIONAL records at most per call: see {@link #work}. */
  public static final int DEFAULT_WORK_CHUNK = 1_000;

  /**
   * How often a wall-clock punctuator goes on with work under way when no record comes (the input
   * drained, or a quiet task): at 1,000 units per step, about 10,000 units a second.
   */
  static final Duration WORK_INTERVAL = Duration.ofMillis(100);

  /** Progress of a close: going through the units, after the one named. */
  private static final String UNITS = "U" + TreeKeys.SEP;

  /** Progress of a week close: the pass over the alert states, after the key named. */
  private static final String GONE = "G" + TreeKeys.SEP;

  /**
   * Progress of a year close: the employees changed since the last emission, after the key named.
   */
  private static final String EMPLOYEES = "E" + TreeKeys.SEP;

  /** Sorts after the separator, so a range up to a padded time + this covers that time's keys. */
  private static final String PENDING_END = "}";

  private final TopologySettings settings;
  private final Clock wall;
  private final PipelineEvents events;

  private ProcessorContext<String, TreeOutput> context;
  private KeyValueStore<String, WorkUnit> unitStore;
  private TreeClock clock;
  private SenderWatermarks senders;
  private TreeOwnership ownership;
  private UnitHierarchy hierarchy;
  private HeadcountLedger headcounts;
  private Placements placements;
  private KeyValueStore<String, Long> ytdPending;
  private EmissionLog log;
  private WindowLedger windows;
  private YtdLedger ytd;
  private WeekAlerts alerts;
  private ChunkedDeletes deletes;
  private Inbox inbox;
  private final int deleteChunk;
  private final int workChunk;
  private int recordsSinceDeletes;

  /** The clock moved (or a restart found work under way): year-to-date moves and closes are due. */
  private boolean due;

  /** A batch of closes under way has its unit snapshot. */
  private boolean batchLoaded;

  /** A close happened in the batch under way: the headcount changes are folded at its end. */
  private boolean batchClosed;

  /**
   * The last year-to-date move applied in the batch under way (null: from the first): the range
   * resumes after it instead of skipping the moves deleted by earlier steps again.
   */
  private String movesAfter;

  /** A PROVISIONAL emission (started by a punctuation) is under way. */
  private boolean emitting;

  /** The emission under way reloaded the unit snapshot once already. */
  private boolean emissionReloaded;

  /** The last dirty key the emission under way took (null: it starts from the first). */
  private String emissionAfter;

  private TreeUnits units = TreeUnits.empty();
  private final Map<String, WorkUnit> unitCache = new HashMap<>();
  private long lastRecordWall;

  /** A processor for the given topology context (settings, wall clock and metrics). */
  public TreeProcessor(final TopologyContext topology) {
    this(topology, ChunkedDeletes.DEFAULT_CHUNK, DEFAULT_WORK_CHUNK);
  }

  /**
   * The same, deleting closed windows' state in chunks of at most {@code deleteChunk} keys: one
   * chunk per punctuation and one per {@code deleteChunk / 10} records processed (at least one), so
   * the deletes keep pace with a backlog's closes at about ten keys per record; and doing at most
   * {@code workChunk} units of the work a clock move leaves per call (see {@link #work}).
   */
  public TreeProcessor(final TopologyContext topology, final int deleteChunk, final int workChunk) {
    if (workChunk < 1) {
      throw new IllegalArgumentException("workChunk must be at least 1, got " + workChunk);
    }
    this.settings = topology.settings();
    this.wall = topology.clock();
    this.events = topology.events();
    this.deleteChunk = deleteChunk;
    this.workChunk = workChunk;
  }

  @Override
  public void init(final ProcessorContext<String, TreeOutput> processorContext) {
    this.context = processorContext;
    unitStore = processorContext.getStateStore(TopologyContext.UNITS_STORE);
    clock = new TreeClock(processorContext.getStateStore(TreeStores.CLOCK));
    senders = new SenderWatermarks(processorContext.getStateStore(TreeStores.WATERMARKS));
    ownership =
        new TreeOwnership(
            processorContext.taskId().partition(),
            settings.treePartitions(),
            processorContext.getStateStore(TreeStores.ROOTS));
    hierarchy = new UnitHierarchy(this::unit);
    final KeyValueStore<String, WeekFigures> windowStore =
        processorContext.getStateStore(TreeStores.WINDOWS);
    final KeyValueStore<String, Tracked<EmployeeYtd>> employeeYtdStore =
        processorContext.getStateStore(TreeStores.YTD_EMPLOYEE);
    final KeyValueStore<String, Tracked<UnitYtd>> unitYtdStore =
        processorContext.getStateStore(TreeStores.YTD_UNIT);
    final KeyValueStore<String, SeenWeek> seenStore =
        processorContext.getStateStore(TreeStores.SEEN);
    final KeyValueStore<String, Integer> headcountStore =
        processorContext.getStateStore(TreeStores.HEADCOUNT);
    deletes =
        new ChunkedDeletes(
            processorContext.getStateStore(TreeStores.PURGE),
            Map.of(
                TreeStores.WINDOWS, windowStore,
                TreeStores.SEEN, seenStore,
                TreeStores.HEADCOUNT, headcountStore,
                TreeStores.YTD_EMPLOYEE, employeeYtdStore,
                TreeStores.YTD_UNIT, unitYtdStore),
            deleteChunk);
    inbox = new Inbox(processorContext.getStateStore(TreeStores.INBOX));
    // A close under way before a restart: its headcount changes are folded when it is done.
    batchClosed = inbox.anyProgress();
    headcounts = new HeadcountLedger(headcountStore, deletes);
    placements = new Placements(processorContext.getStateStore(TreeStores.PLACEMENTS));
    ytdPending = processorContext.getStateStore(TreeStores.YTD_PENDING);
    // The dirty set is in memory: rebuilt here from the marks kept in the figures' entries.
    log = new EmissionLog();
    final WeekFiguresStore windowFigures =
        new WeekFiguresStore(windowStore, log, this::isFinalized);
    final TrackedStore<EmployeeYtd> employeeYears = new TrackedStore<>(employeeYtdStore, log);
    final TrackedStore<UnitYtd> unitYears = new TrackedStore<>(unitYtdStore, log);
    windowFigures.indexDirty();
    employeeYears.indexDirty();
    unitYears.indexDirty();
    windows =
        new WindowLedger(
            windowFigures, seenStore, headcounts, deletes, settings.minResponses(), this::isClosed);
    ytd =
        new YtdLedger(
            employeeYears,
            unitYears,
            processorContext.getStateStore(TreeStores.ROSTER),
            headcounts,
            hierarchy,
            settings.targetJp(),
            this::ownsUnit);
    alerts =
        new WeekAlerts(
            new AlertEvaluator(settings.alerts(), wall),
            processorContext.getStateStore(TreeStores.ALERTS));
    // Work a clock move left before a restart goes on where the last commit left it.
    due = batchClosed || workDue();
    // A restarted task waits a full idle timeout before the wall clock may close anything.
    lastRecordWall = wall.millis();
    processorContext.schedule(
        settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    processorContext.schedule(WORK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::goOn);
  }

  /**
   * Goes on with work under way when no record drives it: one bounded step ({@link #work}), and the
   * watermark to the programme stage once nothing waits any more.
   */
  private void goOn(final long timestamp) {
    if (!busy() && !emitting) {
      return;
    }
    final boolean wasBusy = busy();
    work(workChunk);
    if (wasBusy && !busy() && clock.isSet()) {
      broadcastWatermark();
    }
  }

  @Override
  public void process(final Record<String, TreeMessage> record) {
    final TreeMessage message = record.value();
    if (message == null || message.getOccurredAt() == null) {
      return;
    }
    deleteEvery(Math.max(1, deleteChunk / 10));
    if (busy()) {
      // A close is under way (or messages wait for one that was): this message waits its turn, so
      // it sees the state the close leaves, as when a close was done in one call.
      if (message.getKind() != TreeMessageKind.WATERMARK) {
        lastRecordWall = wall.millis();
      }
      inbox.add(record);
    } else {
      handle(record);
    }
    work(workChunk);
  }

  /** Whether work a clock move left is under way or messages wait for it. */
  private boolean busy() {
    return due || !inbox.isEmpty();
  }

  /**
   * Does at most {@code budget} units of work, in this order: the year-to-date moves and closes the
   * clock's last move made due (a unit's FINAL record, a move, an alert state or a changed employee
   * each count one), then the messages that waited for them, in arrival order (one each), then the
   * PROVISIONAL records of an emission under way (one each). Every process and punctuate call does
   * one such step, so no call (and no transaction) does work that grows with the trees or the
   * roster: a national tree's close is spread over as many calls as it needs.
   */
  private void work(final int budget) {
    int left = budget;
    while (left > 0) {
      if (due) {
        left = closeSome(left);
        if (due) {
          return;
        }
      } else if (!inbox.isEmpty()) {
        final Record<String, TreeMessage> waiting = inbox.poll();
        if (waiting != null) {
          handle(waiting);
        }
        left--;
      } else if (emitting) {
        left = emitSome(left);
        if (emitting) {
          return;
        }
      } else {
        return;
      }
    }
  }

  /** Handles one message: a watermark may move the clock, everything else is counted. */
  private void handle(final Record<String, TreeMessage> record) {
    final TreeMessage message = record.value();
    if (message.getKind() == TreeMessageKind.WATERMARK) {
      onWatermark(message);
      return;
    }
    lastRecordWall = wall.millis();
    if (message.getRootUnitId() != null) {
      // The root the message was sent to: a transfer between two trees reaches the old one with
      // the new root in the message, and the old tree's task must not take the new tree on.
      ownership.remember(record.key(), message.getOccurredAt().toEpochMilli());
    }
    switch (message.getKind()) {
      case ROSTER -> onRoster(message);
      case YTD -> receiveYears(message);
      default -> onEvent(record, message);
    }
  }

  /**
   * A unit of the global store, kept for one emit interval: an event's chain takes a unit lookup (a
   * RocksDB read and an Avro decode) per unit per window, the same few units again and again. The
   * global store follows reference.units asynchronously anyway; an interval more of delay changes
   * nothing a task could rely on.
   */
  private WorkUnit unit(final String unitId) {
    final WorkUnit cached = unitCache.get(unitId);
    if (cached != null) {
      return cached;
    }
    final WorkUnit unit = unitStore.get(unitId);
    if (unit != null) {
      unitCache.put(unitId, unit);
    }
    return unit;
  }

  /** Runs one chunk of the queued deletes once every {@code records} records. */
  private void deleteEvery(final int records) {
    if (deletes.pending() && ++recordsSinceDeletes >= records) {
      recordsSinceDeletes = 0;
      deletes.run();
    }
  }

  private void onWatermark(final TreeMessage watermark) {
    if (!senders.record(watermark)) {
      LOG.warn(
          "Ignoring watermark with sender {} of {}",
          watermark.getSenderPartition(),
          watermark.getSenderPartitions());
      return;
    }
    advance();
  }

  /**
   * Moves the clock to the senders' low watermark, or to the wall clock when every sender is idle
   * and the task itself has had no record for the idle timeout (a restarted task waits a full one),
   * and closes what it passed. Never backwards.
   */
  private void advance() {
    final Optional<Instant> low = senders.low();
    final boolean moved;
    if (low.isPresent()) {
      moved = clock.advanceTo(low.get());
    } else {
      final Instant wallNow = wall.instant();
      moved =
          senders.allIdle()
              && wallNow.toEpochMilli() - lastRecordWall >= settings.idleTimeout().toMillis()
              && clock.advanceTo(wallNow);
    }
    if (moved) {
      // The year cursor first: the moves due at the clock's first setting correct the placement
      // made by the latest version before it, and openYears() is empty until the cursor exists, so
      // they would move the employee without their JP (left in the later unit, then moved there
      // again when the clock reaches the later version).
      cursorOf(YEAR_CURSOR, clock.now(), settings.yearGrace());
      // The moves and closes follow in work(), a bounded number per call.
      due = true;
    }
  }

  private void onEvent(final Record<String, TreeMessage> record, final TreeMessage event) {
    if (Boolean.TRUE.equals(event.getRetraction())) {
      onRetraction(event);
      return;
    }
    // Before every sender has reported, nothing is closed: the first cursors reach back to this.
    clock.notePending(event.getOccurredAt());
    final EventWindows eventWindows = JakartaCalendar.windowsOf(event.getOccurredAt());
    final boolean set = clock.isSet();
    final Instant now = set ? clock.now() : null;
    final boolean dayOpen = !set || !eventWindows.day().isClosedAt(now, settings.dayGrace());
    final boolean weekOpen = !set || !eventWindows.week().isClosedAt(now, settings.weekGrace());
    final boolean yearOpen = !set || !eventWindows.year().isClosedAt(now, settings.yearGrace());
    // Anonymous feedback counts for its programme only, so only its week can make it late.
    final boolean anonymous = event.getEmployeeId() == null || event.getUnitId() == null;
    final List<String> closed = new ArrayList<>(3);
    if (!yearOpen && !anonymous) {
      closed.add(CalendarYear.KIND);
    }
    if (!weekOpen) {
      closed.add(WindowSize.WEEK.name());
    }
    if (!dayOpen && !anonymous) {
      closed.add(WindowSize.DAY.name());
    }
    if (!closed.isEmpty()) {
      setAside(record, event, closed);
    }
    if (!anonymous) {
      final List<String> chain = hierarchy.selfAndAncestors(event.getUnitId());
      final PlacementTimeline placed =
          dayOpen || weekOpen ? placements.of(event.getEmployeeId()) : PlacementTimeline.EMPTY;
      if (dayOpen || weekOpen) {
        clock.noteCounted(event.getOccurredAt());
      }
      final List<WindowLedger.OpenWindow> open = new ArrayList<>(2);
      if (dayOpen) {
        open.add(openWindow(eventWindows.day(), placed));
      }
      if (weekOpen) {
        open.add(openWindow(eventWindows.week(), placed));
      }
      final boolean onward = windows.count(open, chain, event);
      // The employee's year totals, when this tree owns their year; a closed year ignores them.
      receiveYears(event);
      if (event.getKind() == TreeMessageKind.ATTENDANCE && !onward) {
        // A further session of a programme week the programme stage already counts: no change.
        return;
      }
    }
    if (weekOpen && event.getKind() != TreeMessageKind.ENROLLMENT) {
      toProgramme(event, RecordTime.atMost(record.timestamp(), wall));
    }
  }

  /**
   * Undoes an earlier version of an attendance fact in the windows of its time that are still open
   * (a correction follows it). Closed windows keep their FINAL record; the correction itself is
   * judged late for them and set aside.
   */
  private void onRetraction(final TreeMessage event) {
    if (event.getEmployeeId() == null || event.getUnitId() == null) {
      return;
    }
    final EventWindows eventWindows = JakartaCalendar.windowsOf(event.getOccurredAt());
    final boolean set = clock.isSet();
    final Instant now = set ? clock.now() : null;
    final List<String> chain = hierarchy.selfAndAncestors(event.getUnitId());
    final PlacementTimeline placed = placements.of(event.getEmployeeId());
    final boolean weekOpen = !set || !eventWindows.week().isClosedAt(now, settings.weekGrace());
    final List<WindowLedger.OpenWindow> open = new ArrayList<>(2);
    if (!set || !eventWindows.day().isClosedAt(now, settings.dayGrace())) {
      open.add(openWindow(eventWindows.day(), placed));
    }
    if (weekOpen) {
      open.add(openWindow(eventWindows.week(), placed));
    }
    final boolean onward = windows.retract(open, chain, event);
    if (weekOpen && onward) {
      toProgramme(event, RecordTime.atMost(event.getOccurredAt().toEpochMilli(), wall));
    }
    receiveYears(event);
  }

  /**
   * The employee's year totals the message carries (the ingest stage's ledger), for the years still
   * open here; a ROSTER message also says which tree owns the employee's year from now on.
   */
  private void receiveYears(final TreeMessage message) {
    final boolean roster = message.getKind() == TreeMessageKind.ROSTER;
    if (message.getEmployeeId() == null || (message.getYears() == null && !roster)) {
      return;
    }
    final String latest =
        message.getLatestUnitId() == null ? message.getUnitId() : message.getLatestUnitId();
    if (message.getYears() != null) {
      // before the clock is set, the years held are open: openYears() must know them
      message.getYears().forEach(year -> clock.noteYear(year.getYear()));
    }
    ytd.receive(
        message.getEmployeeId(),
        latest,
        message.getYears() == null ? List.of() : message.getYears(),
        openYears(),
        this::isYearOpen);
  }

  /** Whether the year still takes changes: always before the clock is first set. */
  private boolean isYearOpen(final int year) {
    return !clock.isSet() || !TreeKeys.year(year).isClosedAt(clock.now(), settings.yearGrace());
  }

  private void setAside(
      final Record<String, TreeMessage> record, final TreeMessage event, final List<String> kinds) {
    final String topic = event.getSourceTopic() == null ? UNKNOWN_TOPIC : event.getSourceTopic();
    events.count(topic, PipelineEvents.Outcome.LATE);
    final byte[] value = bytes(event.getOriginalValue());
    if (value == null) {
      LOG.warn("A late event from {} carries no original bytes; not written", topic);
      return;
    }
    final Headers headers = new RecordHeaders();
    headers.add(
        DeadLetterHeaders.LATE_CLOSED_WINDOWS,
        DeadLetterHeaders.closedWindowsValue(kinds).getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetterHeaders.TOPIC, topic.getBytes(StandardCharsets.UTF_8));
    context.forward(
        new Record<>(
            record.key(),
            new TreeOutput(
                TreeOutput.Target.LATE_EVENT,
                new TreeOutput.LateEvent(bytes(event.getOriginalKey()), value)),
            // The time it is set aside: an event dated 2001 must live the topic's 30 days too.
            wall.millis(),
            headers));
  }

  private void toProgramme(final TreeMessage event, final long timestamp) {
    if (event.getProgramId() == null) {
      return;
    }
    final boolean attendance = event.getKind() == TreeMessageKind.ATTENDANCE;
    final ProgramMessage message =
        ProgramMessage.newBuilder()
            .setKind(attendance ? ProgramMessageKind.ATTENDANCE : ProgramMessageKind.FEEDBACK)
            .setProgramId(event.getProgramId())
            .setEmployeeId(event.getEmployeeId())
            .setOccurredAt(event.getOccurredAt())
            .setStatus(attendance ? event.getStatus() : null)
            .setOverall(attendance ? null : event.getOverall())
            .setCareerRelevance(attendance ? null : event.getCareerRelevance())
            .setRecommend(attendance ? null : event.getRecommend())
            .setRetraction(attendance ? event.getRetraction() : null)
            .build();
    context.forward(
        new Record<>(
            event.getProgramId(),
            new TreeOutput(TreeOutput.Target.PROGRAM, message),
            timestamp,
            new RecordHeaders()));
  }

  /**
   * A roster version: the employee's placement timeline takes it (a correction at the same
   * effectiveFrom replaces, a backdated one is inserted, a repeated one changes nothing), and
   * headcount, departed participants and year-to-date placement follow the difference between the
   * timeline before and after, over the instants that version decides. Then the year totals it
   * carries are taken, and its latest unit says whether this task owns the employee's year: a move
   * to another tree hands the year over, and the old tree forgets it once its counters no longer
   * place the employee.
   */
  private void onRoster(final TreeMessage change) {
    final String employeeId = change.getEmployeeId();
    if (employeeId == null) {
      return;
    }
    final long at = change.getOccurredAt().toEpochMilli();
    final long horizon = foldHorizon();
    final String current = change.getUnitId();
    final boolean placed = Boolean.TRUE.equals(change.getActive()) && current != null;
    final Placements.Change moved =
        placements.apply(employeeId, at, placed ? current : null, horizon);
    if (!moved.after().equals(moved.before())) {
      recount(moved, horizon);
      followToWindowEnds(employeeId, moved);
      ytd.place(employeeId, ytdUnit(moved.after()), at, openYears());
      // Year figures are as of the clock: a version dated after it moves them when the clock
      // passes its effectiveFrom (see applyDueMoves).
      final long now = clock.isSet() ? clock.now().toEpochMilli() : Long.MIN_VALUE;
      for (final PlacementTimeline.Entry entry : moved.after().entries()) {
        if (entry.from() > now) {
          ytdPending.put(pendingKey(entry.from(), employeeId), entry.from());
        }
      }
    }
    // Also for a message that changes nothing here: the year's owner may have changed.
    receiveYears(change);
  }

  /**
   * The unit the year-to-date counters place the employee in: as of the clock (the records' asOf),
   * or by the latest version before the clock is set; null when not active in the task's trees.
   */
  private String ytdUnit(final PlacementTimeline timeline) {
    final String unit =
        clock.isSet() ? timeline.unitAt(clock.now().toEpochMilli() + 1) : timeline.latestUnit();
    return unit != null && ownsUnit(unit) ? unit : null;
  }

  /**
   * Applies at most {@code budget} year-to-date moves of the versions the clock has now reached: a
   * range, no scan. At the clock's first setting that is every version read before it (the whole
   * roster of the task's trees), hence the bound.
   *
   * @return the budget left, or -1 when moves may remain
   */
  private int applyDueMoves(final int budget) {
    final long now = clock.now().toEpochMilli();
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it =
        ytdPending.range(movesAfter == null ? padded(0L) : movesAfter, padded(now) + PENDING_END)) {
      while (it.hasNext() && keys.size() < budget) {
        final String key = it.next().key;
        if (!key.equals(movesAfter)) {
          keys.add(key);
        }
      }
    }
    if (!keys.isEmpty()) {
      movesAfter = keys.get(keys.size() - 1);
    }
    for (final String key : keys) {
      final String employeeId = key.substring(key.indexOf(TreeKeys.SEP) + 1);
      ytd.place(employeeId, ytdUnit(placements.of(employeeId)), ytdPending.get(key), openYears());
      ytdPending.delete(key);
    }
    return keys.size() < budget ? budget - keys.size() : -1;
  }

  private static String pendingKey(final long from, final String employeeId) {
    return padded(from) + TreeKeys.SEP + employeeId;
  }

  private static String padded(final long millis) {
    return String.format(java.util.Locale.ROOT, "%020d", Math.max(0L, millis));
  }

  /**
   * Headcount follows the placement change: over {@code (from, until]} the employee leaves the old
   * chain and joins the new one (units of both are untouched), so -1/+1 at from and the reverse at
   * until, only for units of the task's trees.
   */
  private void recount(final Placements.Change change, final long horizon) {
    final List<String> before = ownedChain(change.before().unitAt(change.from() + 1));
    final List<String> after = ownedChain(change.after().unitAt(change.from() + 1));
    final List<String> left = new ArrayList<>(before);
    left.removeAll(after);
    final List<String> joined = new ArrayList<>(after);
    joined.removeAll(before);
    headcounts.change(left, change.from(), -1, horizon);
    headcounts.change(joined, change.from(), 1, horizon);
    if (change.until() != Long.MAX_VALUE) {
      headcounts.change(left, change.until(), 1, horizon);
      headcounts.change(joined, change.until(), -1, horizon);
    }
  }

  private List<String> ownedChain(final String unitId) {
    return unitId == null || !ownsUnit(unitId) ? List.of() : hierarchy.selfAndAncestors(unitId);
  }

  /**
   * Tells every open DAY and WEEK window whose end the change covers where the employee now is as
   * of that end, so its participants who left the subtree stay right (participationRate). Walks the
   * windows from the change (or the first open one) to the latest counted event: a few days and
   * weeks, never a scan of state.
   */
  private void followToWindowEnds(final String employeeId, final Placements.Change change) {
    final Instant latest = clock.latestCounted();
    if (latest == null) {
      return;
    }
    for (final WindowSize size : WindowSize.values()) {
      final Instant cursor = clock.cursor(size.name());
      final Instant open = cursor != null ? cursor : clock.earliestPending();
      final Instant from = Instant.ofEpochMilli(change.from());
      CalendarWindow window =
          JakartaCalendar.window(size, open != null && open.isAfter(from) ? open : from);
      while (!window.start().isAfter(latest)) {
        final long end = window.end().toEpochMilli();
        if (end > change.until()) {
          break;
        }
        if (change.covers(end)) {
          final List<String> before = chainOf(change.before().unitAt(end));
          final List<String> after = chainOf(change.after().unitAt(end));
          if (!before.equals(after)) {
            windows.moved(window, employeeId, before, after);
          }
        }
        window = JakartaCalendar.window(size, window.end());
      }
    }
  }

  /** An open window with the unit chain where the timeline places the employee at its end. */
  private WindowLedger.OpenWindow openWindow(
      final CalendarWindow window, final PlacementTimeline placed) {
    return new WindowLedger.OpenWindow(window, chainAt(placed, window));
  }

  /** Whether the task's clock has closed the DAY or WEEK window (never before it is set). */
  private boolean isClosed(final CalendarWindow window) {
    return clock.isSet() && window.isClosedAt(clock.now(), grace(window.size()));
  }

  /** Whether the window's close is done: its FINAL records are written (the cursor is past it). */
  private boolean isFinalized(final CalendarWindow window) {
    final Instant cursor = clock.cursor(window.size().name());
    return cursor != null && window.start().isBefore(cursor);
  }

  /** The unit chain where the timeline places the employee as of the window end; empty if none. */
  private List<String> chainAt(final PlacementTimeline placed, final CalendarWindow window) {
    return chainOf(placed.unitAt(window.end().toEpochMilli()));
  }

  private List<String> chainOf(final String unitId) {
    return unitId == null ? List.of() : hierarchy.selfAndAncestors(unitId);
  }

  private boolean ownsUnit(final String unitId) {
    return ownership.owns(hierarchy.rootOf(unitId));
  }

  /**
   * Does at most about {@code budget} units of the work the clock's last move made due, in the
   * order a close in one call had: the year-to-date moves the clock reached, then every DAY window,
   * every WEEK window and every year it passed, in time order, each unit's FINAL record once; then
   * the headcount changes no unclosed window can see apart are queued for deletion. A window's
   * cursor moves past it only when its close is done; how far the close got is kept in {@code
   * tree-inbox}, so a restart resumes it.
   *
   * @return the budget left; {@link #due} is false once nothing is left to do
   */
  private int closeSome(final int budget) {
    if (!clock.isSet()) {
      due = false;
      return budget;
    }
    final Instant now = clock.now();
    int left = applyDueMoves(budget);
    if (left <= 0) {
      return 0;
    }
    for (final WindowSize size : WindowSize.values()) {
      final Duration grace = grace(size);
      CalendarWindow window = JakartaCalendar.window(size, cursorOf(size.name(), now, grace));
      while (window.isClosedAt(now, grace)) {
        loadBatch();
        left = closeWindowSome(window, left);
        if (left < 0) {
          return 0;
        }
        window = JakartaCalendar.window(size, window.end());
        clock.setCursor(size.name(), window.start());
        if (left == 0) {
          return 0;
        }
      }
    }
    CalendarYear year = JakartaCalendar.year(cursorOf(YEAR_CURSOR, now, settings.yearGrace()));
    while (year.isClosedAt(now, settings.yearGrace())) {
      loadBatch();
      left = closeYearSome(year, left);
      if (left < 0) {
        return 0;
      }
      year = JakartaCalendar.year(year.end());
      clock.setCursor(YEAR_CURSOR, year.start());
      if (left == 0) {
        return 0;
      }
    }
    if (batchClosed) {
      headcounts.foldBefore(foldHorizon());
    }
    due = false;
    batchLoaded = false;
    batchClosed = false;
    movesAfter = null;
    return left;
  }

  /**
   * Whether the clock has reached a year-to-date move or passed a window or year not closed yet (a
   * restart in the middle of that work): a few reads, no scan.
   */
  private boolean workDue() {
    if (!clock.isSet()) {
      return false;
    }
    final Instant now = clock.now();
    try (KeyValueIterator<String, Long> it =
        ytdPending.range(padded(0L), padded(now.toEpochMilli()) + PENDING_END)) {
      if (it.hasNext()) {
        return true;
      }
    }
    for (final WindowSize size : WindowSize.values()) {
      final Instant cursor = clock.cursor(size.name());
      if (cursor == null || JakartaCalendar.window(size, cursor).isClosedAt(now, grace(size))) {
        return true;
      }
    }
    final Instant year = clock.cursor(YEAR_CURSOR);
    return year == null || JakartaCalendar.year(year).isClosedAt(now, settings.yearGrace());
  }

  /** The unit snapshot of a batch of closes, read once per batch (and after a restart). */
  private void loadBatch() {
    if (!batchLoaded) {
      units = TreeUnits.load(unitStore, ownership::owns);
      batchLoaded = true;
    }
  }

  /**
   * The first unclosed window's start; the first time, the window holding {@code min(clock,
   * earliest event counted before the clock was set, earliest event any sender accepted) - grace}:
   * events counted while no clock was set get their FINAL, and every tree task starts at the same
   * first windows, the ones still open when the first event of the whole input came, whichever of
   * its trees' events it received first.
   */
  private Instant cursorOf(final String kind, final Instant now, final Duration grace) {
    final Instant cursor = clock.cursor(kind);
    if (cursor != null) {
      return cursor;
    }
    Instant from = now;
    for (final Instant earlier : new Instant[] {clock.earliestPending(), senders.earliest()}) {
      if (earlier != null && earlier.isBefore(from)) {
        from = earlier;
      }
    }
    final Instant first = from.minus(grace);
    final Instant start =
        YEAR_CURSOR.equals(kind)
            ? JakartaCalendar.year(first).start()
            : JakartaCalendar.window(WindowSize.valueOf(kind), first).start();
    clock.setCursor(kind, start);
    return start;
  }

  /**
   * Goes on with the close of the window: the FINAL records of at most {@code budget} more units
   * (with a week's year-to-date record and alerts), then for a week the pass over the alert states
   * of units gone from the trees, then the deletes are queued.
   *
   * @return the budget left once the close is done, or -1 when it is not done yet
   */
  private int closeWindowSome(final CalendarWindow window, final int budget) {
    final String kind = window.size().name();
    final String progress = inbox.progress(kind);
    final boolean week = window.size() == WindowSize.WEEK;
    int left = budget;
    if (progress == null || progress.startsWith(UNITS)) {
      if (progress == null) {
        LOG.debug("Closing {} window {} for {} units", window.size(), window.start(), unitsCount());
      }
      final List<UnitInfo> next = nextUnits(progress, left);
      final boolean more = next.size() > left;
      final List<UnitInfo> now = more ? next.subList(0, left) : next;
      final Instant emittedAt = wall.instant();
      for (final UnitInfo unit : now) {
        closeUnit(window, unit, emittedAt);
      }
      batchClosed = true;
      left -= now.size();
      if (more) {
        inbox.setProgress(kind, UNITS + now.get(now.size() - 1).unitId());
        return -1;
      }
      if (week && left <= 0) {
        inbox.setProgress(kind, GONE);
        return -1;
      }
    }
    if (week) {
      final String after =
          progress != null && progress.startsWith(GONE) && progress.length() > GONE.length()
              ? progress.substring(GONE.length())
              : null;
      final String last = alerts.withdrawGone(window, units, this::emit, after, Math.max(1, left));
      if (last != null) {
        inbox.setProgress(kind, GONE + last);
        return -1;
      }
      left = Math.max(0, left - 1);
    }
    windows.closed(window);
    if (closesSeenWeek(window)) {
      windows.forgetWeek(JakartaCalendar.week(window.start()));
    }
    inbox.clearProgress(kind);
    return left;
  }

  /**
   * The units after the one the progress names (from the first when none), one more than the
   * budget, so the caller knows whether any is left.
   */
  private List<UnitInfo> nextUnits(final String progress, final int budget) {
    final String after =
        progress == null || !progress.startsWith(UNITS) ? null : progress.substring(UNITS.length());
    return units.after(after, budget + 1);
  }

  /** A unit's FINAL record of a closed window; on a week, its year figures and alerts too. */
  private void closeUnit(
      final CalendarWindow window, final UnitInfo unit, final Instant emittedAt) {
    final UnitActivity record = windows.finalRecord(window, unit, emittedAt);
    emit(WindowLedger.target(window.size()), window.key(unit.unitId()), record);
    if (window.size() == WindowSize.WEEK) {
      // Every unit's year figures once a week, so a unit nobody in it trained in still has
      // them (its zero-JP employees are what leadership most needs to see).
      final UnitJpProgress jp = currentJp(unit, window);
      if (jp != null) {
        emit(
            TreeOutput.Target.UNIT_JP_YTD,
            JakartaCalendar.year(window.end().minusMillis(1)).key(unit.unitId()),
            jp);
      }
      alerts.evaluate(record, jp, units.isActive(unit.unitId()), this::emit);
    }
  }

  /**
   * Whether this close leaves no window of its week's seen-set entries open (they hold the week and
   * its seven days), so the entries can go: days and weeks close each by their own cursor and
   * grace, so that is the week's close once its Sunday is closed, or the Sunday's once its week is.
   * Every week with entries gets there once (days close before the week when the graces are equal;
   * the DAY cursor moves before the WEEK cursor in a batch of closes).
   */
  private boolean closesSeenWeek(final CalendarWindow window) {
    final CalendarWindow week = JakartaCalendar.week(window.start());
    if (!window.end().equals(week.end())) {
      return false;
    }
    final WindowSize other = window.size() == WindowSize.WEEK ? WindowSize.DAY : WindowSize.WEEK;
    final Instant cursor = clock.cursor(other.name());
    return cursor != null && !cursor.isBefore(week.end());
  }

  /**
   * The unit's year-to-date record, to be written, of the year holding the week's last day, if
   * still open.
   */
  private UnitJpProgress currentJp(final UnitInfo unit, final CalendarWindow week) {
    final CalendarYear year = JakartaCalendar.year(week.end().minusMillis(1));
    final Instant yearCursor = clock.cursor(YEAR_CURSOR);
    if (yearCursor != null && year.start().isBefore(yearCursor)) {
      return null;
    }
    return ytd.provisional(unit, year, clock.now(), wall.instant());
  }

  /**
   * Goes on with the close of the year: the FINAL records of at most {@code budget} more units,
   * then the last record of the employees changed since the last emission, a bounded number per
   * call, then the year's entries are queued for deletion.
   *
   * @return the budget left once the close is done, or -1 when it is not done yet
   */
  private int closeYearSome(final CalendarYear year, final int budget) {
    final String progress = inbox.progress(YEAR_CURSOR);
    int left = budget;
    if (progress == null || progress.startsWith(UNITS)) {
      if (progress == null) {
        LOG.debug("Closing year {} for {} units", year.year(), unitsCount());
      }
      final List<UnitInfo> next = nextUnits(progress, left);
      final boolean more = next.size() > left;
      final List<UnitInfo> now = more ? next.subList(0, left) : next;
      final Instant emittedAt = wall.instant();
      for (final UnitInfo unit : now) {
        final UnitJpProgress record = ytd.finalRecord(year, unit, clock.now(), emittedAt);
        emit(
            TreeOutput.Target.UNIT_JP_YTD,
            YtdLedger.outputKey(record.getUnitId(), record.getYear()),
            record);
      }
      batchClosed = true;
      left -= now.size();
      if (more) {
        inbox.setProgress(YEAR_CURSOR, UNITS + now.get(now.size() - 1).unitId());
        return -1;
      }
      ytd.closedUnits(year, deletes);
      if (left <= 0) {
        inbox.setProgress(YEAR_CURSOR, EMPLOYEES);
        return -1;
      }
    }
    final String after =
        progress != null && progress.startsWith(EMPLOYEES) && progress.length() > EMPLOYEES.length()
            ? progress.substring(EMPLOYEES.length())
            : null;
    final List<String> taken =
        ytd.writeChanged(
            year,
            after,
            left,
            wall.instant(),
            record ->
                emit(
                    TreeOutput.Target.EMPLOYEE_JP_YTD,
                    YtdLedger.outputKey(record.getEmployeeId(), record.getYear()),
                    record));
    if (taken.size() >= left) {
      inbox.setProgress(YEAR_CURSOR, EMPLOYEES + taken.get(taken.size() - 1));
      return -1;
    }
    ytd.closedEmployees(year, deletes);
    inbox.clearProgress(YEAR_CURSOR);
    return left - taken.size();
  }

  /**
   * Lets the wall clock move the task's clock when every sender is idle, starts an emission of the
   * PROVISIONAL records of what changed, does one bounded step of work ({@link #work}: a close
   * under way first), one chunk of deletes, and tells the programme stage the clock once nothing
   * waits (every message received so far has then been handled).
   */
  private void punctuate(final long timestamp) {
    unitCache.clear();
    if (!busy()) {
      advance();
    }
    if (!emitting) {
      emitting = true;
      emissionReloaded = false;
      emissionAfter = null;
    }
    work(workChunk);
    deletes.run();
    if (clock.isSet() && !busy()) {
      broadcastWatermark();
    }
  }

  /**
   * Writes a PROVISIONAL record for at most {@code budget} open unit-windows, unit-years and
   * employees of the dirty set, taking them out of it, in key order from where the emission got;
   * the emission ends when no key is left after that.
   *
   * @return the budget left
   */
  private int emitSome(final int budget) {
    if (!clock.isSet()) {
      // Kept dirty: without a clock no window is known to be open or closed yet.
      emitting = false;
      return budget;
    }
    final List<String> keys = log.drainDirty(emissionAfter, budget);
    if (keys.size() < budget) {
      emitting = false;
    }
    if (keys.isEmpty()) {
      return budget;
    }
    emissionAfter = keys.get(keys.size() - 1);
    final Instant now = clock.now();
    final Instant emittedAt = wall.instant();
    for (final String key : keys) {
      final TreeKeys.Parsed parsed = TreeKeys.parse(key);
      if (parsed.employee()) {
        final EmployeeJpProgress record =
            ytd.employeeToWrite(parsed.year(), parsed.id(), emittedAt);
        if (record != null) {
          emit(
              TreeOutput.Target.EMPLOYEE_JP_YTD,
              YtdLedger.outputKey(parsed.id(), parsed.year()),
              record);
        }
        continue;
      }
      UnitInfo unit = units.get(parsed.id());
      if (unit == null && !emissionReloaded) {
        units = TreeUnits.load(unitStore, ownership::owns);
        emissionReloaded = true;
        unit = units.get(parsed.id());
      }
      final UnitInfo info = unit == null ? UnitInfo.unknown(parsed.id()) : unit;
      final CalendarWindow window = parsed.window();
      if (window != null) {
        if (!window.isClosedAt(now, grace(window.size()))) {
          emit(
              WindowLedger.target(window.size()),
              window.key(info.unitId()),
              windows.provisional(info, window, emittedAt));
        }
      } else {
        final CalendarYear year = TreeKeys.year(parsed.year());
        if (!year.isClosedAt(now, settings.yearGrace())) {
          final UnitJpProgress record = ytd.provisional(info, year, now, emittedAt);
          emit(TreeOutput.Target.UNIT_JP_YTD, year.key(info.unitId()), record);
        }
      }
    }
    return budget - keys.size();
  }

  private void broadcastWatermark() {
    final ProgramMessage watermark =
        ProgramMessage.newBuilder()
            .setKind(ProgramMessageKind.WATERMARK)
            .setOccurredAt(clock.now())
            .setSenderPartition(context.taskId().partition())
            .setSenderPartitions(settings.treePartitions())
            .build();
    context.forward(
        new Record<>(
            ProgramPartitioner.WATERMARK_KEY,
            new TreeOutput(TreeOutput.Target.PROGRAM, watermark),
            RecordTime.atMost(clock.now().toEpochMilli(), wall),
            new RecordHeaders()));
  }

  private void emit(final TreeOutput.Target target, final String key, final Object value) {
    context.forward(
        new Record<>(
            key,
            new TreeOutput(target, value),
            RecordTime.atMost(clock.millisOr(wall.millis()), wall),
            new RecordHeaders()));
  }

  /**
   * The open years: from the first unclosed one to the clock's; before the clock is set, the years
   * of the events counted and of the year totals taken so far (every one of them is open).
   */
  private List<Integer> openYears() {
    int first = Integer.MAX_VALUE;
    int last = Integer.MIN_VALUE;
    if (clock.isSet()) {
      final Instant cursor = clock.cursor(YEAR_CURSOR);
      if (cursor == null) {
        return List.of();
      }
      first = JakartaCalendar.yearOf(cursor);
      last = JakartaCalendar.yearOf(clock.now());
    } else {
      final Instant from = clock.earliestPending();
      final Instant to = clock.latestPending();
      if (from != null && to != null) {
        first = JakartaCalendar.yearOf(from);
        last = JakartaCalendar.yearOf(to);
      }
      final int[] noted = clock.yearsNoted();
      if (noted != null) {
        first = Math.min(first, noted[0]);
        last = Math.max(last, noted[1]);
      }
    }
    final List<Integer> years = new ArrayList<>(2);
    for (int y = first; y <= last; y++) {
      years.add(y);
    }
    return years;
  }

  /** The earliest start of an unclosed DAY or WEEK window: changes before it can be folded. */
  private long foldHorizon() {
    final Instant day = clock.cursor(WindowSize.DAY.name());
    final Instant week = clock.cursor(WindowSize.WEEK.name());
    if (day == null || week == null) {
      return Long.MIN_VALUE;
    }
    return Math.min(day.toEpochMilli(), week.toEpochMilli());
  }

  private Duration grace(final WindowSize size) {
    return size == WindowSize.DAY ? settings.dayGrace() : settings.weekGrace();
  }

  private int unitsCount() {
    return units.size();
  }

  private static byte[] bytes(final ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    final ByteBuffer copy = buffer.duplicate();
    final byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
