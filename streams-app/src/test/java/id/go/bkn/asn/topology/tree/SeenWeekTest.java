package id.go.bkn.asn.topology.tree;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.JakartaCalendar;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The seen-set value of one employee and week: its slots, canonical form and stored bytes. */
class SeenWeekTest {

  @Test
  void shouldPlaceTheWeekAndEachOfItsDaysInTheirOwnSlot() {
    // given Monday 2025-03-10 and Sunday 2025-03-16, WIB
    final var monday = JakartaCalendar.day(wib("2025-03-10T09:00"));
    final var sunday = JakartaCalendar.day(wib("2025-03-16T23:59"));
    final var week = JakartaCalendar.week(wib("2025-03-12T00:00"));
    // then
    assertThat(SeenWeek.slot(week)).isEqualTo(SeenWeek.WEEK);
    assertThat(SeenWeek.slot(monday)).isEqualTo(1);
    assertThat(SeenWeek.slot(sunday)).isEqualTo(7);
    assertThat(TreeKeys.seen(monday, "E1"))
        .isEqualTo(TreeKeys.seen(sunday, "E1"))
        .isEqualTo(TreeKeys.seen(week, "E1"))
        .isEqualTo("W|2025-03-10|E1");
    assertThat(TreeKeys.seenPrefix(sunday)).isEqualTo("W|2025-03-10|");
  }

  @Test
  void shouldKeepEachSlotsRolesApartAndDropWhatIsEmpty() {
    // given roles in the week and on Monday for two units, and on Tuesday for one
    final SeenWeek seen =
        SeenWeek.EMPTY
            .with(SeenWeek.WEEK, "KEL", 5L)
            .with(SeenWeek.WEEK, "KEC", 5L)
            .with(1, "KEL", 5L)
            .with(1, "KEC", 5L)
            .with(2, "KEL", 2L);
    // then
    assertThat(seen.of(SeenWeek.WEEK, "KEL")).isEqualTo(5L);
    assertThat(seen.of(1, "KEC")).isEqualTo(5L);
    assertThat(seen.of(2, "KEL")).isEqualTo(2L);
    assertThat(seen.of(2, "KEC")).isZero();
    assertThat(seen.of(3, "KEL")).isZero();
    assertThat(seen.has(2)).isTrue();
    assertThat(seen.has(3)).isFalse();
    // when Monday's slot goes, and KEC's week roles are cleared
    final SeenWeek pruned = seen.withoutSlot(1).with(SeenWeek.WEEK, "KEC", 0L);
    // then KEC is gone altogether, and the value equals one built without it
    assertThat(pruned.has(1)).isFalse();
    assertThat(pruned)
        .isEqualTo(SeenWeek.EMPTY.with(SeenWeek.WEEK, "KEL", 5L).with(2, "KEL", 2L))
        .hasSameHashCodeAs(SeenWeek.EMPTY.with(SeenWeek.WEEK, "KEL", 5L).with(2, "KEL", 2L));
    assertThat(pruned.with(SeenWeek.WEEK, "KEL", 0L).with(2, "KEL", 0L).isEmpty()).isTrue();
    assertThat(seen.with(2, "KEC", 0L)).isSameAs(seen);
  }

  @Test
  void shouldReadBackWhatItWrites() {
    // given large session counts, every slot and a unit with non-ASCII characters
    SeenWeek seen = SeenWeek.EMPTY;
    for (int slot = 0; slot < SeenWeek.SLOTS; slot++) {
      seen = seen.with(slot, "KEL-Ä", 1L + slot * 4L).with(slot, "KOTA", 3L + (1L << 40));
    }
    final StateSerde<SeenWeek> serde = SeenWeek.SERDE;
    // when
    final byte[] bytes = serde.serializer().serialize("t", seen);
    final SeenWeek read = serde.deserializer().deserialize("t", bytes);
    // then
    assertThat(read).isEqualTo(seen);
    assertThat(read.of(7, "KOTA")).isEqualTo(3L + (1L << 40));
    final byte[] small = serde.serializer().serialize("t", SeenWeek.EMPTY.with(1, "KEL-A1", 5L));
    // format, mask, count, the unit (2 + 6 bytes) and one byte of roles
    assertThat(small).hasSize(1 + 1 + 1 + 8 + 1);
    assertThat(serde.deserializer().deserialize("t", small))
        .isEqualTo(SeenWeek.EMPTY.with(1, "KEL-A1", 5L));
  }

  private static java.time.Instant wib(final String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(JakartaCalendar.ZONE).toInstant();
  }
}
