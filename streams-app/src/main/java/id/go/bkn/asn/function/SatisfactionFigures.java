package id.go.bkn.asn.function;

/**
 * The published satisfaction figures of a window (CONTRACT.md section 5): mean overall rating, the
 * index (mean x 20, 0-100, read against the IKM bands), mean career relevance over the responses
 * that answered it, NPS over the responses that answered "would recommend", and the response rate.
 * Below k responses (5 by default) every satisfaction figure is null and {@code suppressed} is
 * true, so a small group's ratings cannot be traced to a person. The response rate is not a rating
 * and stays published while suppressed (it is only null when there are no participants).
 *
 * @param suppressed true when there are fewer than k responses
 * @param mean mean overall rating 1-5, or null
 * @param index mean x 20, or null
 * @param careerRelevanceMean mean career relevance 1-5 over answered responses, or null
 * @param nps 100 x (promoters - detractors) / answered, -100..100, or null
 * @param responseRate responses / participants, or null when there are no participants
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
   * @param participants distinct participants of the window, the response rate's denominator
   * @param minResponses k, at least 1
   */
  public static SatisfactionFigures of(
      final SatisfactionStats stats, final long participants, final int minResponses) {
    if (minResponses < 1) {
      throw new IllegalArgumentException("minResponses must be at least 1: " + minResponses);
    }
    final Double responseRate = Ratios.ratio(stats.responses(), participants);
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
  public static SatisfactionFigures of(final SatisfactionStats stats, final long participants) {
    return of(stats, participants, DEFAULT_MIN_RESPONSES);
  }
}
