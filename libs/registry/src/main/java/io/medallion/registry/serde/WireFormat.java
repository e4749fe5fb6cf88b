package io.medallion.registry.serde;

import io.medallion.registry.serde.WireFormatException.Reason;

/**
 * Confluent's framing: byte 0 is the magic byte 0, bytes 1-4 the schema id (big-endian), then
 * the Avro binary body.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id of a framed message, or a {@link WireFormatException} naming what is wrong. */
    public static int schemaId(String topic, boolean isKey, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new WireFormatException(topic, isKey, Reason.TOO_SHORT, -1,
                    data.length + " bytes, fewer than the " + HEADER_SIZE + "-byte header (magic byte and schema id)", null);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new WireFormatException(topic, isKey, Reason.UNKNOWN_MAGIC_BYTE, -1,
                    String.format("unknown magic byte 0x%02x, expected 0x00: not Confluent wire format", data[0] & 0xff), null);
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }

    /** Writes the 5-byte header into {@code out} at {@code offset}. */
    public static void writeHeader(byte[] out, int offset, int schemaId) {
        out[offset] = MAGIC_BYTE;
        out[offset + 1] = (byte) (schemaId >>> 24);
        out[offset + 2] = (byte) (schemaId >>> 16);
        out[offset + 3] = (byte) (schemaId >>> 8);
        out[offset + 4] = (byte) schemaId;
    }
}
