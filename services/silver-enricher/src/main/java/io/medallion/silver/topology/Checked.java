package io.medallion.silver.topology;

import io.medallion.silver.entity.Entity;
import io.medallion.silver.source.ChangeEvent;
import io.medallion.silver.validate.RowContext;

import java.util.List;

/** A change event with the verdict of its entity's rule table: valid when there are no violations. */
public record Checked(ChangeEvent event, RowContext row, List<String> violations) {

    public static Checked of(ChangeEvent event, Entity<?, ?> entity) {
        RowContext row = RowContext.of(event);
        return new Checked(event, row, entity.rules().violations(row));
    }

    public boolean isValid() {
        return violations.isEmpty();
    }
}
