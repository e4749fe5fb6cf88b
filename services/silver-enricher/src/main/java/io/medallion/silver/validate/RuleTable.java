package io.medallion.silver.validate;

import io.medallion.silver.source.Op;
import io.medallion.silver.source.Row;
import org.apache.avro.Schema;

import java.util.List;
import java.util.Set;

/**
 * The validation rules of one entity, applied in full: a row gets every reason it fails, not
 * only the first. Before the entity's own rules come the envelope checks every change shares
 * (a known {@code op}, a row image, an LSN, a delete that carries the whole row).
 */
public final class RuleTable {

    private final String entity;
    private final Set<String> keyColumns;
    private final Set<String> personalColumns;
    private final List<Rule> rules;

    public RuleTable(String entity, Set<String> keyColumns, Set<String> personalColumns, List<Rule> rules) {
        this.entity = entity;
        this.keyColumns = Set.copyOf(keyColumns);
        this.personalColumns = Set.copyOf(personalColumns);
        this.rules = List.copyOf(rules);
    }

    public String entity() {
        return entity;
    }

    /** Every reason the change breaks a rule; empty when it is valid. */
    public List<String> violations(RowContext in) {
        Findings f = new Findings(personalColumns);
        if (in.op() == null) {
            f.fail("op", "must be one of c, u, d, r", in.opCode());
            return f.reasons();
        }
        if (in.row() == null) {
            f.fail(in.op() == Op.DELETE ? "before" : "after", "is required for op " + in.op().code());
            return f.reasons();
        }
        if (in.lsn() == null) {
            f.fail("source.lsn", "is required (silver deduplicates and orders changes by it)");
        }
        if (in.op() == Op.DELETE && carriesOnlyKey(in.row())) {
            f.fail("before", "carries only the primary key (the table has REPLICA IDENTITY DEFAULT), so the deleted row cannot be rebuilt");
            return f.reasons();
        }
        for (Rule rule : rules) {
            rule.check(in, f);
        }
        return f.reasons();
    }

    private boolean carriesOnlyKey(Row row) {
        for (Schema.Field field : row.record().getSchema().getFields()) {
            if (!keyColumns.contains(field.name()) && row.record().get(field.pos()) != null) {
                return false;
            }
        }
        return true;
    }
}
