package id.go.bkn.asn.simulator;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * The simulator's identifier for PPPK employees (NI PPPK), 18 digits: birth date YYYYMMDD, the year
 * of appointment YYYY, the fixed code {@code 21}, sex (1/2) and a 3-digit sequence, e.g. {@code
 * 19900514 2023 21 2 007}. Public examples of NI PPPK follow this shape, but reference/ DOMAIN.md
 * marks the PPPK layout as not verified, so this is a documented choice, not a rule: its point is
 * that {@code 21} is not a month, so no PPPK number is ever a valid {@link Nip} and the two kinds
 * of id can never collide. Appointment is in 2019 (the first PPPK intake) or later and at least 18
 * years after birth.
 *
 * @param birthDate date of birth
 * @param appointmentYear year of the PPPK appointment, 2019 or later
 * @param sex 1 male, 2 female
 * @param sequence 1-999
 */
public record PppkNumber(LocalDate birthDate, int appointmentYear, int sex, int sequence) {

  /** The digits in the month position that mark a PPPK number. */
  public static final int CODE = 21;

  /** The first PPPK appointments were made in 2019. */
  public static final int FIRST_YEAR = 2019;

  /** Checks the scheme's rules. */
  public PppkNumber {
    Objects.requireNonNull(birthDate, "birthDate");
    if (birthDate.getYear() < 1000 || appointmentYear > 9999) {
      throw new IllegalArgumentException("PPPK number years must have four digits");
    }
    if (appointmentYear < FIRST_YEAR) {
      throw new IllegalArgumentException("PPPK appointment year must be 2019 or later");
    }
    if (LocalDate.of(appointmentYear, 12, 31).isBefore(birthDate.plusYears(18))) {
      throw new IllegalArgumentException("PPPK appointment is less than 18 years after birth");
    }
    if (sex != 1 && sex != 2) {
      throw new IllegalArgumentException("PPPK sex digit must be 1 or 2, got " + sex);
    }
    if (sequence < 1 || sequence > 999) {
      throw new IllegalArgumentException("PPPK sequence must be 001-999, got " + sequence);
    }
  }

  /** Parses and validates an 18-digit PPPK number. */
  public static PppkNumber parse(final String text) {
    final int[] digits = Digits.of(text, Nip.LENGTH, "PPPK number");
    if (Digits.number(digits, 12, 2) != CODE) {
      throw new IllegalArgumentException("PPPK number must have code 21 in digits 13-14");
    }
    final LocalDate birth;
    try {
      birth =
          LocalDate.of(
              Digits.number(digits, 0, 4),
              Digits.number(digits, 4, 2),
              Digits.number(digits, 6, 2));
    } catch (final DateTimeException e) {
      throw new IllegalArgumentException("PPPK birth date is not a real date", e);
    }
    return new PppkNumber(
        birth, Digits.number(digits, 8, 4), digits[14], Digits.number(digits, 15, 3));
  }

  /** Whether the text is a valid PPPK number by this scheme. */
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
        appointmentYear,
        CODE,
        sex,
        sequence);
  }
}
