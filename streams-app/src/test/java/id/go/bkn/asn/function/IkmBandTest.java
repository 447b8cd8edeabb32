package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IkmBandTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "100.00, A",
    "88.31, A",
    "88.30, B",
    "76.61, B",
    "76.60, C",
    "65.00, C",
    "64.99, D",
    "25.00, D",
    "24.99, D",
    "20.00, D",
    "0.00, D"
  })
  void shouldPutEachBandEdgeInItsBandWhenClassifyingAnIndex(
      final double index, final IkmBand expected) {
    // given / when
    final IkmBand band = IkmBand.of(index);

    // then
    assertThat(band).isEqualTo(expected);
  }

  @Test
  void shouldCloseTheRegulationsGapsWhenAnIndexFallsBetweenTwoDecimals() {
    // given / when / then
    assertThat(IkmBand.of(88.305)).isEqualTo(IkmBand.B);
    assertThat(IkmBand.of(76.605)).isEqualTo(IkmBand.C);
    assertThat(IkmBand.of(64.995)).isEqualTo(IkmBand.D);
  }

  @Test
  void shouldLabelBandsInBahasaIndonesiaWhenShown() {
    // given / when / then
    assertThat(IkmBand.A.label()).isEqualTo("Sangat Baik");
    assertThat(IkmBand.B.label()).isEqualTo("Baik");
    assertThat(IkmBand.C.label()).isEqualTo("Kurang Baik");
    assertThat(IkmBand.D.label()).isEqualTo("Tidak Baik");
  }

  @Test
  void shouldRefuseWhenTheIndexIsNotANumber() {
    // given / when / then
    assertThatThrownBy(() -> IkmBand.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
