package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.serde.InternalAvroSerde;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a tree task still has to do after its clock moved, kept in {@code tree-inbox} so that the
 * work is spread over many process and punctuate calls (each transaction stays short, however large
 * the trees) and a restart resumes it where the last commit left it:
 *
 * <ul>
 *   <li>{@code M|sequence} -> a message that arrived while a close was under way (record key,
 *       timestamp and the message), handled in arrival order once the close is done: every message
 *       sees the state a close left, as when a close was one call;
 *   <li>{@code P|kind} -> how far the close of the kind's first unclosed window (DAY, WEEK) or year
 *       (YEAR) got: a phase letter and the last key done.
 * </ul>
 */
final class Inbox {

  private static final String MESSAGE = "M" + TreeKeys.SEP;
  private static final String PROGRESS = "P" + TreeKeys.SEP;
  private static final Serde<TreeMessage> MESSAGES = new InternalAvroSerde<>(TreeMessage.class);
  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, byte[]> store;
  private long head;
  private long tail;

  /** The inbox over its store; finds the queued messages' first and last sequence numbers. */
  Inbox(final KeyValueStore<String, byte[]> store) {
    this.store = store;
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(MESSAGE, KEYS)) {
      head = it.hasNext() ? sequenceOf(it.next().key) : 0L;
    }
    try (KeyValueIterator<String, byte[]> it = store.reverseRange(MESSAGE, MESSAGE + "~")) {
      tail = it.hasNext() ? sequenceOf(it.next().key) + 1 : head;
    }
  }

  /** Whether no message waits. */
  boolean isEmpty() {
    return head == tail;
  }

  /** Appends a message to handle later. */
  void add(final Record<String, TreeMessage> record) {
    store.put(messageKey(tail), encode(record));
    tail++;
  }

  /** Takes the oldest message waiting, or null when none. */
  Record<String, TreeMessage> poll() {
    if (isEmpty()) {
      return null;
    }
    final String key = messageKey(head);
    final byte[] bytes = store.get(key);
    store.delete(key);
    head++;
    return bytes == null ? null : decode(bytes);
  }

  /** How far the close of a kind got, or null when none is under way. */
  String progress(final String kind) {
    final byte[] value = store.get(PROGRESS + kind);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** Records how far the close of a kind got. */
  void setProgress(final String kind, final String progress) {
    store.put(PROGRESS + kind, progress.getBytes(StandardCharsets.UTF_8));
  }

  /** The close of a kind is done. */
  void clearProgress(final String kind) {
    store.delete(PROGRESS + kind);
  }

  /** Whether any close is under way (after a restart: its batch's snapshot must be reloaded). */
  boolean anyProgress() {
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(PROGRESS, KEYS)) {
      return it.hasNext();
    }
  }

  private static String messageKey(final long sequence) {
    return MESSAGE + String.format(Locale.ROOT, "%020d", sequence);
  }

  private static long sequenceOf(final String key) {
    return Long.parseLong(key.substring(MESSAGE.length()));
  }

  private static byte[] encode(final Record<String, TreeMessage> record) {
    final byte[] message = MESSAGES.serializer().serialize(null, record.value());
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length + 32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      StateSerde.writeNullable(out, record.key());
      out.writeLong(record.timestamp());
      out.writeInt(message.length);
      out.write(message);
    } catch (final IOException e) {
      throw new SerializationException("Cannot encode a waiting tree message", e);
    }
    return bytes.toByteArray();
  }

  private static Record<String, TreeMessage> decode(final byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      final String key = StateSerde.readNullable(in);
      final long timestamp = in.readLong();
      final byte[] message = new byte[in.readInt()];
      in.readFully(message);
      return new Record<>(
          key,
          MESSAGES.deserializer().deserialize(TreeStores.INBOX, message),
          timestamp,
          new RecordHeaders());
    } catch (final IOException e) {
      throw new SerializationException("Cannot decode a waiting tree message", e);
    }
  }
}
