package io.medallion.loadgen.clickstream;

import io.medallion.loadgen.Anomaly;
import java.util.Optional;

/** The {@code seq}-th clickstream row of a lane: a fresh event or the re-send of an earlier one. */
public sealed interface ClickEvent {

    long seq();

    /**
     * A new event. {@code anomaly} is empty for an on-time valid event; {@code resentLater} says
     * a {@link Resend} of it follows, so its written form must be kept until then.
     */
    record Fresh(long seq, WebEvent event, Optional<Anomaly> anomaly, boolean resentLater) implements ClickEvent {
    }

    /** The exact row written for the fresh event {@code originalSeq}, written again. */
    record Resend(long seq, long originalSeq) implements ClickEvent {
    }
}
