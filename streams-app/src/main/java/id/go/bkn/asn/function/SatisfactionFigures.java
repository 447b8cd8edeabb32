package id.go.bkn.asn.function;

/**
 * The published satisfaction figures of a window (CONTRACT.md section 5): mean overall rating, the
 * index (mean x 20, 0-100, read against the IKM bands), mean career relevance over the responses
 * that answered it, NPS over the responses that answered "would recommend", and the response rate.
 * Below k responses (5 by default) every satisfaction figure is null and {@code suppressed} is
 * true, so a small group's ratings cannot be traced to a person. The response rate (CONTRACT.md,
 * amended 2026-12-02) is distinct respondents over the distinct people who took part or responded
 * in the window, so it never exceeds 1, also when feedback comes a week after the session; it is
 * not a rating and stays published while suppressed (null only when nobody took part or answered).
 *
 * @param suppressed true when there are fewer than k responses
 * @param mean mean overall rating 1-5, or null
 * @param index mean x 20, or null
 * @param careerRelevanceMean mean career relevance 1-5 over answered responses, or null
 * @param nps 100 x (promoters - detractors) / answered, -100..100, or null
 * @param responseRate respondents / engaged, or null when nobody took part or answered
 */
public record SatisfactionFigures(
    boolean suppressed,
    Double mean,
    Double index,
    Double careerRelevanceMean,
    Double nps,
    Double responseRate) {

  /** The contract's default k: no satisfaction figure for fewer than 5 responses. */
  public static final int DEFAULT_MIN_RESPONSES = 5;

  /** The index is the 1-5 mean mapped to 0-100. */
  private static final double INDEX_PER_POINT = 20.0;

  /**
   * The figures of the given sums.
   *
   * @param stats the window's sums
   * @param respondents distinct people who responded, the response rate's numerator
   * @param engaged distinct people who took part or responded, its denominator
   * @param minResponses k, at least 1
   */
  public static SatisfactionFigures of(
      final SatisfactionStats stats,
      final long respondents,
      final long engaged,
      final int minResponses) {
    if (minResponses < 1) {
      throw new IllegalArgumentException("minResponses must be at least 1: " + minResponses);
    }
    if (respondents > engaged) {
      throw new IllegalArgumentException(
          "respondents " + respondents + " exceed the engaged " + engaged);
    }
    final Double responseRate = Ratios.ratio(respondents, engaged);
    if (stats.responses() < minResponses) {
      return new SatisfactionFigures(true, null, null, null, null, responseRate);
    }
    final Double mean = Ratios.ratio(stats.overallSum(), stats.responses());
    final Double index = mean == null ? null : mean * INDEX_PER_POINT;
    final Double careerRelevanceMean =
        Ratios.ratio(stats.careerRelevanceSum(), stats.careerRelevanceAnswered());
    final Double netShare =
        Ratios.ratio(stats.promoters() - stats.detractors(), stats.recommendAnswered());
    final Double nps = netShare == null ? null : 100.0 * netShare;
    return new SatisfactionFigures(false, mean, index, careerRelevanceMean, nps, responseRate);
  }

  /** The figures with the default k of 5. */
  public static SatisfactionFigures of(
      final SatisfactionStats stats, final long respondents, final long engaged) {
    return of(stats, respondents, engaged, DEFAULT_MIN_RESPONSES);
  }
}
