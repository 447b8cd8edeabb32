package id.go.bkn.asn.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Hides secrets before settings are logged: any key that names a password, secret or JAAS. */
public final class Redaction {

  private static final String HIDDEN = "[hidden]";

  private Redaction() {}

  /** A copy of the settings, sorted, with secret values replaced. */
  public static Map<String, String> redact(final Map<String, ?> settings) {
    final Map<String, String> shown = new TreeMap<>();
    settings.forEach((k, v) -> shown.put(k, isSecret(k) ? HIDDEN : String.valueOf(v)));
    return shown;
  }

  /** Whether the value of this key must never be logged. */
  public static boolean isSecret(final String key) {
    final String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.contains("secret")
        || k.contains("jaas")
        || k.contains("user.info")
        || k.contains("credentials")
        || k.endsWith(".key");
  }
}
