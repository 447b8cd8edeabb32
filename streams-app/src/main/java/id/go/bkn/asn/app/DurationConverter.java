package id.go.bkn.asn.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as people write them ({@code 90s}, {@code 10m}, {@code 48h}, {@code 7d}) or as
 * ISO-8601 ({@code PT10M}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  @Override
  public Duration convert(final String value) {
    final String text = value.trim().toLowerCase(Locale.ROOT);
    final Matcher m = SIMPLE.matcher(text);
    if (m.matches()) {
      final long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
    } catch (final DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration: write e.g. 90s, 10m, 48h, 7d or PT10M");
    }
  }
}
