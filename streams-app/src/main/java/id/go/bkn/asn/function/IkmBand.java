package id.go.bkn.asn.function;

/**
 * The IKM/SKM quality band (PermenPANRB 14/2017) of a 0-100 satisfaction index, with its label in
 * Bahasa Indonesia: A Sangat Baik 88.31-100, B Baik 76.61-88.30, C Kurang Baik 65.00-76.60, D Tidak
 * Baik 25.00-64.99. The regulation's bands leave gaps between two-decimal values (88.30 to 88.31);
 * each band here starts at its lower bound inclusive and runs up to the next band's, so every index
 * has exactly one band and "below 76.61", the LOW_SATISFACTION default, is exactly bands C and D.
 * An index below 25 (not reachable from a 1-5 mean) is still D.
 */
public enum IkmBand {
  A("Sangat Baik", 88.31),
  B("Baik", 76.61),
  C("Kurang Baik", 65.00),
  D("Tidak Baik", 25.00);

  private final String label;
  private final double lowerBound;

  IkmBand(final String label, final double lowerBound) {
    this.label = label;
    this.lowerBound = lowerBound;
  }

  /** The band's name in Bahasa Indonesia, e.g. "Sangat Baik". */
  public String label() {
    return label;
  }

  /** The lowest index of the band as the regulation prints it (D also takes anything below). */
  public double lowerBound() {
    return lowerBound;
  }

  /**
   * The band of an index.
   *
   * @throws IllegalArgumentException when the index is not a finite number
   */
  public static IkmBand of(final double index) {
    if (!Double.isFinite(index)) {
      throw new IllegalArgumentException("IKM index must be finite: " + index);
    }
    if (index >= A.lowerBound) {
      return A;
    }
    if (index >= B.lowerBound) {
      return B;
    }
    if (index >= C.lowerBound) {
      return C;
    }
    return D;
  }
}
