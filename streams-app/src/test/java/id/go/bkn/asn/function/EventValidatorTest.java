package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.EnrollmentAction;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {

  private static final Instant NOW = Instant.parse("2026-11-18T03:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String NIP = "198609262015051001";
  private static final String COMMENT = "Pelatih kurang siap, nama saya Budi";

  private final EventValidator validator = EventValidator.withDefaults(CLOCK);

  private static EnrollmentEvent.Builder enrollment() {
    return EnrollmentEvent.newBuilder()
        .setEventId("enr-1")
        .setEmployeeId(NIP)
        .setProgramId("PRG-1")
        .setRunId("RUN-1")
        .setAction(EnrollmentAction.ENROLLED)
        .setOccurredAt(NOW.minus(Duration.ofDays(1)))
        .setSource("LMS");
  }

  private static AttendanceEvent.Builder attendance() {
    return AttendanceEvent.newBuilder()
        .setEventId("att-1")
        .setEmployeeId(NIP)
        .setProgramId("PRG-1")
        .setRunId("RUN-1")
        .setSessionId("S-1")
        .setStatus(AttendanceStatus.PRESENT)
        .setSessionJp(4.0)
        .setOccurredAt(NOW.minus(Duration.ofHours(2)))
        .setSource("LMS");
  }

  private static FeedbackEvent.Builder feedback() {
    return FeedbackEvent.newBuilder()
        .setEventId("fb-1")
        .setEmployeeId(NIP)
        .setProgramId("PRG-1")
        .setRunId("RUN-1")
        .setOverall(4)
        .setCareerRelevance(3)
        .setRecommend(8)
        .setComment(COMMENT)
        .setOccurredAt(NOW.minus(Duration.ofHours(2)))
        .setSource("LMS");
  }

  private static void assertInvalidField(final Optional<Rejection> rejection, final String field) {
    assertThat(rejection).isPresent();
    assertThat(rejection.get().reason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
    assertThat(rejection.get().detail()).startsWith(field).doesNotContain(NIP, COMMENT);
  }

  @Test
  void shouldPassWhenEventsOfEachKindAreValid() {
    // given / when / then
    assertThat(validator.validate(enrollment().build())).isEmpty();
    assertThat(validator.validate(attendance().build())).isEmpty();
    assertThat(validator.validate(feedback().build())).isEmpty();
  }

  @Test
  void shouldPassAnonymousFeedbackWhenEmployeeIdIsNull() {
    // given
    final FeedbackEvent anonymous = feedback().setEmployeeId(null).build();

    // when / then
    assertThat(validator.validate(anonymous)).isEmpty();
  }

  @Test
  void shouldPassFeedbackWhenOptionalQuestionsWereNotAsked() {
    // given
    final FeedbackEvent event =
        feedback().setCareerRelevance(null).setRecommend(null).setComment(null).build();

    // when / then
    assertThat(validator.validate(event)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void shouldRejectBlankIdentifiersWhenValidatingEnrollment(final String blank) {
    // given / when / then
    assertInvalidField(validator.validate(enrollment().setEventId(blank).build()), "eventId");
    assertInvalidField(validator.validate(enrollment().setEmployeeId(blank).build()), "employeeId");
    assertInvalidField(validator.validate(enrollment().setProgramId(blank).build()), "programId");
    assertInvalidField(validator.validate(enrollment().setRunId(blank).build()), "runId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void shouldRejectBlankIdentifiersWhenValidatingAttendance(final String blank) {
    // given / when / then
    assertInvalidField(validator.validate(attendance().setEventId(blank).build()), "eventId");
    assertInvalidField(validator.validate(attendance().setEmployeeId(blank).build()), "employeeId");
    assertInvalidField(validator.validate(attendance().setProgramId(blank).build()), "programId");
    assertInvalidField(validator.validate(attendance().setRunId(blank).build()), "runId");
    assertInvalidField(validator.validate(attendance().setSessionId(blank).build()), "sessionId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void shouldRejectBlankIdentifiersWhenValidatingFeedback(final String blank) {
    // given / when / then
    assertInvalidField(validator.validate(feedback().setEventId(blank).build()), "eventId");
    assertInvalidField(validator.validate(feedback().setEmployeeId(blank).build()), "employeeId");
    assertInvalidField(validator.validate(feedback().setProgramId(blank).build()), "programId");
    assertInvalidField(validator.validate(feedback().setRunId(blank).build()), "runId");
  }

  @Test
  void shouldRejectMissingFieldsWhenARecordWasBuiltWithoutThem() {
    // given records built by constructor, bypassing the builders' checks
    final EnrollmentEvent noAction =
        new EnrollmentEvent("enr-1", NIP, "PRG-1", "RUN-1", null, NOW, "LMS");
    final AttendanceEvent noStatus =
        new AttendanceEvent("att-1", NIP, "PRG-1", "RUN-1", "S-1", null, 2.0, NOW, "LMS");
    final EnrollmentEvent noEventId =
        new EnrollmentEvent(null, NIP, "PRG-1", "RUN-1", EnrollmentAction.COMPLETED, NOW, "LMS");

    // when / then
    assertInvalidField(validator.validate(noAction), "action");
    assertInvalidField(validator.validate(noStatus), "status");
    assertInvalidField(validator.validate(noEventId), "eventId");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 6, -1})
  void shouldRejectOverallWhenOutsideOneToFive(final int overall) {
    // given / when / then
    assertInvalidField(validator.validate(feedback().setOverall(overall).build()), "overall");
  }

  @Test
  void shouldAcceptWhenOverallIsAtEitherEnd() {
    // given / when / then
    assertThat(validator.validate(feedback().setOverall(1).build())).isEmpty();
    assertThat(validator.validate(feedback().setOverall(5).build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 6})
  void shouldRejectCareerRelevanceWhenOutsideOneToFive(final int value) {
    // given / when / then
    assertInvalidField(
        validator.validate(feedback().setCareerRelevance(value).build()), "careerRelevance");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 11})
  void shouldRejectRecommendWhenOutsideZeroToTen(final int value) {
    // given / when / then
    assertInvalidField(validator.validate(feedback().setRecommend(value).build()), "recommend");
  }

  @Test
  void shouldAcceptWhenRecommendIsAtEitherEnd() {
    // given / when / then
    assertThat(validator.validate(feedback().setRecommend(0).build())).isEmpty();
    assertThat(validator.validate(feedback().setRecommend(10).build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.5, 24.01, Double.NaN, Double.POSITIVE_INFINITY})
  void shouldRejectSessionJpWhenNegativeTooLargeOrNotFinite(final double jp) {
    // given / when / then
    assertInvalidField(validator.validate(attendance().setSessionJp(jp).build()), "sessionJp");
  }

  @Test
  void shouldAcceptWhenSessionJpIsZeroOrAtTheLimit() {
    // given / when / then
    assertThat(validator.validate(attendance().setSessionJp(0.0).build())).isEmpty();
    assertThat(validator.validate(attendance().setSessionJp(24.0).build())).isEmpty();
  }

  @Test
  void shouldRejectSessionJpWhenAboveAConfiguredLimit() {
    // given
    final EventValidator strict = new EventValidator(CLOCK, Duration.ofHours(1), 8.0);

    // when / then
    assertInvalidField(strict.validate(attendance().setSessionJp(8.5).build()), "sessionJp");
  }

  @Test
  void shouldAcceptWhenOccurredAtIsExactlyOneHourAhead() {
    // given
    final Instant atLimit = NOW.plus(Duration.ofHours(1));

    // when / then
    assertThat(validator.validate(attendance().setOccurredAt(atLimit).build())).isEmpty();
    assertThat(validator.validate(enrollment().setOccurredAt(atLimit).build())).isEmpty();
    assertThat(validator.validate(feedback().setOccurredAt(atLimit).build())).isEmpty();
  }

  @Test
  void shouldRejectFutureTimestampWhenOccurredAtIsJustPastOneHourAhead() {
    // given
    final Instant pastLimit = NOW.plus(Duration.ofHours(1)).plusMillis(1);

    // when
    final Optional<Rejection> attendanceRejection =
        validator.validate(attendance().setOccurredAt(pastLimit).build());
    final Optional<Rejection> enrollmentRejection =
        validator.validate(enrollment().setOccurredAt(pastLimit).build());
    final Optional<Rejection> feedbackRejection =
        validator.validate(feedback().setOccurredAt(pastLimit).build());

    // then
    assertThat(attendanceRejection)
        .map(Rejection::reason)
        .contains(DeadLetterReason.FUTURE_TIMESTAMP);
    assertThat(enrollmentRejection)
        .map(Rejection::reason)
        .contains(DeadLetterReason.FUTURE_TIMESTAMP);
    assertThat(feedbackRejection)
        .map(Rejection::reason)
        .contains(DeadLetterReason.FUTURE_TIMESTAMP);
    assertThat(feedbackRejection.get().detail()).doesNotContain(NIP, COMMENT);
  }

  @Test
  void shouldAcceptTwoHoursAheadWhenTheConfiguredSkewIsThreeHours() {
    // given
    final EventValidator lenient = new EventValidator(CLOCK, Duration.ofHours(3), 24.0);
    final Instant twoHoursAhead = NOW.plus(Duration.ofHours(2));

    // when / then
    assertThat(lenient.validate(attendance().setOccurredAt(twoHoursAhead).build())).isEmpty();
    assertThat(validator.validate(attendance().setOccurredAt(twoHoursAhead).build()))
        .map(Rejection::reason)
        .contains(DeadLetterReason.FUTURE_TIMESTAMP);
  }

  @Test
  void shouldAcceptWhenOccurredAtIsLongAgo() {
    // given a session reported a year late: lateness is the window step's concern, not validity
    final Instant longAgo = NOW.minus(Duration.ofDays(365));

    // when / then
    assertThat(validator.validate(attendance().setOccurredAt(longAgo).build())).isEmpty();
  }
}
