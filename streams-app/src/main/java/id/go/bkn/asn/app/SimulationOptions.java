package id.go.bkn.asn.app;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The simulator's options, shared by {@code demo} and {@code simulate}. */
final class SimulationOptions {

  /** The calendar of the contract: Asia/Jakarta (WIB). */
  static final java.time.ZoneId WIB = java.time.ZoneId.of("Asia/Jakarta");

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "200",
      description = "Events per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--speed",
      paramLabel = "X",
      defaultValue = "1",
      description =
          "Simulated time runs X times faster than the wall clock from --from up to the present,"
              + " then at wall-clock pace (default ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "Start of simulated time (default: the Friday on or before eight weeks ago).")
  LocalDate from;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "20261128",
      description = "Random seed; the same seed gives the same events (default ${DEFAULT-VALUE}).")
  long seed;

  /** The simulator's settings from these options, with this rate of each kind of bad input. */
  id.go.bkn.asn.simulator.SimulationConfig config(final double badInputRate) {
    try {
      id.go.bkn.asn.simulator.SimulationConfig config =
          id.go.bkn.asn.simulator.SimulationConfig.defaults(java.time.Clock.systemUTC())
              .withSeed(seed)
              .withSpeed(speed)
              .withRate(rate)
              .withBadInput(id.go.bkn.asn.simulator.BadInputRates.uniform(badInputRate));
      if (from != null) {
        config = config.withFrom(from.atStartOfDay(WIB).toInstant());
      }
      return config;
    } catch (final IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** Stops with a message when a value is out of range. */
  void validate() {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new UserError("--rate must be a positive number of events per second, got " + rate);
    }
    if (!(speed >= 1) || Double.isInfinite(speed)) {
      throw new UserError("--speed must be 1 or more, got " + speed);
    }
    if (from != null && from.isAfter(LocalDate.now(WIB))) {
      throw new UserError("--from must not be in the future, got " + from);
    }
  }
}
