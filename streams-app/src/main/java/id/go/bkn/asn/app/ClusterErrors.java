package id.go.bkn.asn.app;

import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/** Turns the Kafka client's failures to reach a cluster into one line a user can act on. */
final class ClusterErrors {

  private ClusterErrors() {}

  static <T> T explain(final String bootstrapServers, final Supplier<T> action) {
    try {
      return action.get();
    } catch (final KafkaException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof TimeoutException) {
          throw new UserError(
              "Kafka at "
                  + bootstrapServers
                  + " did not answer in time: check --bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS)"
                  + " and that the cluster is up",
              e);
        }
      }
      throw new UserError("Kafka at " + bootstrapServers + " refused: " + e.getMessage(), e);
    }
  }
}
