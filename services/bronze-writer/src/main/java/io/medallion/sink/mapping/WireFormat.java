package io.medallion.sink.mapping;

/** The Confluent wire format's header: magic byte 0, then the schema id as a big-endian int. */
public final class WireFormat {

    private WireFormat() {
    }

    /**
     * @throws IllegalArgumentException when the bytes are not in the wire format
     */
    public static int schemaId(byte[] value) {
        if (value == null || value.length < 5) {
            throw new IllegalArgumentException("not in the Confluent wire format: "
                    + (value == null ? "no value" : value.length + " bytes, fewer than the 5-byte header"));
        }
        if (value[0] != 0) {
            throw new IllegalArgumentException("not in the Confluent wire format: magic byte is " + value[0] + ", not 0");
        }
        return ((value[1] & 0xFF) << 24) | ((value[2] & 0xFF) << 16) | ((value[3] & 0xFF) << 8) | (value[4] & 0xFF);
    }
}
