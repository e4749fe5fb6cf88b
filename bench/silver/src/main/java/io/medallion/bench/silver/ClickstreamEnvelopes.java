package io.medallion.bench.silver;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic {@code cdc.shop.web_events} change envelopes (cdc-envelope.md), as the tracker and
 * cdc-capture produce them: mostly page views, some carts and purchases, events a little out of
 * order, a share of tracker retries (same event id, new row) and a share of invalid rows.
 * Deterministic for a seed.
 */
final class ClickstreamEnvelopes {

    private static final String[] COUNTRIES = {"DE", "FR", "NL", "BE", "ES", "IT", "PL", "SE", "GB", "US"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "GBP"};
    private static final String[] DEVICES = {"mobile", "mobile", "desktop", "tablet"};
    private static final String[] CAMPAIGNS = {null, null, null, "summer-sale", "newsletter", "retargeting"};

    static final Schema KEY = SchemaBuilder.record("Key").namespace("cdc.shop.web_events").fields()
            .requiredLong("id").endRecord();
    static final Schema ROW = SchemaBuilder.record("Value").namespace("cdc.shop.web_events").fields()
            .requiredLong("id")
            .optionalString("event_id").optionalString("user_id").optionalString("product_id").optionalString("event_type")
            .optionalString("price").optionalInt("quantity").optionalString("currency")
            .name("ts").type().unionOf().nullType().and().type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))
            .endUnion().nullDefault()
            .optionalString("country").optionalString("device").optionalString("campaign")
            .endRecord();
    private static final Schema SOURCE = SchemaBuilder.record("Source").namespace("io.medallion.cdc").fields()
            .requiredString("db").requiredString("schema").requiredString("table")
            .optionalLong("lsn").optionalLong("tx_id").requiredLong("ts_ms").requiredString("snapshot")
            .endRecord();
    static final Schema ENVELOPE = SchemaBuilder.record("Envelope").namespace("cdc.shop.web_events").fields()
            .name("before").type().unionOf().nullType().and().type(ROW).endUnion().nullDefault()
            .name("after").type().unionOf().nullType().and().type(ROW).endUnion().nullDefault()
            .name("source").type(SOURCE).noDefault()
            .requiredString("op")
            .optionalLong("ts_ms")
            .endRecord();

    private final Random random;
    private final int products;
    private final double duplicateShare;
    private final double invalidShare;
    private final Instant start;
    private final String[] recentIds = new String[1024];
    private long id;
    private long lsn = 0x1_0000_0000L;
    int duplicates;
    int invalid;

    ClickstreamEnvelopes(long seed, int products, double duplicateShare, double invalidShare, Instant start) {
        this.random = new Random(seed);
        this.products = products;
        this.duplicateShare = duplicateShare;
        this.invalidShare = invalidShare;
        this.start = start;
    }

    GenericRecord key() {
        GenericRecord key = new GenericData.Record(KEY);
        key.put("id", id);
        return key;
    }

    /** The next change: advances the row id, so call {@link #key()} after it. */
    GenericRecord next() {
        id++;
        lsn += 40 + random.nextInt(200);
        // One event per millisecond on average, up to 30 s out of order; committed soon after.
        Instant ts = start.plusMillis(id + random.nextInt(30_000) - 15_000);
        Instant committed = start.plusMillis(id + 15_000 + random.nextInt(500));
        GenericRecord row = new GenericData.Record(ROW);
        row.put("id", id);
        String eventId;
        if (id > 1 && random.nextDouble() < duplicateShare) {
            eventId = recentIds[random.nextInt((int) Math.min(id - 1, recentIds.length))];
            duplicates++;
        } else {
            eventId = new UUID(random.nextLong(), random.nextLong()).toString();
            recentIds[(int) (id % recentIds.length)] = eventId;
        }
        row.put("event_id", eventId);
        row.put("user_id", "u-" + random.nextInt(50_000));
        row.put("product_id", Integer.toString(1 + random.nextInt(products)));
        int kind = random.nextInt(100);
        String type = kind < 80 ? "page_view" : kind < 95 ? "add_to_cart" : "purchase";
        row.put("event_type", type);
        row.put("price", (1 + random.nextInt(500)) + "." + String.format("%02d", random.nextInt(100)));
        row.put("quantity", "page_view".equals(type) ? null : 1 + random.nextInt(3));
        row.put("currency", CURRENCIES[random.nextInt(CURRENCIES.length)]);
        row.put("ts", ChronoUnit.MICROS.between(Instant.EPOCH, ts));
        row.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        row.put("device", DEVICES[random.nextInt(DEVICES.length)]);
        row.put("campaign", CAMPAIGNS[random.nextInt(CAMPAIGNS.length)]);
        if (random.nextDouble() < invalidShare) {
            invalid++;
            switch (random.nextInt(3)) {
                case 0 -> row.put("event_type", "click");
                case 1 -> row.put("user_id", null);
                default -> row.put("country", "Germany");
            }
        }
        GenericRecord source = new GenericData.Record(SOURCE);
        source.put("db", "shop");
        source.put("schema", "shop");
        source.put("table", "web_events");
        source.put("lsn", lsn);
        source.put("tx_id", 1_000_000L + id);
        source.put("ts_ms", committed.toEpochMilli());
        source.put("snapshot", "false");
        GenericRecord envelope = new GenericData.Record(ENVELOPE);
        envelope.put("after", row);
        envelope.put("source", source);
        envelope.put("op", "c");
        envelope.put("ts_ms", committed.toEpochMilli() + 3);
        return envelope;
    }
}
