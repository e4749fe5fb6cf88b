package io.medallion.gold.state;

import io.medallion.avro.silver.WebEvent;
import io.medallion.gold.kpi.PartialCounts;
import io.medallion.gold.kpi.UserFlags;
import io.medallion.gold.topology.ShardOutput.CombinerInput;
import io.medallion.gold.topology.ShardOutput.ShardProgress;
import io.medallion.gold.topology.ShardOutput.WindowPartial;
import io.medallion.gold.topology.ShardRecord;
import io.medallion.gold.topology.ShardRecord.ShardedEvent;
import io.medallion.gold.topology.ShardRecord.Watermark;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Serdes of the internal records. Window starts are written with the sign bit flipped so that
 * byte order equals numeric order also before 1970; user ids go last in keys so a window's
 * users share its key as a prefix.
 */
public final class InternalSerdes {

    private static final byte EVENT = 'E';
    private static final byte WATERMARK = 'W';
    private static final byte PARTIAL = 'P';
    private static final byte PROGRESS = 'C';

    private InternalSerdes() {
    }

    /**
     * The by-user topic's values. An event's body is the silver record in the Confluent wire
     * format, written by {@code eventSerde} under {@code eventSubjectTopic}'s subject, so it
     * carries its schema id and survives silver schema evolution while in flight.
     */
    public static Serde<ShardRecord> shardRecord(Serde<WebEvent> eventSerde, String eventSubjectTopic) {
        return new VersionedSerde<>("ShardRecord", new VersionedSerde.Codec<>() {
            @Override
            public void write(String topic, ShardRecord value, DataOutputStream out) throws IOException {
                if (value instanceof ShardedEvent e) {
                    out.writeByte(EVENT);
                    out.writeInt(e.shard());
                    writeBytes(eventSerde.serializer().serialize(eventSubjectTopic, e.event()), out);
                } else {
                    Watermark w = (Watermark) value;
                    out.writeByte(WATERMARK);
                    out.writeInt(w.shard());
                    writeTime(w.streamTimeMs(), out);
                }
            }

            @Override
            public ShardRecord read(String topic, DataInputStream in) throws IOException {
                byte tag = in.readByte();
                int shard = in.readInt();
                return switch (tag) {
                    case EVENT -> new ShardedEvent(shard, eventSerde.deserializer().deserialize(eventSubjectTopic, readBytes(in)));
                    case WATERMARK -> new Watermark(shard, readTime(in));
                    default -> throw new SerializationException("unknown shard record tag " + tag);
                };
            }
        });
    }

    /** The partials topic's values. */
    public static Serde<CombinerInput> combinerInput() {
        return new VersionedSerde<>("CombinerInput", new VersionedSerde.Codec<>() {
            @Override
            public void write(String topic, CombinerInput value, DataOutputStream out) throws IOException {
                if (value instanceof WindowPartial p) {
                    out.writeByte(PARTIAL);
                    out.writeInt(p.shard());
                    writeTime(p.windowStartMs(), out);
                    writeCounts(p.counts(), out);
                } else {
                    ShardProgress p = (ShardProgress) value;
                    out.writeByte(PROGRESS);
                    out.writeInt(p.shard());
                    writeTime(p.closedBeforeMs(), out);
                }
            }

            @Override
            public CombinerInput read(String topic, DataInputStream in) throws IOException {
                byte tag = in.readByte();
                int shard = in.readInt();
                return switch (tag) {
                    case PARTIAL -> new WindowPartial(shard, readTime(in), readCounts(in));
                    case PROGRESS -> new ShardProgress(shard, readTime(in));
                    default -> throw new SerializationException("unknown combiner input tag " + tag);
                };
            }
        });
    }

    public static Serde<ShardClock> shardClock() {
        return new VersionedSerde<>("ShardClock", new VersionedSerde.Codec<>() {
            @Override
            public void write(String topic, ShardClock value, DataOutputStream out) throws IOException {
                writeTime(value.streamTimeMs(), out);
                writeTime(value.closedBeforeMs(), out);
            }

            @Override
            public ShardClock read(String topic, DataInputStream in) throws IOException {
                return new ShardClock(readTime(in), readTime(in));
            }
        });
    }

