package io.medallion.loadgen.inventory;

import io.medallion.loadgen.EventSource;
import io.medallion.loadgen.GeneratedBatch;
import io.medallion.loadgen.Tally;
import io.medallion.loadgen.model.RowWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One inventory operation per event; a batch of them is written in one transaction. */
public final class InventorySource implements EventSource {

    private final InventoryFactory factory;

    public InventorySource(InventoryFactory factory) {
        this.factory = factory;
    }

    @Override
    public GeneratedBatch next(int events, Instant now) {
        List<RowWrite> writes = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            writes.addAll(factory.next().writes());
        }
        return new GeneratedBatch(events, writes, new Tally());
    }
}
