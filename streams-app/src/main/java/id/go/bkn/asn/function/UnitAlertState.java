package id.go.bkn.asn.function;

import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AlertEvaluator} remembers about one unit between closed weeks: the last week it
 * evaluated (so a replayed week changes nothing), how many closed weeks in a row had no attendance,
 * and the open (FIRING) alert of each rule with its alertId and severity. A rule absent from {@code
 * open} is not firing. It holds no personal data. {@link #toBytes()} and {@link #fromBytes(byte[])}
 * give a versioned binary form for a state store.
 *
 * @param lastWeekStart start of the last evaluated week, or null before the first
 * @param silentWeeks closed weeks in a row without any attendance, up to the last evaluated one
 * @param open the open alert of each firing rule
 */
public record UnitAlertState(
    Instant lastWeekStart, int silentWeeks, Map<AlertRule, OpenAlert> open) {

  /** The state of a unit never evaluated. */
  public static final UnitAlertState INITIAL = new UnitAlertState(null, 0, Map.of());

  private static final byte FORMAT_VERSION = 1;

  /** Copies {@code open} into an unmodifiable map in rule order, so equal states encode equally. */
  public UnitAlertState {
    if (silentWeeks < 0) {
      throw new IllegalArgumentException("silentWeeks must not be negative: " + silentWeeks);
    }
    final EnumMap<AlertRule, OpenAlert> copy = new EnumMap<>(AlertRule.class);
    copy.putAll(Objects.requireNonNull(open, "open"));
    open = Collections.unmodifiableMap(copy);
  }

  /** The open alert of a rule, if it is firing. */
  public Optional<OpenAlert> openAlert(final AlertRule rule) {
    return Optional.ofNullable(open.get(rule));
  }

  /** Whether the rule is firing for this unit. */
  public boolean isFiring(final AlertRule rule) {
    return open.containsKey(rule);
  }

  /** The versioned binary form of this state. */
  public byte[] toBytes() {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeBoolean(lastWeekStart != null);
      out.writeLong(lastWeekStart == null ? 0L : lastWeekStart.toEpochMilli());
      out.writeInt(silentWeeks);
      out.writeInt(open.size());
      for (final Map.Entry<AlertRule, OpenAlert> entry : open.entrySet()) {
        out.writeUTF(entry.getKey().name());
        out.writeUTF(entry.getValue().alertId());
        out.writeUTF(entry.getValue().severity().name());
        out.writeLong(entry.getValue().startedWeek().toEpochMilli());
      }
    } catch (final IOException e) {
      // A ByteArrayOutputStream does not fail; this is only the checked signature.
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The state encoded by {@link #toBytes()}.
   *
   * @throws IllegalArgumentException when the bytes are not such a state
   */
  public static UnitAlertState fromBytes(final byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      final byte version = in.readByte();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException("unknown alert state format version " + version);
      }
      final boolean hasLastWeek = in.readBoolean();
      final long lastWeekMillis = in.readLong();
      final int silentWeeks = in.readInt();
      final int count = in.readInt();
      final Map<AlertRule, OpenAlert> open = new EnumMap<>(AlertRule.class);
      for (int i = 0; i < count; i++) {
        final AlertRule rule = AlertRule.valueOf(in.readUTF());
        final String alertId = in.readUTF();
        final Severity severity = Severity.valueOf(in.readUTF());
        final Instant startedWeek = Instant.ofEpochMilli(in.readLong());
        open.put(rule, new OpenAlert(alertId, severity, startedWeek));
      }
      return new UnitAlertState(
          hasLastWeek ? Instant.ofEpochMilli(lastWeekMillis) : null, silentWeeks, open);
    } catch (final IOException e) {
      throw new IllegalArgumentException("truncated alert state", e);
    }
  }

  /**
   * One firing alert.
   *
   * @param alertId unitId|RULE|start date of the week it started
   * @param severity its current severity
   * @param startedWeek start of the week it started in
   */
  public record OpenAlert(String alertId, Severity severity, Instant startedWeek) {

    /** Checks all parts are present. */
    public OpenAlert {
      Objects.requireNonNull(alertId, "alertId");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(startedWeek, "startedWeek");
    }
  }
}
