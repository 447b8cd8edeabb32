package id.go.bkn.asn.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * How one of the app's HTTP servers (the metrics, health and API port; the embedded schema
 * registry) is protected: TLS from a PKCS12 or JKS key store, and HTTP basic auth, each optional.
 * {@link #createServer} gives a server on which every context created, now or by a later change,
 * asks for the credentials, except the paths named open (e.g. {@code /health/live}). The TLS and
 * the basic auth are the JDK's ({@link HttpsServer}, {@link BasicAuthenticator}); only the
 * constant-time credential check is ours.
 *
 * @param tls the server's TLS context, or null for plain HTTP
 * @param user the basic-auth user, or null for no authentication
 * @param password the basic-auth password (null exactly when user is)
 * @param openPaths context paths served without credentials
 */
public record HttpSecurity(SSLContext tls, String user, String password, Set<String> openPaths) {

  /** Plain HTTP, no authentication: the demo's default on 127.0.0.1. */
  public static final HttpSecurity NONE = new HttpSecurity(null, null, null, Set.of());

  /** The realm browsers and Prometheus see. */
  static final String REALM = "asn-pipeline";

  public HttpSecurity {
    openPaths = Set.copyOf(openPaths);
    if ((user == null) != (password == null)) {
      throw new IllegalArgumentException("basic auth needs both a user and a password");
    }
    if (user != null && (user.isBlank() || user.contains(":") || password.isEmpty())) {
      throw new IllegalArgumentException(
          "the basic-auth user must be non-empty without ':' and the password non-empty");
    }
  }

  /**
   * TLS from a key store and, when {@code userInfo} is not null, basic auth with its {@code
   * user:password}.
   *
   * @param keyStore the key store file, or null for plain HTTP
   * @param keyStorePassword its password (also the key's)
   * @param userInfo {@code user:password}, or null
   * @param openPaths context paths served without credentials
   * @throws IllegalArgumentException with a message naming the file or setting when a store is
   *     missing or unreadable, its password wrong, or the user info malformed
   */
  public static HttpSecurity of(
      final Path keyStore,
      final String keyStorePassword,
      final String userInfo,
      final Set<String> openPaths) {
    final SSLContext tls = keyStore == null ? null : serverContext(keyStore, keyStorePassword);
    if (userInfo == null) {
      return new HttpSecurity(tls, null, null, openPaths);
    }
    final int colon = userInfo.indexOf(':');
    if (colon < 1 || colon == userInfo.length() - 1) {
      throw new IllegalArgumentException("the basic-auth user info must be user:password");
    }
    return new HttpSecurity(
        tls, userInfo.substring(0, colon), userInfo.substring(colon + 1), openPaths);
  }

  /** Whether the server speaks TLS. */
  public boolean https() {
    return tls != null;
  }

  /** Whether requests need credentials. */
  public boolean authenticates() {
    return user != null;
  }

  /** An HTTP or HTTPS server on {@code address} whose contexts ask for the credentials. */
  public HttpServer createServer(final InetSocketAddress address) throws IOException {
    JdkHttpServers.noDelay();
    final HttpServer server;
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      final HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    return authenticates() ? new AuthenticatingHttpServer(server, this) : server;
  }

  /** The authenticator of a context, or null when its path is open. */
  Authenticator authenticatorFor(final String path) {
    if (!authenticates() || openPaths.contains(path)) {
      return null;
    }
    final byte[] expectedUser = user.getBytes(StandardCharsets.UTF_8);
    final byte[] expectedPassword = password.getBytes(StandardCharsets.UTF_8);
    return new BasicAuthenticator(REALM, StandardCharsets.UTF_8) {
      @Override
      public boolean checkCredentials(final String givenUser, final String givenPassword) {
        // Both compared in full and in constant time, so timing tells nothing about either.
        final boolean userOk =
            MessageDigest.isEqual(expectedUser, givenUser.getBytes(StandardCharsets.UTF_8));
        final boolean passwordOk =
            MessageDigest.isEqual(expectedPassword, givenPassword.getBytes(StandardCharsets.UTF_8));
        return userOk & passwordOk;
      }
    };
  }

  /** A server TLS context from a key store, with a message saying what to fix when it fails. */
  public static SSLContext serverContext(final Path keyStore, final String password) {
    Objects.requireNonNull(keyStore, "keyStore");
    final char[] secret = password == null ? new char[0] : password.toCharArray();
    try {
      final KeyStore store = KeyStore.getInstance(typeOf(keyStore));
      try (InputStream in = Files.newInputStream(keyStore)) {
        store.load(in, secret);
      }
      final KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, secret);
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (final NoSuchFileException e) {
      throw new IllegalArgumentException("the key store " + keyStore + " does not exist", e);
    } catch (final IOException e) {
      // KeyStore.load reports a wrong password as an IOException whose cause is unrecoverable.
      throw new IllegalArgumentException(
          "the key store "
              + keyStore
              + " cannot be read (wrong password, or not a PKCS12/JKS store): "
              + e.getMessage(),
          e);
    } catch (final GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the key store " + keyStore + " holds no usable key: " + e.getMessage(), e);
    }
  }

  private static String typeOf(final Path keyStore) {
    final String name = keyStore.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".jks") ? "JKS" : "PKCS12";
  }

  @Override
  public String toString() {
    return "HttpSecurity["
        + (https() ? "https" : "http")
        + ", basic auth "
        + (authenticates() ? user + ":[hidden]" : "off")
        + ", open "
        + openPaths
        + "]";
  }
}
