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
    assertThat(seen.holds(2)).isTrue();
    assertThat(seen.holds(3)).isFalse();
    // when Monday's slot goes, and KEC's week roles are cleared
    final SeenWeek pruned = seen.withoutSlot(1).with(SeenWeek.WEEK, "KEC", 0L);
    // then KEC is gone altogether, and the value equals one built without it
    assertThat(pruned.holds(1)).isFalse();
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
    // format, mask, count, the unit (2 + 6 bytes), one byte of roles and no programme (one byte)
    assertThat(small).hasSize(1 + 1 + 1 + 8 + 1 + 1);
    assertThat(serde.deserializer().deserialize("t", small))
        .isEqualTo(SeenWeek.EMPTY.with(1, "KEL-A1", 5L));
  }

  @Test
  void shouldKeepWhatWentToTheProgrammeStageWithTheWeek() {
    // given the roles of a week and Monday, and two programmes sent on: one with two sessions
    // counted, one with only an ABSENT
    final SeenWeek seen =
        SeenWeek.EMPTY
            .with(SeenWeek.WEEK, "KEL", 9L)
            .with(1, "KEL", 9L)
            .withSessions("PRG-1", 2)
            .withSessions("PRG-2", 0);
    // then
    assertThat(seen.sessions("PRG-1")).isEqualTo(2);
    assertThat(seen.sessions("PRG-2")).isZero();
    assertThat(seen.sessions("PRG-3")).isEqualTo(SeenWeek.UNSENT);
    assertThat(seen.withSessions("PRG-1", 2)).isSameAs(seen);
    assertThat(seen.withSessions("PRG-2", SeenWeek.UNSENT).sessions("PRG-2"))
        .isEqualTo(SeenWeek.UNSENT);
    assertThat(seen).isNotEqualTo(seen.withSessions("PRG-1", 1));
    // and they are stored and read back
    final byte[] bytes = SeenWeek.SERDE.serializer().serialize("t", seen);
    assertThat(SeenWeek.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(seen);
    // when Monday closes, the programmes stay with the week; when the week closes, they go
    assertThat(seen.withoutSlot(1).sessions("PRG-1")).isEqualTo(2);
    final SeenWeek weekClosed = seen.withoutSlot(SeenWeek.WEEK);
    assertThat(weekClosed.sessions("PRG-1")).isEqualTo(SeenWeek.UNSENT);
    assertThat(weekClosed.holds(SeenWeek.WEEK)).isFalse();
    // and an entry that only holds a programme (an ABSENT) is neither empty nor kept past its week
    final SeenWeek absentOnly = SeenWeek.EMPTY.withSessions("PRG-1", 0);
    assertThat(absentOnly.isEmpty()).isFalse();
    assertThat(absentOnly.holds(SeenWeek.WEEK)).isTrue();
    assertThat(absentOnly.withoutSlot(SeenWeek.WEEK).isEmpty()).isTrue();
  }

  @Test
  void shouldReadAValueWrittenBeforeTheProgrammesWereKeptAsOneWithNone() {
    // given the bytes of a value as the previous format wrote it: no programme section at all
    final SeenWeek roles = SeenWeek.EMPTY.with(1, "KEL-A1", 5L);
    final byte[] bytes = SeenWeek.SERDE.serializer().serialize("t", roles);
    final byte[] previous = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    // when
    final SeenWeek read = SeenWeek.SERDE.deserializer().deserialize("t", previous);
    // then
    assertThat(read).isEqualTo(roles);
    assertThat(read.sessions("PRG-1")).isEqualTo(SeenWeek.UNSENT);
  }

  private static java.time.Instant wib(final String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(JakartaCalendar.ZONE).toInstant();
  }
}
