package id.go.bkn.asn.function;

/**
 * Division for the contract's rates and means: a figure that cannot be computed is null, never 0
 * and never NaN (CONTRACT.md section 3), so a dashboard can tell "nobody to count" from "nobody
 * took part".
 */
public final class Ratios {

  private Ratios() {}

  /**
   * {@code numerator / denominator}, or null when the denominator is 0 or either side is not a
   * finite number.
   */
  public static Double ratio(final double numerator, final double denominator) {
    if (denominator == 0.0 || !Double.isFinite(numerator) || !Double.isFinite(denominator)) {
      return null;
    }
    return numerator / denominator;
  }
}
