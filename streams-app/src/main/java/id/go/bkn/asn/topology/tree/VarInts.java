package id.go.bkn.asn.topology.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Variable-length integers for the tree stage's state codecs, in seven-bit groups, low group first
 * (the form of protobuf's varints): small counts take one byte. Written here because the state
 * codecs are plain {@link DataOutputStream}s and the format is a dozen lines.
 */
final class VarInts {

  private VarInts() {}

  /** Writes a value that is never negative (refused with an IOException when it is). */
  static void writeUnsigned(final DataOutputStream out, final long value) throws IOException {
    if (value < 0) {
      throw new IOException("negative value " + value + " where none is possible");
    }
    writeRaw(out, value);
  }

  /** Reads a value written by {@link #writeUnsigned}. */
  static long readUnsigned(final DataInputStream in) throws IOException {
    long value = 0L;
    for (int shift = 0; shift < 64; shift += 7) {
      final int b = in.readUnsignedByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed variable-length integer");
  }

  /** Writes any value, zigzag-encoded: small negative values take one byte too. */
  static void writeSigned(final DataOutputStream out, final long value) throws IOException {
    writeRaw(out, (value << 1) ^ (value >> 63));
  }

  /** Reads a value written by {@link #writeSigned}. */
  static long readSigned(final DataInputStream in) throws IOException {
    final long raw = readUnsigned(in);
    return (raw >>> 1) ^ -(raw & 1);
  }

  private static void writeRaw(final DataOutputStream out, final long value) throws IOException {
    long rest = value;
    while ((rest & ~0x7FL) != 0L) {
      out.writeByte((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.writeByte((int) rest);
  }
}
