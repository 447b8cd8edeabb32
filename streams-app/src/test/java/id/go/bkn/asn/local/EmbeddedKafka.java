package id.go.bkn.asn.local;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against one {@link EmbeddedKafkaBroker} on free ports, with its
 * data in a temporary directory deleted afterwards. Declare a parameter of type {@link
 * EmbeddedKafkaBroker} on a test method, a {@code @BeforeAll}/{@code @BeforeEach} method or the
 * constructor to get it:
 *
 * <pre>{@code
 * @EmbeddedKafka
 * class MyFlowIT {
 *   @Test
 *   void shouldDoXWhenY(final EmbeddedKafkaBroker kafka) {
 *     try (Admin admin = KafkaTestClients.admin(kafka)) { ... }
 *   }
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EmbeddedKafkaExtension.class)
public @interface EmbeddedKafka {
  /**
   * Extra broker properties as {@code key=value}, e.g. {@code
   * "log.retention.check.interval.ms=1000"}.
   */
  String[] brokerProperties() default {};
}
