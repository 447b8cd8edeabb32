package id.go.bkn.asn.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * Strips the Java-only {@code avro.java.string} property that avro-maven-plugin puts into generated
 * schemas, giving the schema a producer in any language registers from the same .avsc.
 */
final class JavaProperties {
  private static final String JAVA_STRING = "avro.java.string";
  private static final ObjectMapper JSON = new ObjectMapper();

  private JavaProperties() {}

  static Schema remove(final Schema schema) {
    final String text = schema.toString();
    if (!text.contains(JAVA_STRING)) {
      return schema;
    }
    try {
      final JsonNode tree = JSON.readTree(text);
      strip(tree);
      return new Schema.Parser().parse(JSON.writeValueAsString(tree));
    } catch (final JsonProcessingException e) {
      // Avro's own toString() is valid JSON; if not, registering the schema as it is stays correct.
      return schema;
    }
  }

  private static void strip(final JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(JAVA_STRING);
      object.forEach(JavaProperties::strip);
    } else if (node.isArray()) {
      node.forEach(JavaProperties::strip);
    }
  }
}
