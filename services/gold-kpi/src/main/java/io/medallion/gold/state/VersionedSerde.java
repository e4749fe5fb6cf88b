package io.medallion.gold.state;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * A compact binary serde for gold-kpi's internal records (repartition topics, stores and their
 * changelogs), never read outside this service. Every value starts with a format version byte
 * so a later version can read what an earlier one wrote; numbers are big-endian, which keeps
 * the byte order of store keys equal to their numeric order.
 */
public final class VersionedSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** Writes and reads the body after the version byte; the topic is passed to nested serdes. */
    public interface Codec<T> {
        void write(String topic, T value, DataOutputStream out) throws IOException;

        T read(String topic, DataInputStream in) throws IOException;
    }

    static final byte FORMAT_V1 = 1;

    private final String typeName;
    private final Codec<T> codec;

    public VersionedSerde(String typeName, Codec<T> codec) {
        this.typeName = typeName;
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT_V1);
            codec.write(topic, value, out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot encode " + typeName + " for " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != FORMAT_V1) {
                throw new SerializationException("unknown " + typeName + " format version " + version + " on " + topic);
            }
            T value = codec.read(topic, in);
            if (in.available() > 0) {
                throw new SerializationException(in.available() + " trailing bytes after " + typeName + " on " + topic);
            }
            return value;
        } catch (IOException e) {
            throw new SerializationException("cannot decode " + typeName + " from " + topic, e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
