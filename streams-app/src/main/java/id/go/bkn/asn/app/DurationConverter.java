package id.go.bkn.asn.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration the way people write one on a command line: {@code 48h}, {@code 7d}, {@code
 * 30m}, {@code 10s}, {@code 500ms}, or ISO-8601 ({@code PT48H}). A bare number is refused, because
 * nobody can tell whether it means seconds or hours.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)");

  @Override
  public Duration convert(final String value) {
    final String text = value.trim().toLowerCase(Locale.ROOT);
    final Matcher matcher = SHORT.matcher(text);
    if (matcher.matches()) {
      final long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
    } catch (final DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; write e.g. 48h, 7d, 30m, 10s or PT48H");
    }
  }
}
