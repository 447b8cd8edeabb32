package id.go.bkn.asn.function;

import id.go.bkn.asn.schema.AlertRule;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The Bahasa Indonesia messages of participation alerts, with numbers in Indonesian notation (comma
 * decimals: "3,2%"). A message names the unit, the figure, the threshold and the week, never a
 * person.
 */
final class AlertMessages {

  /** Indonesian number notation, whatever the JVM's default locale is. */
  static final Locale INDONESIAN = Locale.forLanguageTag("id-ID");

  private AlertMessages() {}

  static String lowParticipation(
      final boolean firing,
      final String unit,
      final double rate,
      final double threshold,
      final LocalDate week) {
    return "Partisipasi mingguan "
        + unit
        + " "
        + percent(rate)
        + (firing ? " di bawah ambang " : " tidak lagi di bawah ambang ")
        + percent(threshold)
        + weekSuffix(week);
  }

  static String lowAttendance(
      final boolean firing,
      final String unit,
      final double rate,
      final double threshold,
      final LocalDate week) {
    return "Tingkat kehadiran mingguan "
        + unit
        + " "
        + percent(rate)
        + (firing ? " di bawah ambang " : " tidak lagi di bawah ambang ")
        + percent(threshold)
        + weekSuffix(week);
  }

  static String lowSatisfaction(
      final boolean firing,
      final String unit,
      final double index,
      final double threshold,
      final LocalDate week) {
    return "Indeks kepuasan pelatihan mingguan "
        + unit
        + " "
        + decimal(index, 2)
        + " ("
        + IkmBand.of(index).label()
        + ")"
        + (firing ? " di bawah ambang " : " tidak lagi di bawah ambang ")
        + decimal(threshold, 2)
        + weekSuffix(week);
  }

  static String noActivity(
      final String unit, final int silentWeeks, final Integer criticalWeeks, final LocalDate week) {
    return "Tidak ada kehadiran pelatihan di "
        + unit
        + " selama "
        + silentWeeks
        + " minggu berturut-turut"
        + (criticalWeeks == null ? "" : ", mencapai batas kritis " + criticalWeeks + " minggu")
        + weekSuffix(week);
  }

  static String activityResumed(final String unit, final int silentWeeks, final LocalDate week) {
    return "Kehadiran pelatihan di "
        + unit
        + " tercatat kembali setelah "
        + silentWeeks
        + " minggu tanpa kegiatan"
        + weekSuffix(week);
  }

  static String jpBehindPace(
      final boolean firing,
      final String unit,
      final double attainment,
      final double targetJp,
      final double paceLine,
      final LocalDate week) {
    return "Capaian JP "
        + unit
        + ": "
        + percent(attainment)
        + " pegawai memenuhi target "
        + decimal(targetJp, 0, 1)
        + " JP, "
        + (firing ? "di bawah batas laju " : "tidak lagi di bawah batas laju ")
        + percent(paceLine)
        + weekSuffix(week);
  }

  /** Reason phrase: the rule's figure is null this week. */
  static final String NO_FIGURE = "angka minggu ini tidak tersedia";

  /** Reason phrase: the unit is inactive. */
  static final String UNIT_INACTIVE = "unit kerja tidak lagi aktif";

  /** Reason phrase: the unit is no longer in the reference data. */
  static final String UNIT_DELETED = "unit kerja tidak lagi terdaftar";

  /** Reason phrase: the headcount is below the minimum cohort. */
  static String belowCohort(final int headcount, final int minCohort) {
    return "jumlah pegawai " + headcount + " di bawah kohort minimum " + minCohort;
  }

  /** The RESOLVED message of an alert that can no longer be judged, with the reason. */
  static String unjudgeable(
      final AlertRule rule, final String unit, final String reason, final LocalDate week) {
    return "Peringatan "
        + ruleTitle(rule)
        + " untuk "
        + unit
        + " ditutup karena tidak dapat dinilai lagi: "
        + reason
        + weekSuffix(week);
  }

  private static String ruleTitle(final AlertRule rule) {
    return switch (rule) {
      case LOW_PARTICIPATION -> "partisipasi mingguan rendah";
      case LOW_ATTENDANCE -> "tingkat kehadiran rendah";
      case LOW_SATISFACTION -> "indeks kepuasan rendah";
      case NO_ACTIVITY -> "tidak ada kegiatan pelatihan";
      case JP_BEHIND_PACE -> "capaian JP di bawah laju";
    };
  }

  /** A 0..1 rate as a percentage with one decimal, e.g. 0.032 -> "3,2%". */
  static String percent(final double rate) {
    return decimal(rate * 100.0, 1) + "%";
  }

  private static String decimal(final double value, final int digits) {
    return decimal(value, digits, digits);
  }

  private static String decimal(final double value, final int minDigits, final int maxDigits) {
    // NumberFormat is not thread-safe: a new one per call, as alerts are rare.
    final NumberFormat format = NumberFormat.getNumberInstance(INDONESIAN);
    format.setMinimumFractionDigits(minDigits);
    format.setMaximumFractionDigits(maxDigits);
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format.format(value);
  }

  private static String weekSuffix(final LocalDate week) {
    return " (minggu " + week + ")";
  }
}
