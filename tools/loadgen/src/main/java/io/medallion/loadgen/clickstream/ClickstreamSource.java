package io.medallion.loadgen.clickstream;

import io.medallion.loadgen.Anomaly;
import io.medallion.loadgen.EventSource;
import io.medallion.loadgen.GeneratedBatch;
import io.medallion.loadgen.Tally;
import io.medallion.loadgen.model.RowWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the factory's events into rows at the moment they are written, and re-sends the exact
 * row written earlier for a duplicate (same event_id, same absolute ts).
 */
public final class ClickstreamSource implements EventSource {

    private final ClickstreamFactory factory;
    /** Written rows that a re-send will repeat, by the seq of their fresh event. */
    private final Map<Long, RowWrite.Insert> awaitingResend = new HashMap<>();

    public ClickstreamSource(ClickstreamFactory factory) {
        this.factory = factory;
    }

    @Override
    public GeneratedBatch next(int events, Instant now) {
        List<RowWrite> writes = new ArrayList<>(events);
        Tally tally = new Tally();
        for (int i = 0; i < events; i++) {
            ClickEvent event = factory.next();
            if (event instanceof ClickEvent.Fresh fresh) {
                RowWrite.Insert row = fresh.event().toInsert(now);
                writes.add(row);
                fresh.anomaly().ifPresent(tally::anomaly);
                if (fresh.anomaly().map(a -> !a.invalid()).orElse(true)) {
                    WebEvent e = fresh.event();
                    tally.validEvent(e.eventType(), e.price(), e.quantity(),
                            e.eventType().equals(ClickstreamFactory.PURCHASE));
                }
                if (fresh.resentLater()) {
                    awaitingResend.put(fresh.seq(), row);
                }
            } else if (event instanceof ClickEvent.Resend resend) {
                RowWrite.Insert original = awaitingResend.remove(resend.originalSeq());
                if (original == null) {
                    throw new IllegalStateException("re-send of event " + resend.originalSeq() + " that was never written");
                }
                writes.add(original);
                tally.anomaly(Anomaly.DUPLICATE);
            }
        }
        return new GeneratedBatch(events, writes, tally);
    }
}
