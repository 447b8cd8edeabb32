package id.go.bkn.asn.simulator;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Objects;

/**
 * A PNS's NIP (Nomor Induk Pegawai) by the layout of Perka BKN 22/2007 as reference/DOMAIN.md gives
 * it: 18 digits = birth date YYYYMMDD, CPNS appointment YYYYMM, sex (1 male, 2 female), a 3-digit
 * sequence (001-999). Valid only if both dates are real and the appointment month starts no earlier
 * than the 18th birthday. Construction validates, so a {@code Nip} in hand is valid; {@link #parse}
 * and {@link #isValid} check text from elsewhere (tests, imports).
 *
 * @param birthDate date of birth
 * @param appointment month of the CPNS appointment (TMT CPNS)
 * @param sex 1 male, 2 female
 * @param sequence 1-999
 */
public record Nip(LocalDate birthDate, YearMonth appointment, int sex, int sequence) {

  /** Number of digits of a NIP. */
  public static final int LENGTH = 18;

  /** Checks the layout's rules. */
  public Nip {
    Objects.requireNonNull(birthDate, "birthDate");
    Objects.requireNonNull(appointment, "appointment");
    if (birthDate.getYear() < 1000 || appointment.getYear() > 9999) {
      throw new IllegalArgumentException("NIP years must have four digits");
    }
    if (appointment.atDay(1).isBefore(birthDate.plusYears(18))) {
      throw new IllegalArgumentException(
          "NIP appointment " + appointment + " is less than 18 years after birth " + birthDate);
    }
    if (sex != 1 && sex != 2) {
      throw new IllegalArgumentException("NIP sex digit must be 1 or 2, got " + sex);
    }
    if (sequence < 1 || sequence > 999) {
      throw new IllegalArgumentException("NIP sequence must be 001-999, got " + sequence);
    }
  }

  /**
   * Parses and validates an 18-digit NIP.
   *
   * @throws IllegalArgumentException naming the broken rule (never echoing the whole number)
   */
  public static Nip parse(final String text) {
    final int[] digits = Digits.of(text, LENGTH, "NIP");
    final LocalDate birth;
    final YearMonth appointment;
    try {
      birth =
          LocalDate.of(
              Digits.number(digits, 0, 4),
              Digits.number(digits, 4, 2),
              Digits.number(digits, 6, 2));
    } catch (final DateTimeException e) {
      throw new IllegalArgumentException("NIP birth date is not a real date", e);
    }
    try {
      appointment = YearMonth.of(Digits.number(digits, 8, 4), Digits.number(digits, 12, 2));
    } catch (final DateTimeException e) {
      throw new IllegalArgumentException("NIP appointment month is not a real month", e);
    }
    return new Nip(birth, appointment, digits[14], Digits.number(digits, 15, 3));
  }

  /** Whether the text is a valid NIP by the layout. */
  public static boolean isValid(final String text) {
    try {
      parse(text);
      return true;
    } catch (final IllegalArgumentException e) {
      return false;
    }
  }

  /** The 18 digits. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%04d%02d%02d%04d%02d%d%03d",
        birthDate.getYear(),
        birthDate.getMonthValue(),
        birthDate.getDayOfMonth(),
        appointment.getYear(),
        appointment.getMonthValue(),
        sex,
        sequence);
  }
}
