package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import id.go.bkn.asn.schema.FeedbackEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SatisfactionFiguresTest {

  private static SatisfactionStats responses(final int count, final int overall) {
    SatisfactionStats stats = SatisfactionStats.EMPTY;
    for (int i = 0; i < count; i++) {
      stats = stats.add(overall, null, null);
    }
    return stats;
  }

  @Test
  void shouldSuppressEverySatisfactionFigureWhenThereAreFourResponses() {
    // given four responses that answered everything
    SatisfactionStats stats = SatisfactionStats.EMPTY;
    for (int i = 0; i < 4; i++) {
      stats = stats.add(5, 5, 10);
    }

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, stats.responses(), 8);

    // then
    assertThat(figures.suppressed()).isTrue();
    assertThat(figures.mean()).isNull();
    assertThat(figures.index()).isNull();
    assertThat(figures.careerRelevanceMean()).isNull();
    assertThat(figures.nps()).isNull();
    assertThat(figures.responseRate()).isEqualTo(0.5);
  }

  @Test
  void shouldPublishFiguresWhenThereAreFiveResponses() {
    // given overall 4, 4, 4, 5, 3
    final SatisfactionStats stats = responses(3, 4).add(5, null, null).add(3, null, null);

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, stats.responses(), 10);

    // then
    assertThat(figures.suppressed()).isFalse();
    assertThat(figures.mean()).isEqualTo(4.0);
    assertThat(figures.index()).isEqualTo(80.0);
    assertThat(figures.responseRate()).isEqualTo(0.5);
  }

  @Test
  void shouldSuppressWhenBelowAConfiguredK() {
    // given
    final SatisfactionStats stats = responses(5, 4);

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, stats.responses(), 10, 6);

    // then
    assertThat(figures.suppressed()).isTrue();
    assertThat(figures.mean()).isNull();
  }

  @Test
  void shouldComputeNpsOverAnsweredOnlyWhenSomeRespondentsSkipRecommend() {
    // given 6 responses: recommend 10, 9, 7, 3 and two that were not asked
    final SatisfactionStats stats =
        SatisfactionStats.EMPTY
            .add(4, null, 10)
            .add(4, null, 9)
            .add(4, null, 7)
            .add(4, null, 3)
            .add(4, null, null)
            .add(4, null, null);

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, stats.responses(), 6);

    // then 100 x (2 promoters - 1 detractor) / 4 answered
    assertThat(figures.nps()).isEqualTo(25.0);
    assertThat(stats.recommendAnswered()).isEqualTo(4);
  }

  @Test
  void shouldCountSixAsDetractorWhenSevenAndEightArePassive() {
    // given
    final SatisfactionStats stats =
        responses(2, 3).add(3, null, 6).add(3, null, 7).add(3, null, 8).add(3, null, 0);

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, stats.responses(), 6);

    // then 2 detractors, 0 promoters, 4 answered
    assertThat(figures.nps()).isEqualTo(-50.0);
  }

  @Test
  void shouldAverageCareerRelevanceOverAnsweredOnlyWhenSomeSkipIt() {
    // given 5 responses, only 2 answered career relevance (2 and 5)
    final SatisfactionStats stats = responses(3, 4).add(4, 2, null).add(4, 5, null);

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, stats.responses(), 5);

    // then
    assertThat(figures.careerRelevanceMean()).isEqualTo(3.5);
  }

  @Test
  void shouldGiveNullCareerRelevanceAndNpsWhenNobodyWasAsked() {
    // given
    final SatisfactionStats stats = responses(5, 2);

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, stats.responses(), 5);

    // then
    assertThat(figures.suppressed()).isFalse();
    assertThat(figures.careerRelevanceMean()).isNull();
    assertThat(figures.nps()).isNull();
    assertThat(figures.index()).isEqualTo(40.0);
  }

  @Test
  void shouldGiveNullResponseRateWhenNobodyTookPartOrAnswered() {
    // given a window in which nobody attended or answered
    final SatisfactionStats stats = SatisfactionStats.EMPTY;

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, 0, 0);

    // then
    assertThat(figures.responseRate()).isNull();
    assertThat(figures.suppressed()).isTrue();
  }

  @Test
  void shouldRateDistinctRespondentsOverEveryoneEngagedWhenSomeAnswerTwice() {
    // given six responses from three people, of five who took part or answered
    final SatisfactionStats stats = responses(6, 4);

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, 3, 5);

    // then
    assertThat(figures.responseRate()).isEqualTo(0.6);
    assertThat(figures.suppressed()).isFalse();
  }

  @Test
  void shouldRefuseMoreRespondentsThanPeopleEngagedWhenAsked() {
    // given / when / then
    assertThatThrownBy(() -> SatisfactionFigures.of(responses(5, 5), 2, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAddEverySumWhenMergingTwoWindows() {
    // given
    final SatisfactionStats left = SatisfactionStats.EMPTY.add(5, 4, 10).add(3, null, 2);
    final SatisfactionStats right = SatisfactionStats.EMPTY.add(4, 2, null).add(2, 1, 9);

    // when
    final SatisfactionStats merged = left.merge(right);

    // then
    assertThat(merged)
        .isEqualTo(new SatisfactionStats(4, 14, 3, 7, 3, 2, 1))
        .isEqualTo(right.merge(left));
  }

  @Test
  void shouldKeepNoCommentWhenAddingAFeedbackEvent() {
    // given
    final FeedbackEvent event =
        FeedbackEvent.newBuilder()
            .setEventId("fb-1")
            .setEmployeeId(null)
            .setProgramId("PRG-1")
            .setRunId("RUN-1")
            .setOverall(4)
            .setCareerRelevance(3)
            .setRecommend(9)
            .setComment("materi bagus")
            .setOccurredAt(Instant.parse("2026-11-17T03:00:00Z"))
            .setSource("LMS")
            .build();

    // when
    final SatisfactionStats stats = SatisfactionStats.EMPTY.add(event);

    // then
    assertThat(stats).isEqualTo(new SatisfactionStats(1, 4, 1, 3, 1, 1, 0));
  }

  @Test
  void shouldRefuseAnOutOfRangeRatingWhenAdding() {
    // given / when / then
    assertThatThrownBy(() -> SatisfactionStats.EMPTY.add(6, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SatisfactionStats.EMPTY.add(3, null, 11))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveIndexAsMeanTimesTwentyWhenPublished() {
    // given overall 4, 4, 4, 5, 5: mean 4.4
    final SatisfactionStats stats = responses(3, 4).add(5, null, null).add(5, null, null);

    // when
    final SatisfactionFigures figures = SatisfactionFigures.of(stats, stats.responses(), 5);

    // then
    assertThat(figures.mean()).isCloseTo(4.4, within(1e-12));
    assertThat(figures.index()).isCloseTo(88.0, within(1e-12));
  }
}
