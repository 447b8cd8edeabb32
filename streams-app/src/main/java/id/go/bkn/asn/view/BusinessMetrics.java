package id.go.bkn.asn.view;

import id.go.bkn.asn.view.AggregateSnapshot.ActiveAlert;
import id.go.bkn.asn.view.AggregateSnapshot.ProgramWindow;
import id.go.bkn.asn.view.AggregateSnapshot.UnitInfo;
import id.go.bkn.asn.view.AggregateSnapshot.UnitJp;
import id.go.bkn.asn.view.AggregateSnapshot.UnitWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The business gauges of CONTRACT.md section 6 and docs/design/metrics.md, set from an {@link
 * AggregateSnapshot}. Labels are unit and programme ids, window sizes, periods, rules and
 * severities: bounded sets, never a person's identifier. A null figure has no series.
 */
public final class BusinessMetrics {

  private final GaugeFamily unitInfo;
  private final GaugeFamily headcount;
  private final GaugeFamily participants;
  private final GaugeFamily participation;
  private final GaugeFamily attendance;
  private final GaugeFamily jpDelivered;
  private final GaugeFamily satisfaction;
  private final GaugeFamily responses;
  private final GaugeFamily careerRelevance;
  private final GaugeFamily attainment;
  private final GaugeFamily expected;
  private final GaugeFamily zeroJp;
  private final GaugeFamily meanJp;
  private final GaugeFamily meetingTarget;
  private final GaugeFamily programInfo;
  private final GaugeFamily programSatisfaction;
  private final GaugeFamily programParticipants;
  private final GaugeFamily programResponses;
  private final GaugeFamily programCareer;
  private final GaugeFamily programNps;
  private final GaugeFamily alertActive;

  private final UnitSeriesFilter filter;

  /** Gauges for every unit. */
  public BusinessMetrics(final MeterRegistry registry) {
    this(registry, UnitSeriesFilter.ALL);
  }

  /** Gauges for the units the filter lets through (programme series are not per unit). */
  public BusinessMetrics(final MeterRegistry registry, final UnitSeriesFilter filter) {
    this.filter = filter;
    unitInfo = new GaugeFamily(registry, "asn.unit.info", "Work units of reference.units");
    headcount = new GaugeFamily(registry, "asn.unit.headcount", "Active employees of the subtree");
    participants =
        new GaugeFamily(registry, "asn.unit.participants", "Distinct participants in the window");
    participation =
        new GaugeFamily(registry, "asn.unit.participation.ratio", "Participants / headcount");
    attendance =
        new GaugeFamily(
            registry, "asn.unit.attendance.ratio", "(present + late) / (present + late + absent)");
    jpDelivered = new GaugeFamily(registry, "asn.unit.jp.delivered", "JP of attended sessions");
    satisfaction =
        new GaugeFamily(registry, "asn.unit.satisfaction.index", "Mean overall rating x 20");
    responses =
        new GaugeFamily(registry, "asn.unit.response.ratio", "Feedback responses / participants");
    careerRelevance =
        new GaugeFamily(
            registry, "asn.unit.career.relevance.mean", "Mean career relevance rating (1-5)");
    attainment =
        new GaugeFamily(
            registry, "asn.unit.jp.attainment.ratio", "Share of employees at the JP target");
    expected =
        new GaugeFamily(
            registry, "asn.unit.jp.expected.ratio", "Elapsed fraction of the year: the pace line");
    zeroJp =
        new GaugeFamily(registry, "asn.unit.jp.zero.employees", "Employees with no JP this year");
    meanJp = new GaugeFamily(registry, "asn.unit.jp.mean", "Mean JP per employee this year");
    meetingTarget =
        new GaugeFamily(
            registry, "asn.unit.jp.target.employees", "Employees at or above the JP target");
    programInfo =
        new GaugeFamily(registry, "asn.program.info", "Training programmes of reference.programs");
    programSatisfaction =
        new GaugeFamily(
            registry, "asn.program.satisfaction.index", "Programme's weekly satisfaction index");
    programParticipants =
        new GaugeFamily(registry, "asn.program.participants", "Programme's weekly participants");
    programResponses =
        new GaugeFamily(
            registry, "asn.program.feedback.responses", "Programme's weekly feedback responses");
    programCareer =
        new GaugeFamily(
            registry,
            "asn.program.career.relevance.mean",
            "Programme's weekly mean career relevance (1-5)");
    programNps = new GaugeFamily(registry, "asn.program.nps", "Programme's weekly NPS");
    alertActive =
        new GaugeFamily(registry, "asn.alert.active", "1 while a participation alert is FIRING");
  }

