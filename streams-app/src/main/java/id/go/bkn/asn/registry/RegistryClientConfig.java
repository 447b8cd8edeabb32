package id.go.bkn.asn.registry;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach a schema registry, parsed once from Kafka-style client properties with Confluent's
 * keys ({@code schema.registry.url}, {@code basic.auth.*}, {@code schema.registry.ssl.*}) so a
 * config written for Confluent's serializers works unchanged; the timeouts, retries and cache size
 * use the names of Confluent's REST client ({@code http.connect.timeout.ms}, {@code
 * max.retries}...) with defaults suited to a registry on the same network. Secrets never appear in
 * {@link #toString()}.
 *
 * @param urls base URLs of the registry, tried in turn; or a single {@code mock://scope}
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null
 * @param truststore the store of trusted certificates for https, or null for the JDK's
 * @param keystore the client's own key for mutual TLS, or null
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for one answer
 * @param maxRetries retries after the first attempt, on I/O errors, 5xx and 429 only
 * @param initialBackoff the wait before the first retry; doubled at each retry
 * @param maxBackoff the longest wait between two attempts
 * @param cacheCapacity entries kept by each cache of {@link CachingSchemaRegistryClient}
 */
public record RegistryClientConfig(
    List<String> urls,
    String basicAuthUserInfo,
    StoreConfig truststore,
    StoreConfig keystore,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    int cacheCapacity) {

  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
  public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
  public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String REQUEST_TIMEOUT_MS = "http.read.timeout.ms";
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRY_BACKOFF_MS = "retries.wait.ms";
  public static final String RETRY_MAX_BACKOFF_MS = "retries.max.wait.ms";
  public static final String CACHE_CAPACITY = "max.schemas.per.subject";

  /** The scheme of in-process registries for tests, as in Confluent's serializers. */
  public static final String MOCK_SCHEME = "mock://";

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int DEFAULT_MAX_RETRIES = 3;
  private static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
  private static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
  private static final int DEFAULT_CACHE_CAPACITY = 1000;
  private static final String DEFAULT_STORE_TYPE = "JKS";

  /**
   * A key or trust store: file, password (kept out of {@link #toString()}), type (JKS, PKCS12).
   *
   * @param keyPassword the password of the private key, for key stores; null means the store's
   */
  public record StoreConfig(String location, String password, String type, String keyPassword) {
    public StoreConfig {
      Objects.requireNonNull(location, "location");
      type = type == null || type.isBlank() ? DEFAULT_STORE_TYPE : type;
    }

    @Override
    public String toString() {
      return "StoreConfig[location=" + location + ", password=[hidden], type=" + type + "]";
    }
  }

  public RegistryClientConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new ConfigException(URL, "", "at least one schema registry URL is required");
    }
    requirePositive(CONNECT_TIMEOUT_MS, connectTimeout);
    requirePositive(REQUEST_TIMEOUT_MS, requestTimeout);
    requirePositive(RETRY_BACKOFF_MS, initialBackoff);
    requirePositive(RETRY_MAX_BACKOFF_MS, maxBackoff);
    if (maxRetries < 0) {
      throw new ConfigException(MAX_RETRIES, maxRetries, "must be 0 or more");
    }
    if (cacheCapacity < 1) {
      throw new ConfigException(CACHE_CAPACITY, cacheCapacity, "must be at least 1");
    }
  }

  /** A config with the defaults for everything but the URL(s). */
  public static RegistryClientConfig of(final String url) {
    return fromMap(Map.of(URL, url));
  }

  /**
   * Parses Kafka-style client properties; values may be strings, numbers or Kafka {@link
   * Password}s. Keys that are not the registry's are ignored, so a whole producer or streams config
   * can be passed.
   *
   * @throws ConfigException naming the key when a value is missing or invalid
   */
  public static RegistryClientConfig fromMap(final Map<String, ?> props) {
    final String urlList = string(props, URL);
    if (urlList == null || urlList.isBlank()) {
      throw new ConfigException(
          URL, urlList, "is required (e.g. http://127.0.0.1:8081, or mock://scope in tests)");
    }
    final List<String> urls =
        Arrays.stream(urlList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    validateUrls(urls);
    return new RegistryClientConfig(
        urls,
        userInfo(props),
        store(props, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, null),
        store(props, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE, KEY_PASSWORD),
        millis(props, CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT),
        millis(props, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT),
        integer(props, MAX_RETRIES, DEFAULT_MAX_RETRIES),
        millis(props, RETRY_BACKOFF_MS, DEFAULT_INITIAL_BACKOFF),
        millis(props, RETRY_MAX_BACKOFF_MS, DEFAULT_MAX_BACKOFF),
        integer(props, CACHE_CAPACITY, DEFAULT_CACHE_CAPACITY));
  }

  /** True when this points at an in-process {@code mock://} scope. */
  public boolean mock() {
    return urls.get(0).startsWith(MOCK_SCHEME);
  }

  /** The scope of a {@code mock://scope} URL. */
  public Optional<String> mockScope() {
    return mock() ? Optional.of(urls.get(0).substring(MOCK_SCHEME.length())) : Optional.empty();
  }

  @Override
  public String toString() {
    return "RegistryClientConfig[urls="
        + urls
        + ", basicAuthUserInfo="
        + (basicAuthUserInfo == null ? "none" : redactedUserInfo())
        + ", truststore="
        + truststore
        + ", keystore="
        + keystore
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", maxRetries="
        + maxRetries
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", cacheCapacity="
        + cacheCapacity
        + "]";
  }

  private String redactedUserInfo() {
    final int colon = basicAuthUserInfo.indexOf(':');
    return (colon < 0 ? basicAuthUserInfo : basicAuthUserInfo.substring(0, colon)) + ":[hidden]";
  }

  private static void validateUrls(final List<String> urls) {
    final boolean anyMock = urls.stream().anyMatch(u -> u.startsWith(MOCK_SCHEME));
    if (anyMock && urls.size() > 1) {
      throw new ConfigException(URL, String.join(",", urls), "mock:// takes exactly one scope");
    }
    for (final String url : urls) {
      final String lower = url.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("http://") && !lower.startsWith("https://") && !anyMock) {
        throw new ConfigException(URL, url, "must start with http://, https:// or mock://");
      }
    }
  }

  private static String userInfo(final Map<String, ?> props) {
    final String source = string(props, BASIC_AUTH_CREDENTIALS_SOURCE);
    final String userInfo = string(props, BASIC_AUTH_USER_INFO);
    if (source == null || source.isBlank()) {
      // Confluent's default source is URL; a user.info given without a source is clearly meant.
      return userInfo == null || userInfo.isBlank() ? null : userInfo;
    }
    return switch (source.trim().toUpperCase(Locale.ROOT)) {
      case "USER_INFO" -> {
        if (userInfo == null || !userInfo.contains(":")) {
          throw new ConfigException(
              BASIC_AUTH_USER_INFO,
              "[hidden]",
              "must be user:password when the source is USER_INFO");
        }
        yield userInfo;
      }
      case "URL" -> null;
      default ->
          throw new ConfigException(
              BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported sources are USER_INFO and URL");
    };
  }

  private static StoreConfig store(
      final Map<String, ?> props,
      final String locationKey,
      final String passwordKey,
      final String typeKey,
      final String keyPasswordKey) {
    final String location = string(props, locationKey);
    if (location == null || location.isBlank()) {
      return null;
    }
    return new StoreConfig(
        location,
        string(props, passwordKey),
        string(props, typeKey),
        keyPasswordKey == null ? null : string(props, keyPasswordKey));
  }

  private static String string(final Map<String, ?> props, final String key) {
    final Object value = props.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Password password) {
      return password.value();
    }
    return value.toString();
  }

  private static int integer(final Map<String, ?> props, final String key, final int fallback) {
    final String value = string(props, key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (final NumberFormatException e) {
      throw new ConfigException(key, value, "must be a whole number");
    }
  }

  private static Duration millis(
      final Map<String, ?> props, final String key, final Duration fallback) {
    final String value = string(props, key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Duration.ofMillis(Long.parseLong(value.trim()));
    } catch (final NumberFormatException e) {
      throw new ConfigException(key, value, "must be a number of milliseconds");
    }
  }

  private static void requirePositive(final String key, final Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new ConfigException(key, duration, "must be positive");
    }
  }
}
