package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NipTest {

  @Test
  void shouldParseTheDomainExampleWhenItFollowsTheLayout() {
    // given the example of reference/DOMAIN.md
    final String text = "198609262015051001";

    // when
    final Nip nip = Nip.parse(text);

    // then
    assertThat(nip.birthDate()).isEqualTo(LocalDate.of(1986, 9, 26));
    assertThat(nip.appointment()).isEqualTo(YearMonth.of(2015, 5));
    assertThat(nip.sex()).isEqualTo(1);
    assertThat(nip.sequence()).isEqualTo(1);
    assertThat(nip).hasToString(text);
    assertThat(Nip.isValid(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "19860926201505100", // 17 digits
        "1986092620150510011", // 19 digits
        "19860926201505100A", // not a digit
        "198602302015051001", // 30 February
        "198609262015131001", // month 13
        "198609262004091001", // appointed before turning 18
        "198609262015053001", // sex 3
        "198609262015051000", // sequence 000
        "199005142023212007" // a PPPK number: month 21
      })
  void shouldRejectWhenARuleOfTheLayoutIsBroken(final String text) {
    // given a NIP breaking one rule

    // when / then
    assertThat(Nip.isValid(text)).isFalse();
    assertThatThrownBy(() -> Nip.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAcceptAppointmentWhenItStartsOnThe18thBirthday() {
    // given born 1 June 2000, appointed June 2018

    // when
    final boolean valid = Nip.isValid("200006012018061001");

    // then
    assertThat(valid).isTrue();
    assertThat(Nip.isValid("200006022018061001")).isFalse();
  }

  @Test
  void shouldNeverBeAValidNipWhenItIsAPppkNumber() {
    // given
    final PppkNumber pppk = new PppkNumber(LocalDate.of(1990, 5, 14), 2023, 2, 7);

    // when
    final String text = pppk.toString();

    // then
    assertThat(text).isEqualTo("199005142023212007").hasSize(18);
    assertThat(PppkNumber.isValid(text)).isTrue();
    assertThat(Nip.isValid(text)).isFalse();
    assertThat(PppkNumber.isValid("198609262015051001")).isFalse();
  }
}
