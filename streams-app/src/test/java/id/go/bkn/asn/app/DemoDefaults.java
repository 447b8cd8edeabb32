package id.go.bkn.asn.app;

/** What {@code ./pipeline demo} uses by default, for tests outside this package. */
public final class DemoDefaults {

  /** The demo's --bad-input-rate default, as {@link DemoCommand} declares it. */
  public static final double BAD_INPUT_RATE =
      Double.parseDouble(DemoCommand.DEFAULT_BAD_INPUT_RATE);

  private DemoDefaults() {}
}
