package id.go.bkn.asn.serde;

import id.go.bkn.asn.registry.RegistryClientConfig;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's own settings, read from Kafka-style configs with the keys of Confluent's Avro serde
 * so the same properties drive either: whether to register schemas, whether to write with the
 * subject's latest version, whether to read into generated classes. The registry connection itself
 * is {@link RegistryClientConfig}.
 *
 * @param autoRegister register a record's schema on first use ({@code auto.register.schemas},
 *     default true); when false the schema must already be registered
 * @param useLatestVersion write with the subject's latest schema instead of the record's ({@code
 *     use.latest.version}, default false)
 * @param removeJavaProperties register schemas without the Java-only {@code avro.java.string}
 *     property that generated classes carry ({@code avro.remove.java.properties}); default true
 *     here (Confluent: false) so the registry holds the same schema a producer in any language
 *     registers from the .avsc, under one id
 * @param specificReader read into the generated class named by the writer schema ({@code
 *     specific.avro.reader}, default false: GenericRecord)
 * @param specificKeyType the generated class of keys ({@code specific.avro.key.type}), or null
 * @param specificValueType the generated class of values ({@code specific.avro.value.type}), or
 *     null
 */
public record AvroSerdeConfig(
    boolean autoRegister,
    boolean useLatestVersion,
    boolean removeJavaProperties,
    boolean specificReader,
    String specificKeyType,
    String specificValueType) {

  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String REMOVE_JAVA_PROPERTIES = "avro.remove.java.properties";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
  public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";

  /** The defaults: register on first use, write with the record's schema, generic reads. */
  public static AvroSerdeConfig defaults() {
    return new AvroSerdeConfig(true, false, true, false, null, null);
  }

  /** Parses the serde's keys; others are ignored. */
  public static AvroSerdeConfig fromMap(final Map<String, ?> configs) {
    return new AvroSerdeConfig(
        bool(configs, AUTO_REGISTER_SCHEMAS, true),
        bool(configs, USE_LATEST_VERSION, false),
        bool(configs, REMOVE_JAVA_PROPERTIES, true),
        bool(configs, SPECIFIC_AVRO_READER, false),
        string(configs, SPECIFIC_AVRO_KEY_TYPE),
        string(configs, SPECIFIC_AVRO_VALUE_TYPE));
  }

  private static boolean bool(final Map<String, ?> configs, final String key, final boolean def) {
    final Object value = configs.get(key);
    if (value == null) {
      return def;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    final String text = value.toString().trim().toLowerCase(Locale.ROOT);
    if ("true".equals(text) || "false".equals(text)) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(key, value, "must be true or false");
  }

  private static String string(final Map<String, ?> configs, final String key) {
    final Object value = configs.get(key);
    if (value instanceof Class<?> type) {
      return type.getName();
    }
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
