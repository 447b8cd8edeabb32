package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatiosTest {

  @Test
  void shouldDivideWhenDenominatorIsPositive() {
    // given / when
    final Double ratio = Ratios.ratio(3, 4);

    // then
    assertThat(ratio).isEqualTo(0.75);
  }

  @Test
  void shouldGiveZeroWhenNumeratorIsZero() {
    // given / when
    final Double ratio = Ratios.ratio(0, 12);

    // then a real zero stays zero: nobody took part out of twelve
    assertThat(ratio).isEqualTo(0.0);
  }

  @Test
  void shouldGiveNullWhenDenominatorIsZero() {
    // given / when
    final Double zeroOverZero = Ratios.ratio(0, 0);
    final Double fiveOverZero = Ratios.ratio(5, 0);

    // then neither 0 nor NaN nor infinity
    assertThat(zeroOverZero).isNull();
    assertThat(fiveOverZero).isNull();
  }

  @Test
  void shouldGiveNullWhenAnOperandIsNotFinite() {
    // given / when / then
    assertThat(Ratios.ratio(Double.NaN, 2)).isNull();
    assertThat(Ratios.ratio(1, Double.POSITIVE_INFINITY)).isNull();
  }
}
