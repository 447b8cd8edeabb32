package id.go.bkn.asn.simulator;

/** Digit-string helpers shared by the identifier classes, so both read numbers the same way. */
final class Digits {

  private Digits() {}

  /** The digits of text, which must be exactly {@code length} ASCII digits. */
  static int[] of(final String text, final int length, final String what) {
    if (text == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (text.length() != length) {
      throw new IllegalArgumentException(
          what + " must have " + length + " digits, got " + text.length() + " characters");
    }
    final int[] digits = new int[length];
    for (int i = 0; i < length; i++) {
      final char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(what + " must contain digits only");
      }
      digits[i] = c - '0';
    }
    return digits;
  }

  /** The decimal number of {@code count} digits from {@code start}. */
  static int number(final int[] digits, final int start, final int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      value = value * 10 + digits[i];
    }
    return value;
  }
}
