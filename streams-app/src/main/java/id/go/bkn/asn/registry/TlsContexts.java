package id.go.bkn.asn.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the TLS context of the HTTP client from the configured trust and key stores. */
final class TlsContexts {
  private TlsContexts() {}

  /** The JDK's default context when no store is configured, else one from the stores. */
  static SSLContext create(final RegistryClientConfig config) {
    try {
      if (config.truststore() == null && config.keystore() == null) {
        return SSLContext.getDefault();
      }
      final TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(
          config.truststore() == null
              ? null
              : load(config.truststore(), RegistryClientConfig.TRUSTSTORE_LOCATION));
      KeyManagerFactory keys = null;
      if (config.keystore() != null) {
        final RegistryClientConfig.StoreConfig store = config.keystore();
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        final String keyPassword =
            store.keyPassword() != null ? store.keyPassword() : store.password();
        keys.init(
            load(store, RegistryClientConfig.KEYSTORE_LOCATION),
            keyPassword == null ? new char[0] : keyPassword.toCharArray());
      }
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (final GeneralSecurityException e) {
      throw new ConfigException("Cannot set up TLS for the schema registry client: " + e);
    }
  }

  private static KeyStore load(final RegistryClientConfig.StoreConfig store, final String key)
      throws GeneralSecurityException {
    final KeyStore keyStore = KeyStore.getInstance(store.type());
    try (InputStream in = Files.newInputStream(Path.of(store.location()))) {
      keyStore.load(in, store.password() == null ? null : store.password().toCharArray());
      return keyStore;
    } catch (final IOException e) {
      throw new ConfigException(key, store.location(), "cannot be read: " + e.getMessage());
    }
  }
}