    public static Serde<PartialCounts> partialCounts() {
        return new VersionedSerde<>("PartialCounts", new VersionedSerde.Codec<>() {
            @Override
            public void write(String topic, PartialCounts value, DataOutputStream out) throws IOException {
                writeCounts(value, out);
            }

            @Override
            public PartialCounts read(String topic, DataInputStream in) throws IOException {
                return readCounts(in);
            }
        });
    }

    public static Serde<CombinedWindow> combinedWindow() {
        return new VersionedSerde<>("CombinedWindow", new VersionedSerde.Codec<>() {
            @Override
            public void write(String topic, CombinedWindow value, DataOutputStream out) throws IOException {
                writeCounts(value.counts(), out);
                out.writeInt(value.partials());
            }

            @Override
            public CombinedWindow read(String topic, DataInputStream in) throws IOException {
                return new CombinedWindow(readCounts(in), in.readInt());
            }
        });
    }

    public static Serde<UserFlags> userFlags() {
        return new VersionedSerde<>("UserFlags", new VersionedSerde.Codec<>() {
            @Override
            public void write(String topic, UserFlags value, DataOutputStream out) throws IOException {
                out.writeByte(value.toByte());
            }

            @Override
            public UserFlags read(String topic, DataInputStream in) throws IOException {
                return UserFlags.fromByte(in.readByte());
            }
        });
    }

    /** Window start as a store key of the combiner, in numeric order. */
    public static Serde<Long> windowStartKey() {
        return new VersionedSerde<>("WindowStart", new VersionedSerde.Codec<>() {
            @Override
            public void write(String topic, Long value, DataOutputStream out) throws IOException {
                writeTime(value, out);
            }

            @Override
            public Long read(String topic, DataInputStream in) throws IOException {
                return readTime(in);
            }
        });
    }

    public static Serde<ShardWindowKey> shardWindowKey() {
        return new VersionedSerde<>("ShardWindowKey", new VersionedSerde.Codec<>() {
            @Override
            public void write(String topic, ShardWindowKey value, DataOutputStream out) throws IOException {
                out.writeInt(value.shard());
                writeTime(value.windowStartMs(), out);
            }

            @Override
            public ShardWindowKey read(String topic, DataInputStream in) throws IOException {
                return new ShardWindowKey(in.readInt(), readTime(in));
            }
        });
    }

    public static Serde<ShardWindowUserKey> shardWindowUserKey() {
        return new VersionedSerde<>("ShardWindowUserKey", new VersionedSerde.Codec<>() {
            @Override
            public void write(String topic, ShardWindowUserKey value, DataOutputStream out) throws IOException {
                out.writeInt(value.shard());
                writeTime(value.windowStartMs(), out);
                out.write(value.userId().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public ShardWindowUserKey read(String topic, DataInputStream in) throws IOException {
                int shard = in.readInt();
                long windowStart = readTime(in);
                return new ShardWindowUserKey(shard, windowStart, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
    }

    private static void writeTime(long epochMs, DataOutputStream out) throws IOException {
        out.writeLong(epochMs ^ Long.MIN_VALUE);
    }

    private static long readTime(DataInputStream in) throws IOException {
        return in.readLong() ^ Long.MIN_VALUE;
    }

    private static void writeBytes(byte[] bytes, DataOutputStream out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new SerializationException("corrupt length " + length);
        }
        return in.readNBytes(length);
    }

    private static void writeCounts(PartialCounts c, DataOutputStream out) throws IOException {
        out.writeLong(c.events());
        out.writeLong(c.pageViews());
        out.writeLong(c.addToCarts());
        out.writeLong(c.orders());
        out.writeInt(c.gmv().scale());
        writeBytes(c.gmv().unscaledValue().toByteArray(), out);
        out.writeLong(c.viewUsers());
        out.writeLong(c.purchaseUsers());
        out.writeLong(c.activeUsers());
    }

    private static PartialCounts readCounts(DataInputStream in) throws IOException {
        long events = in.readLong();
        long pageViews = in.readLong();
        long addToCarts = in.readLong();
        long orders = in.readLong();
        int scale = in.readInt();
        BigDecimal gmv = new BigDecimal(new BigInteger(readBytes(in)), scale);
        long viewUsers = in.readLong();
        long purchaseUsers = in.readLong();
        long activeUsers = in.readLong();
        return new PartialCounts(events, pageViews, addToCarts, orders, gmv, viewUsers, purchaseUsers, activeUsers);
    }
}
