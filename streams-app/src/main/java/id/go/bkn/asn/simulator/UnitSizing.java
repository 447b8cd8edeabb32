package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.WorkUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How many employees each unit gets, and how many of them are PPPK, so that sizes fit each unit's
 * kind (reference/DOMAIN.md): a kelurahan office 5-15, a kecamatan 20-40, a badan or dinas 40-200,
 * the education office (teachers) and the health office (puskesmas staff) and the hospital large,
 * the root none of its own. Kelurahan and kecamatan sizes are fixed by kind; every other unit's
 * base size is jittered and scaled so the roster adds up exactly to the configured total. PPPK are
 * concentrated where the 2023-2025 intakes went (teachers, health workers); structural posts stay
 * PNS.
 */
final class UnitSizing {

  /** Base sizes of the units the CSV names, where a kind's default would be implausible. */
  private static final Map<String, Integer> BASE =
      Map.ofEntries(
          Map.entry("SETDA", 200),
          Map.entry("SETWAN", 75),
          Map.entry("DINDIKBUD", 3_400),
          Map.entry("DINKES", 1_000),
          Map.entry("BPKAD", 110),
          Map.entry("BAPENDA", 95),
          Map.entry("BKPSDM", 65),
          Map.entry("DLH", 140),
          Map.entry("DPUPR", 120),
          Map.entry("DISHUB", 100),
          Map.entry("DISDUKCAPIL", 70),
          Map.entry("BPBD", 50),
          Map.entry("BAKESBANGPOL", 50),
          Map.entry("DISPUSIP", 50));

  private UnitSizing() {}

  /** Sizes per unit (in the order of units), adding up to total. */
  static int[] sizes(final List<WorkUnit> units, final int total, final SplittableRandom rng) {
    final int n = units.size();
    final int[] sizes = new int[n];
    final double[] flexible = new double[n];
    int fixed = 0;
    double flexibleSum = 0;
    for (int i = 0; i < n; i++) {
      final WorkUnit unit = units.get(i);
      switch (unit.getKind()) {
        case "PEMDA" -> sizes[i] = 0;
        case "KELURAHAN" -> sizes[i] = 5 + rng.nextInt(11);
        case "KECAMATAN" -> sizes[i] = 20 + rng.nextInt(21);
        default -> {
          flexible[i] = baseSize(unit) * (0.85 + 0.3 * rng.nextDouble());
          flexibleSum += flexible[i];
        }
      }
      fixed += sizes[i];
    }
    if (fixed >= total) {
      throw new IllegalArgumentException(
          "a roster of " + total + " cannot staff the kelurahan and kecamatan offices");
    }
    final double scale = (total - fixed) / flexibleSum;
    final double[] scaled = new double[n];
    for (int i = 0; i < n; i++) {
      scaled[i] = flexible[i] * scale;
    }
    distribute(scaled, total - fixed, sizes);
    return sizes;
  }

  /** Number of PPPK per unit, adding up to pppkTotal, never taking a unit's structural posts. */
  static int[] pppk(
      final List<WorkUnit> units, final int[] sizes, final int[] structural, final int pppkTotal) {
    final int n = units.size();
    final double[] raw = new double[n];
    double rawSum = 0;
    for (int i = 0; i < n; i++) {
      raw[i] = sizes[i] * pppkShare(units.get(i));
      rawSum += raw[i];
    }
    final int[] pppk = new int[n];
    if (pppkTotal == 0 || rawSum == 0) {
      return pppk;
    }
    final double scale = pppkTotal / rawSum;
    final double[] scaled = new double[n];
    for (int i = 0; i < n; i++) {
      scaled[i] = raw[i] * scale;
    }
    distribute(scaled, pppkTotal, pppk);
    // Caps: structural posts are PNS. What a capped unit cannot take goes to units with room.
    int overflow = 0;
    for (int i = 0; i < n; i++) {
      final int room = sizes[i] - structural[i];
      if (pppk[i] > room) {
        overflow += pppk[i] - room;
        pppk[i] = room;
      }
    }
    for (int i = 0; overflow > 0; i = (i + 1) % n) {
      if (pppk[i] < sizes[i] - structural[i]) {
        pppk[i]++;
        overflow--;
      }
    }
    return pppk;
  }

  /** Structural posts (heads, secretaries, heads of division) of a unit of that size. */
  static int structuralPosts(final WorkUnit unit, final int size) {
    final int posts =
        switch (unit.getKind()) {
          case "PEMDA" -> 0;
          case "KELURAHAN" -> 2;
          case "KECAMATAN" -> 6;
          default -> Math.min(25, 6 + size / 40);
        };
    return Math.min(size, posts);
  }

  /** Share of the non-structural staff in functional posts (teachers, nurses, auditors...). */
  static double functionalShare(final WorkUnit unit) {
    return switch (unit.getUnitId()) {
      case "DINDIKBUD" -> 0.9;
      case "DINKES" -> 0.75;
      case "RSUD" -> 0.8;
      case "INSP" -> 0.6;
      case "BAPPEDA" -> 0.45;
      case "BKPSDM" -> 0.35;
      default ->
          switch (unit.getKind()) {
            case "KELURAHAN" -> 0.05;
            case "KECAMATAN" -> 0.15;
            default -> 0.3;
          };
    };
  }

  /** Share of women: higher among teachers and health workers. */
  static double femaleShare(final WorkUnit unit) {
    return switch (unit.getUnitId()) {
      case "DINDIKBUD", "DINKES", "RSUD" -> 0.65;
      default -> 0.45;
    };
  }

  private static double pppkShare(final WorkUnit unit) {
    return switch (unit.getUnitId()) {
      case "DINDIKBUD" -> 0.55;
      case "DINKES" -> 0.45;
      case "RSUD" -> 0.5;
      default ->
          switch (unit.getKind()) {
            case "PEMDA" -> 0.0;
            case "KELURAHAN", "KECAMATAN" -> 0.25;
            default -> 0.3;
          };
    };
  }

  private static double baseSize(final WorkUnit unit) {
    final Integer base = BASE.get(unit.getUnitId());
    if (base != null) {
      return base;
    }
    return switch (unit.getKind()) {
      case "SEKRETARIAT" -> 80;
      case "INSPEKTORAT" -> 60;
      case "BADAN" -> 70;
      case "DINAS" -> 90;
      case "RSUD" -> 560;
      case "SATUAN" -> 120;
      default -> 50;
    };
  }

  /** Largest-remainder rounding of shares into integers adding up to total, added to out. */
  private static void distribute(final double[] shares, final int total, final int[] out) {
    final int n = shares.length;
    final int[] floors = new int[n];
    int assigned = 0;
    for (int i = 0; i < n; i++) {
      floors[i] = (int) Math.floor(shares[i]);
      assigned += floors[i];
    }
    // Hand out what rounding down left over, largest remainders first; ties by index.
    final Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order, (a, b) -> Double.compare(shares[b] - floors[b], shares[a] - floors[a]));
    for (int k = 0; assigned < total; k = (k + 1) % n) {
      floors[order[k]]++;
      assigned++;
    }
    for (int i = 0; i < n; i++) {
      out[i] += floors[i];
    }
  }
}
