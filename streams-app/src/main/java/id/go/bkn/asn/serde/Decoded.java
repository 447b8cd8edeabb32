package id.go.bkn.asn.serde;

import java.util.Arrays;
import java.util.Objects;

/**
 * A decoded record together with the bytes it was decoded from, so that a topology can still set
 * the original bytes aside (dead letters, late events) after it has looked inside the record.
 *
 * @param value the decoded record
 * @param original the bytes as they were on the topic
 * @param <T> the record type
 */
public record Decoded<T>(T value, byte[] original) {

  public Decoded {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(original, "original");
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Decoded<?> other
        && value.equals(other.value)
        && Arrays.equals(original, other.original);
  }

  @Override
  public int hashCode() {
    return 31 * value.hashCode() + Arrays.hashCode(original);
  }

  @Override
  public String toString() {
    // Never the payload: records hold personal data.
    return "Decoded[" + value.getClass().getSimpleName() + ", " + original.length + " bytes]";
  }
}
