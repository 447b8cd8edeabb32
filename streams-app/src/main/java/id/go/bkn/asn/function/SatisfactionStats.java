package id.go.bkn.asn.function;

import id.go.bkn.asn.schema.FeedbackEvent;

/**
 * The running sums behind a window's satisfaction figures: responses and the sum of their overall
 * ratings, how many answered career relevance and its sum, how many answered "would recommend" and
 * how many of those were promoters (9-10) or detractors (0-6). Immutable, so an aggregator returns
 * a new value per event; {@link #merge} adds two windows' or two units' sums. No comment and no
 * respondent is kept, only counts.
 *
 * @param responses feedback responses counted
 * @param overallSum sum of their overall ratings (1-5)
 * @param careerRelevanceAnswered responses that answered career relevance
 * @param careerRelevanceSum sum of those answers (1-5)
 * @param recommendAnswered responses that answered "would recommend"
 * @param promoters answers 9 or 10
 * @param detractors answers 0 to 6
 */
public record SatisfactionStats(
    long responses,
    long overallSum,
    long careerRelevanceAnswered,
    long careerRelevanceSum,
    long recommendAnswered,
    long promoters,
    long detractors) {

  /** No responses yet: the aggregators' initial value. */
  public static final SatisfactionStats EMPTY = new SatisfactionStats(0, 0, 0, 0, 0, 0, 0);

  /** Checks that the counts are consistent. */
  public SatisfactionStats {
    if (responses < 0
        || overallSum < 0
        || careerRelevanceAnswered < 0
        || careerRelevanceSum < 0
        || recommendAnswered < 0
        || promoters < 0
        || detractors < 0
        || careerRelevanceAnswered > responses
        || recommendAnswered > responses
        || promoters + detractors > recommendAnswered) {
      throw new IllegalArgumentException("inconsistent satisfaction counts");
    }
  }

  /** These sums plus one validated feedback event. */
  public SatisfactionStats add(final FeedbackEvent event) {
    return add(event.getOverall(), event.getCareerRelevance(), event.getRecommend());
  }

  /**
   * These sums plus one response.
   *
   * @param overall overall rating, 1-5
   * @param careerRelevance 1-5, or null when not asked
   * @param recommend 0-10, or null when not asked
   * @throws IllegalArgumentException when a value is out of range: validation should have sent that
   *     event to the dead letters, and counting it would corrupt every figure after it
   */
  public SatisfactionStats add(
      final int overall, final Integer careerRelevance, final Integer recommend) {
    requireRange("overall", overall, 1, 5);
    if (careerRelevance != null) {
      requireRange("careerRelevance", careerRelevance, 1, 5);
    }
    if (recommend != null) {
      requireRange("recommend", recommend, 0, 10);
    }
    return new SatisfactionStats(
        responses + 1,
        overallSum + overall,
        careerRelevanceAnswered + (careerRelevance == null ? 0 : 1),
        careerRelevanceSum + (careerRelevance == null ? 0 : careerRelevance),
        recommendAnswered + (recommend == null ? 0 : 1),
        promoters + (recommend != null && recommend >= 9 ? 1 : 0),
        detractors + (recommend != null && recommend <= 6 ? 1 : 0));
  }

  /** The sums of both. */
  public SatisfactionStats merge(final SatisfactionStats other) {
    return new SatisfactionStats(
        responses + other.responses,
        overallSum + other.overallSum,
        careerRelevanceAnswered + other.careerRelevanceAnswered,
        careerRelevanceSum + other.careerRelevanceSum,
        recommendAnswered + other.recommendAnswered,
        promoters + other.promoters,
        detractors + other.detractors);
  }

  private static void requireRange(
      final String field, final int value, final int min, final int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " " + value + " is outside " + min + "-" + max + "; validate events first");
    }
  }
}
