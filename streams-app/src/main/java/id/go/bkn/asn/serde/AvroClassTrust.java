package id.go.bkn.asn.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Adds packages of generated Avro classes to Avro's class allow-list. Since Avro 1.11.4 Avro only
 * instantiates classes it trusts (java.lang and friends, or what the system properties {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES}/{@code SERIALIZABLE_CLASSES} name), so reading into the
 * generated classes, and even their copy builders, fail with a SecurityException until their
 * package is trusted. The serdes trust the package of each class they are given (a class the
 * application itself chose, so no schema from the wire can widen the list); an application start-up
 * should also trust {@code id.go.bkn.asn.schema} for code that copies records.
 */
public final class AvroClassTrust {
  private static final Set<String> TRUSTED = ConcurrentHashMap.newKeySet();

  private AvroClassTrust() {}

  /** Trusts the package of this class (and so its nested enums and records). */
  public static void trustPackageOf(final Class<?> type) {
    trustPackage(type.getPackageName());
  }

  /** Trusts every class directly in this package; idempotent. */
  public static synchronized void trustPackage(final String packageName) {
    if (!TRUSTED.add(packageName)) {
      return;
    }
    final ClassSecurityValidator.ClassSecurityPredicate previous =
        ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            previous, type -> packageName.equals(type.getPackageName())));
  }
}