  /** Sets every business gauge to the snapshot's figures. */
  public void update(final AggregateSnapshot full) {
    final AggregateSnapshot snapshot = filter.all() ? full : limited(full);
    unitInfo.set(values(snapshot.units(), BusinessMetrics::infoTags, u -> 1.0));
    final List<UnitWindow> windows = snapshot.windows();
    participants.set(values(windows, BusinessMetrics::windowTags, w -> (double) w.participants()));
    participation.set(values(windows, BusinessMetrics::windowTags, UnitWindow::participationRate));
    attendance.set(values(windows, BusinessMetrics::windowTags, UnitWindow::attendanceRate));
    jpDelivered.set(values(windows, BusinessMetrics::windowTags, UnitWindow::jpDelivered));
    satisfaction.set(values(windows, BusinessMetrics::windowTags, UnitWindow::satisfactionIndex));
    responses.set(values(windows, BusinessMetrics::windowTags, UnitWindow::responseRate));
    careerRelevance.set(
        values(windows, BusinessMetrics::windowTags, UnitWindow::careerRelevanceMean));
    headcount.set(headcounts(snapshot));
    final List<UnitJp> jp = snapshot.jp();
    attainment.set(values(jp, BusinessMetrics::unitTags, UnitJp::attainmentRatio));
    expected.set(values(jp, BusinessMetrics::unitTags, UnitJp::expectedAttainment));
    zeroJp.set(values(jp, BusinessMetrics::unitTags, j -> (double) j.employeesZeroJp()));
    meanJp.set(values(jp, BusinessMetrics::unitTags, UnitJp::meanJp));
    meetingTarget.set(
        values(jp, BusinessMetrics::unitTags, j -> (double) j.employeesMeetingTarget()));
    final List<ProgramWindow> programs = snapshot.programs();
    programInfo.set(
        values(
            programs.stream().filter(p -> p.period() == Period.CURRENT).toList(),
            BusinessMetrics::programInfoTags,
            p -> 1.0));
    programSatisfaction.set(
        values(programs, BusinessMetrics::programTags, ProgramWindow::satisfactionIndex));
    programParticipants.set(
        values(programs, BusinessMetrics::programTags, p -> (double) p.participants()));
    programResponses.set(
        values(programs, BusinessMetrics::programTags, p -> (double) p.feedbackResponses()));
    programCareer.set(
        values(programs, BusinessMetrics::programTags, ProgramWindow::careerRelevanceMean));
    programNps.set(values(programs, BusinessMetrics::programTags, ProgramWindow::nps));
    alertActive.set(values(snapshot.alerts(), BusinessMetrics::alertTags, a -> 1.0));
  }

  /** The snapshot with only the units the filter exports. */
  private AggregateSnapshot limited(final AggregateSnapshot full) {
    final java.util.Set<String> shown = filter.select(full.units());
    return new AggregateSnapshot(
        full.units().stream().filter(u -> shown.contains(u.unitId())).toList(),
        full.windows().stream().filter(w -> shown.contains(w.unitId())).toList(),
        full.jp().stream().filter(j -> shown.contains(j.unitId())).toList(),
        full.programs(),
        full.alerts().stream().filter(a -> shown.contains(a.unitId())).toList());
  }

  /** The latest year-to-date headcount, else the open week's. */
  private static Map<Tags, Double> headcounts(final AggregateSnapshot snapshot) {
    final Map<Tags, Double> out = new HashMap<>();
    for (final UnitWindow w : snapshot.windows()) {
      if (w.period() == Period.CURRENT && w.size() == id.go.bkn.asn.schema.WindowSize.WEEK) {
        out.put(unitTags(w.unitId()), (double) w.headcount());
      }
    }
    for (final UnitJp j : snapshot.jp()) {
      out.put(unitTags(j.unitId()), (double) j.headcount());
    }
    return out;
  }

  private static <T> Map<Tags, Double> values(
      final List<T> rows, final Function<T, Tags> tags, final Function<T, Double> value) {
    final Map<Tags, Double> out = new HashMap<>();
    for (final T row : rows) {
      final Double v = value.apply(row);
      if (v != null && !v.isNaN()) {
        out.put(tags.apply(row), v);
      }
    }
    return out;
  }

  private static Tags unitTags(final String unitId) {
    return Tags.of("unit", unitId);
  }

  private static Tags unitTags(final UnitJp jp) {
    return unitTags(jp.unitId());
  }

  private static Tags infoTags(final UnitInfo unit) {
    return Tags.of(
        "unit", unit.unitId(),
        "name", unit.name(),
        "kind", unit.kind(),
        "parent", unit.parentUnitId() == null ? "" : unit.parentUnitId(),
        "depth", Integer.toString(unit.depth()));
  }

  private static Tags windowTags(final UnitWindow w) {
    return Tags.of(
        "unit", w.unitId(),
        "window", w.size().name().toLowerCase(Locale.ROOT),
        "period", w.period().label());
  }

  private static Tags programTags(final ProgramWindow p) {
    return Tags.of(
        "program",
        p.programId(),
        "organizer_kind",
        p.organizerKind(),
        "period",
        p.period().label());
  }

  private static Tags programInfoTags(final ProgramWindow p) {
    return Tags.of(
        "program", p.programId(),
        "title", p.title(),
        "training_type", p.trainingType(),
        "organizer", p.organizer(),
        "organizer_kind", p.organizerKind());
  }

  private static Tags alertTags(final ActiveAlert a) {
    return Tags.of("unit", a.unitId(), "rule", a.rule(), "severity", a.severity());
  }
}
