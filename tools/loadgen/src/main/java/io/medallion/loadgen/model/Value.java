package io.medallion.loadgen.model;

import java.time.Duration;

/**
 * Symbolic values in generated rows, resolved only when a batch is written. They keep the
 * generated sequence independent of the database and of the clock: a row names "the 12th order
 * of this run" and "now minus 5 s", the writer turns them into a key and a timestamp.
 */
public sealed interface Value {

    /** The database key of the {@code index}-th row the generator made in (or loaded from) a table. */
    record Ref(ShopTable table, long index) implements Value {
    }

    /** The same key written as text (clickstream's {@code product_id} column is text). */
    record RefText(Ref ref) implements Value {
    }

    /** The moment the batch is written, shifted by an offset (negative: in the past). */
    record Now(Duration offset) implements Value {
        public static final Now NOW = new Now(Duration.ZERO);
    }

    static Ref ref(ShopTable table, long index) {
        return new Ref(table, index);
    }
}
