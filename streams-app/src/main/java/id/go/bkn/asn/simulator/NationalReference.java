package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmploymentType;
import id.go.bkn.asn.schema.PositionType;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The national profile's units and roster, made to fit in a small heap: about 550 trees, each a
 * regional government or a central agency, with their units (tens of thousands in all) held as
 * arrays, and the roster never held at all. Employee number {@code g} (0 to employees - 1) belongs
 * to the unit whose range holds {@code g} and is derived from {@code g} and the seed alone ({@link
 * #employee(long)}), so a generator can name any employee without a table.
 *
 * <p>Shapes, after the structure of Indonesia's civil service (synthetic names, no real data): 30
 * central ministries and agencies (kementerian/lembaga), the 8 largest with a regional office in
 * every province and offices under them (as Kementerian Agama has), sized by a power law so that
 * the largest holds a few hundred thousand ASN; 38 provinces (secretariats, dinas and badan,
 * hospitals, branch offices of the education office); 482 kabupaten and kota like Kota Serang
 * (dinas and badan, a hospital, kecamatan, and kelurahan in the towns). About 22 % of the ASN work
 * for the centre, 20 % for provinces and 58 % for kabupaten and kota; within a tree the education
 * and health offices are the largest, as teachers and health workers are the bulk of regional ASN.
 */
public final class NationalReference {

  /** Central agencies, provinces and kabupaten/kota. */
  static final int CENTRAL = 30;

  static final int PROVINCES = 38;
  static final int REGENCIES = 482;

  /** Agencies with a regional office in every province. */
  private static final int VERTICAL = 8;

  private static final String[] DINAS = {
    "DINDIK", "DINKES", "DPUPR", "DISHUB", "DLH", "DISDUKCAPIL", "DINSOS", "DISNAKER",
        "DISPERINDAG",
    "DISTAN", "DISKOMINFO", "DISPORA", "DISPAR", "DINKOP", "DPMPTSP", "DISPERKIM", "DP3A",
        "DISPUSIP",
    "DISPERKAN", "DPMD"
  };
  private static final String[] BADAN = {
    "BAPPEDA", "BPKAD", "BAPENDA", "BKPSDM", "BPBD", "BAKESBANGPOL", "SATPOLPP", "BRIDA"
  };

  private final NationalConfig config;
  private final List<WorkUnit> units;
  private final int[] treeOfUnit;
  private final String[] treeRoots;
  private final long[] unitStart;
  private final double[] treePropensity;
  private final Instant rosterEffectiveFrom;
  private final int year;

  private NationalReference(final NationalConfig config, final Builder builder) {
    this.config = config;
    this.units = List.copyOf(builder.units);
    this.treeOfUnit = builder.treeOfUnit.stream().mapToInt(Integer::intValue).toArray();
    this.treeRoots = builder.roots.toArray(new String[0]);
    this.unitStart = builder.unitStart;
    this.treePropensity = builder.propensity;
    this.year = id.go.bkn.asn.function.JakartaCalendar.yearOf(config.from());
    this.rosterEffectiveFrom =
        LocalDate.of(year - 1, 1, 1)
            .atStartOfDay(id.go.bkn.asn.function.JakartaCalendar.ZONE)
            .toInstant();
  }

  /** The units and sizes for a config. */
  public static NationalReference build(final NationalConfig config) {
    return new NationalReference(config, Builder.build(config));
  }

  /** Every unit, each tree's parents before its children. */
  public List<WorkUnit> units() {
    return units;
  }

  /** The root unit of every tree. */
  public List<String> roots() {
    return List.of(treeRoots);
  }

  /** Employees in the roster. */
  public int employees() {
    return config.employees();
  }

  /** Employees of every tree, in the order of {@link #roots()}. */
  public int[] treeSizes() {
    final int[] sizes = new int[treeRoots.length];
    for (int u = 0; u < units.size(); u++) {
      sizes[treeOfUnit[u]] += (int) (unitStart[u + 1] - unitStart[u]);
    }
    return sizes;
  }

  /** The unit (index into {@link #units()}) of employee {@code g}. */
  int unitOf(final long g) {
    int index = Arrays.binarySearch(unitStart, g);
    if (index < 0) {
      index = -index - 2;
    }
    // Empty units share their start with the next one: take the last unit starting at g.
    while (index + 1 < units.size() && unitStart[index + 1] <= g) {
      index++;
    }
    return index;
  }

  /** How keen the employees of {@code g}'s tree are on training (0.5 - 1.5). */
  double propensityOf(final int unit) {
    return treePropensity[treeOfUnit[unit]];
  }

  /** The id of employee {@code g}: a valid NIP, unique in the roster. */
  String employeeId(final long g) {
    // seq and birth day together are a bijection of g (birth day index r * 7919 mod 13,000 is one
    // for r < 13,000, and 13,000 * 999 > MAX_EMPLOYEES), so no two employees share an id.
    final int sequence = (int) (g % 999) + 1;
    final long r = g / 999;
    final long mixed = Seeds.mix(config.seed(), Seeds.ROSTER, g);
    final LocalDate birth = LocalDate.of(1966, 1, 1).plusDays((r * 7919) % 13_000);
    final int appointedAt = 20 + (int) Math.floorMod(mixed, 15);
    final int appointmentYear = Math.min(birth.getYear() + appointedAt, year - 1);
    final YearMonth appointment =
        YearMonth.of(
            Math.max(appointmentYear, birth.getYear() + 19), 1 + (int) ((mixed >>> 8) & 7));
    final int sex = 1 + (int) ((mixed >>> 12) & 1);
    return new Nip(birth, appointment, sex, sequence).toString();
  }

  /** Employee {@code g}'s roster record. */
  Employee employee(final long g) {
    final int unit = unitOf(g);
    final long mixed = Seeds.mix(config.seed(), Seeds.PROFILES, g);
    final int bucket = (int) Math.floorMod(mixed, 100);
    final PositionType position =
        bucket < 8
            ? PositionType.STRUCTURAL
            : bucket < 60 ? PositionType.FUNCTIONAL : PositionType.EXECUTOR;
    final EmploymentType type = ((mixed >>> 16) & 7) < 2 ? EmploymentType.PPPK : EmploymentType.PNS;
    return new Employee(
        employeeId(g), units.get(unit).getUnitId(), type, position, true, rosterEffectiveFrom);
  }

  /** Builds the trees, one after the other, from the seed. */
  private static final class Builder {
    private final List<WorkUnit> units = new ArrayList<>();
    private final List<Integer> treeOfUnit = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();
    private final List<String> roots = new ArrayList<>();
    private long[] unitStart;
    private double[] propensity;

    static Builder build(final NationalConfig config) {
      final Builder b = new Builder();
      final SplittableRandom rng = Seeds.random(config.seed(), Seeds.ROSTER, 1);
      final int trees = CENTRAL + PROVINCES + REGENCIES;
      final double[] treeShare = new double[trees];
      // Central agencies: a power law over 22 % of the roster; the largest about a quarter of it.
      double sum = 0;
      for (int i = 0; i < CENTRAL; i++) {
        treeShare[i] = 1 / Math.pow(i + 1, 1.1);
        sum += treeShare[i];
      }
      for (int i = 0; i < CENTRAL; i++) {
        treeShare[i] *= 0.22 / sum;
      }
      sum = 0;
      for (int i = CENTRAL; i < CENTRAL + PROVINCES; i++) {
        treeShare[i] = 0.4 + 1.6 * rng.nextDouble() * rng.nextDouble();
        sum += treeShare[i];
      }
      for (int i = CENTRAL; i < CENTRAL + PROVINCES; i++) {
        treeShare[i] *= 0.20 / sum;
      }
      sum = 0;
      for (int i = CENTRAL + PROVINCES; i < trees; i++) {
        treeShare[i] = 0.3 + 2.2 * rng.nextDouble() * rng.nextDouble();
        sum += treeShare[i];
      }
      for (int i = CENTRAL + PROVINCES; i < trees; i++) {
        treeShare[i] *= 0.58 / sum;
      }
      final long[] treeSize = apportion(treeShare, config.employees());
      b.propensity = new double[trees];
      final List<long[]> unitSizes = new ArrayList<>();
      for (int t = 0; t < trees; t++) {
        b.propensity[t] = 0.5 + rng.nextDouble();
        final int first = b.units.size();
        if (t < CENTRAL) {
          b.central(t, rng);
        } else if (t < CENTRAL + PROVINCES) {
          b.province(t, t - CENTRAL + 11, rng);
        } else {
          b.regency(t, t - CENTRAL - PROVINCES, rng);
        }
        final double[] w = new double[b.units.size() - first];
        for (int i = 0; i < w.length; i++) {
          w[i] = b.weights.get(first + i);
        }
        unitSizes.add(apportion(w, treeSize[t]));
      }
      b.unitStart = new long[b.units.size() + 1];
      int u = 0;
      long start = 0;
      for (final long[] sizes : unitSizes) {
        for (final long size : sizes) {
          b.unitStart[u++] = start;
          start += size;
        }
      }
      b.unitStart[u] = start;
      return b;
    }

    private void central(final int t, final SplittableRandom rng) {
      final String root = String.format(Locale.ROOT, "KL-%02d", t + 1);
      tree(root, "Kementerian/Lembaga " + (t + 1), "KEMENTERIAN", t);
      unit(root + "-SETJEN", "Sekretariat Jenderal", "SEKRETARIAT", root, t, 4);
      unit(root + "-ITJEN", "Inspektorat Jenderal", "INSPEKTORAT", root, t, 1);
      final int directorates = 3 + rng.nextInt(5);
      for (int d = 1; d <= directorates; d++) {
        final String ditjen = root + "-DITJEN-" + d;
        unit(ditjen, "Direktorat Jenderal " + d, "DITJEN", root, t, 1);
        final int dirs = 3 + rng.nextInt(4);
        for (int k = 1; k <= dirs; k++) {
          unit(ditjen + "-DIT-" + k, "Direktorat " + d + "." + k, "DIREKTORAT", ditjen, t, 1.5);
        }
      }
      if (t < VERTICAL) {
        for (int p = 11; p < 11 + PROVINCES; p++) {
          final String kanwil = root + "-KANWIL-" + p;
          unit(kanwil, "Kantor Wilayah Provinsi " + p, "KANWIL", root, t, 3);
          final int offices = 5 + rng.nextInt(16);
          for (int k = 1; k <= offices; k++) {
            unit(kanwil + "-KANTOR-" + k, "Kantor " + p + "." + k, "KANTOR", kanwil, t, 4);
          }
        }
      }
    }

    private void province(final int t, final int code, final SplittableRandom rng) {
      final String root = "PROV-" + code;
      tree(root, "Pemerintah Provinsi " + code, "PEMDA", t);
      common(root, t, rng, 3);
      final int branches = 3 + rng.nextInt(8);
      for (int k = 1; k <= branches; k++) {
        unit(
            root + "-DINDIK-CABDIN-" + k,
            "Cabang Dinas Pendidikan " + k,
            "UPT",
            root + "-DINDIK",
            t,
            12);
      }
    }

    private void regency(final int t, final int index, final SplittableRandom rng) {
      final boolean city = index % 5 == 0;
      final String root = String.format(Locale.ROOT, city ? "KOTA-%03d" : "KAB-%03d", index + 1);
      tree(root, (city ? "Pemerintah Kota " : "Pemerintah Kabupaten ") + (index + 1), "PEMDA", t);
      common(root, t, rng, 1);
      final int districts = city ? 4 + rng.nextInt(8) : 8 + rng.nextInt(18);
      for (int k = 1; k <= districts; k++) {
        final String kecamatan = String.format(Locale.ROOT, "%s-KEC-%02d", root, k);
        unit(kecamatan, "Kecamatan " + k, "KECAMATAN", root, t, 0.6);
        final int villages = city ? 4 + rng.nextInt(9) : rng.nextInt(3);
        for (int v = 1; v <= villages; v++) {
          unit(
              String.format(Locale.ROOT, "%s-KEL-%02d", kecamatan, v),
              "Kelurahan " + k + "." + v,
              "KELURAHAN",
              kecamatan,
              t,
              0.2);
        }
      }
    }

    /** The offices every regional government has. */
    private void common(
        final String root, final int t, final SplittableRandom rng, final int hospitals) {
      unit(root + "-SETDA", "Sekretariat Daerah", "SEKRETARIAT", root, t, 4);
      unit(root + "-SETWAN", "Sekretariat DPRD", "SEKRETARIAT", root, t, 1.5);
      unit(root + "-INSP", "Inspektorat", "INSPEKTORAT", root, t, 1);
      for (final String dinas : DINAS) {
        final double weight =
            switch (dinas) {
              case "DINDIK" -> 40;
              case "DINKES" -> 15;
              default -> 1.5 + rng.nextDouble();
            };
        unit(root + "-" + dinas, "Dinas " + dinas, "DINAS", root, t, weight);
      }
      for (final String badan : BADAN) {
        unit(root + "-" + badan, "Badan " + badan, "BADAN", root, t, 1.2 + rng.nextDouble());
      }
      for (int h = 1; h <= hospitals; h++) {
        unit(root + "-RSUD-" + h, "Rumah Sakit Umum Daerah " + h, "RSUD", root, t, 6);
      }
    }

    private void tree(final String id, final String name, final String kind, final int t) {
      roots.add(id);
      unit(id, name, kind, null, t, 0);
    }

    private void unit(
        final String id,
        final String name,
        final String kind,
        final String parent,
        final int tree,
        final double weight) {
      units.add(new WorkUnit(id, name, kind, parent, true));
      treeOfUnit.add(tree);
      weights.add(weight);
    }
  }

  /** Largest-remainder rounding of shares into whole numbers adding up to total. */
  static long[] apportion(final double[] shares, final long total) {
    double sum = 0;
    for (final double share : shares) {
      sum += share;
    }
    final long[] out = new long[shares.length];
    if (sum <= 0) {
      return out;
    }
    final double[] remainder = new double[shares.length];
    long assigned = 0;
    for (int i = 0; i < shares.length; i++) {
      final double exact = shares[i] / sum * total;
      out[i] = (long) Math.floor(exact);
      remainder[i] = exact - out[i];
      assigned += out[i];
    }
    final Integer[] order = new Integer[shares.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
    for (int k = 0; assigned < total; k = (k + 1) % order.length) {
      if (shares[order[k]] > 0) {
        out[order[k]]++;
        assigned++;
      }
    }
    return out;
  }
}
