package id.go.bkn.asn.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts plain JSON (field names as in the schema, no Avro union wrappers) into an Avro record of
 * a given schema. Avro's own JSON decoder expects Avro's JSON encoding ({@code {"string": "x"}} for
 * unions), which is not what people or other systems write, and no maintained library converts
 * plain JSON with ISO-8601 times, so this small converter is written by hand.
 *
 * <p>Times ({@code timestamp-millis}) are ISO-8601 instants with an offset ({@code
 * 2026-11-20T08:00:00+07:00}, {@code 2026-11-20T01:00:00Z}) or epoch milliseconds. Unknown fields
 * are refused, so that a misspelt field name is reported instead of silently dropped.
 */
public final class JsonToAvro {

  private JsonToAvro() {}

  /** The record of {@code schema} that {@code json} describes, or an {@link InvalidJson}. */
  public static GenericRecord convert(final JsonNode json, final Schema schema) {
    return record(json, schema, "");
  }

  private static GenericRecord record(final JsonNode json, final Schema schema, final String path) {
    if (!json.isObject()) {
      throw new InvalidJson(where(path) + "expected a JSON object, got " + kind(json));
    }
    final Set<String> known = new HashSet<>();
    final GenericData.Record record = new GenericData.Record(schema);
    for (final Schema.Field field : schema.getFields()) {
      known.add(field.name());
      final JsonNode value = json.get(field.name());
      final String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
      if (value == null) {
        if (!field.hasDefaultValue()) {
          throw new InvalidJson("missing required field '" + fieldPath + "'");
        }
        record.put(field.pos(), GenericData.get().getDefaultValue(field));
      } else {
        record.put(field.pos(), value(value, field.schema(), fieldPath));
      }
    }
    final Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
    final List<String> unknown = new ArrayList<>();
    while (fields.hasNext()) {
      final String name = fields.next().getKey();
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidJson(
          where(path) + "unknown field(s) " + unknown + " for record " + schema.getName());
    }
    return record;
  }

  private static Object value(final JsonNode json, final Schema schema, final String path) {
    switch (schema.getType()) {
      case UNION:
        return union(json, schema, path);
      case NULL:
        if (!json.isNull()) {
          throw new InvalidJson(where(path) + "expected null, got " + kind(json));
        }
        return null;
      case RECORD:
        return record(json, schema, path);
      case STRING:
        if (!json.isTextual()) {
          throw new InvalidJson(where(path) + "expected a string, got " + kind(json));
        }
        return json.textValue();
      case ENUM:
        if (!json.isTextual() || !schema.hasEnumSymbol(json.textValue())) {
          throw new InvalidJson(
              where(path) + "expected one of " + schema.getEnumSymbols() + ", got " + json);
        }
        return new GenericData.EnumSymbol(schema, json.textValue());
      case BOOLEAN:
        if (!json.isBoolean()) {
          throw new InvalidJson(where(path) + "expected true or false, got " + kind(json));
        }
        return json.booleanValue();
      case INT:
        if (!json.isIntegralNumber() || !json.canConvertToInt()) {
          throw new InvalidJson(where(path) + "expected a whole number, got " + kind(json));
        }
        return json.intValue();
      case LONG:
        return longValue(json, schema, path);
      case DOUBLE:
      case FLOAT:
        if (!json.isNumber()) {
          throw new InvalidJson(where(path) + "expected a number, got " + kind(json));
        }
        return schema.getType() == Schema.Type.DOUBLE ? json.doubleValue() : json.floatValue();
      default:
        throw new InvalidJson(where(path) + "Avro type " + schema.getType() + " is not supported");
    }
  }

  private static Object union(final JsonNode json, final Schema schema, final String path) {
    if (json.isNull()) {
      if (schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL)) {
        return null;
      }
      throw new InvalidJson(where(path) + "must not be null");
    }
    InvalidJson last = null;
    for (final Schema branch : schema.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        continue;
      }
      try {
        return value(json, branch, path);
      } catch (final InvalidJson e) {
        last = e;
      }
    }
    throw last != null ? last : new InvalidJson(where(path) + "no branch of the union fits");
  }

  private static Object longValue(final JsonNode json, final Schema schema, final String path) {
    final LogicalType logical = schema.getLogicalType();
    final boolean isTime = logical instanceof LogicalTypes.TimestampMillis;
    if (json.isIntegralNumber() && json.canConvertToLong()) {
      return json.longValue();
    }
    if (isTime && json.isTextual()) {
      try {
        final Instant instant = OffsetDateTime.parse(json.textValue()).toInstant();
        return instant.toEpochMilli();
      } catch (final DateTimeParseException e) {
        throw new InvalidJson(
            where(path)
                + "expected an ISO-8601 time with an offset (2026-11-20T08:00:00+07:00)"
                + " or epoch milliseconds, got "
                + json);
      }
    }
    throw new InvalidJson(
        where(path)
            + (isTime
                ? "expected an ISO-8601 time or epoch milliseconds"
                : "expected a whole number")
            + ", got "
            + kind(json));
  }

  private static String where(final String path) {
    return path.isEmpty() ? "" : "field '" + path + "': ";
  }

  private static String kind(final JsonNode json) {
    if (json.isTextual()) {
      return "the string \"" + json.textValue() + "\"";
    }
    return json.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + json;
  }

  /** The JSON does not describe a valid record of the schema; the message says where and why. */
  public static final class InvalidJson extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidJson(final String message) {
      super(message);
    }
  }
}
