package io.medallion.silver.validate;

import io.medallion.silver.source.ChangeEvent;
import io.medallion.silver.source.Op;
import io.medallion.silver.source.Row;

/**
 * What a rule looks at: the row image of a change, its operation, LSN and source commit time.
 *
 * @param op the operation, null when the envelope's {@code op} is unknown
 * @param opCode the envelope's {@code op} as written
 * @param row the row image ({@code before} for deletes), null when the envelope lacks it
 * @param lsn {@code source.lsn}, null when not set
 * @param committedAtMs {@code source.ts_ms}, epoch milliseconds
 */
public record RowContext(Op op, String opCode, Row row, Long lsn, long committedAtMs) {

    public static RowContext of(ChangeEvent event) {
        Op op = event.op();
        Row row = op == null || event.image() == null ? null : new Row(event.image());
        return new RowContext(op, event.opCode(), row, event.lsn(), event.committedAtMs());
    }
}
