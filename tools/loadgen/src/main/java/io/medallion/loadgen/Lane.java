package io.medallion.loadgen;

import io.medallion.loadgen.db.BatchWriter;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open-loop writer: event k of the lane is due {@code (k + 1) / rate} seconds after the
 * start, whatever the database does. Every tick it writes all events that fell due, in one
 * transaction (at most {@code maxBatch} events, so a lane behind schedule catches up in big
 * batches as fast as the database takes them). It never lowers the rate; when the database is
 * slower than the schedule, the backlog shows as time behind schedule.
 */
final class Lane implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final double NANOS_PER_SECOND = 1e9;

    private final String name;
    private final double rate;
    private final long totalEvents;
    private final int maxBatch;
    private final long tickNanos;
    private final EventSource source;
    private final BatchWriter writer;
    private final LoadCounters counters;

    private volatile boolean stopping;
    private volatile boolean finished;
    private volatile Throwable failure;
    private volatile Thread thread;

    /**
     * @param totalEvents events to generate before finishing; {@code Long.MAX_VALUE} for no end
     */
    Lane(String name, double rate, long totalEvents, int maxBatch, long tickNanos, EventSource source,
         BatchWriter writer, LoadCounters counters) {
        if (rate <= 0) {
            throw new IllegalArgumentException("lane " + name + " needs a positive rate, was " + rate);
        }
        this.name = name;
        this.rate = rate;
        this.totalEvents = totalEvents;
        this.maxBatch = maxBatch;
        this.tickNanos = tickNanos;
        this.source = source;
        this.writer = writer;
        this.counters = counters;
    }

    String name() {
        return name;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long start = System.nanoTime();
        long emitted = 0;
        try {
            while (!stopping && emitted < totalEvents) {
                long due = dueBy(System.nanoTime() - start);
                if (due > emitted) {
                    int n = (int) Math.min(due - emitted, maxBatch);
                    Instant now = Instant.now();
                    GeneratedBatch batch = source.next(n, now);
                    BatchWriter.Counts counts = writer.write(batch.writes(), now);
                    counters.committed(n, counts, batch.tally());
                    emitted += n;
                }
                long elapsed = System.nanoTime() - start;
                boolean behind = dueBy(elapsed) > emitted;
                counters.behindSchedule(name, behind ? elapsed - scheduledNanos(emitted) : 0);
                if (!behind && emitted < totalEvents) {
                    long nextTick = tickNanos - elapsed % tickNanos;
                    LockSupport.parkNanos(Math.max(nextTick, scheduledNanos(emitted) - elapsed));
                }
            }
            finished = emitted >= totalEvents;
        } catch (Throwable t) {
            failure = t;
            LOG.error("Load generator lane {} stopped after {} events", name, emitted, t);
        } finally {
            try {
                writer.close();
            } catch (Exception e) {
                LOG.warn("Lane {} could not close its connection", name, e);
            }
        }
    }

    /** Asks the lane to stop after the batch in progress. */
    void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    boolean finished() {
        return finished;
    }

    Throwable failure() {
        return failure;
    }

    /** Events due by {@code elapsedNanos} after the start. */
    private long dueBy(long elapsedNanos) {
        return Math.min(totalEvents, (long) Math.floor(rate * elapsedNanos / NANOS_PER_SECOND));
    }

    /** When event {@code k} falls due, in nanoseconds after the start. */
    private long scheduledNanos(long k) {
        return (long) Math.ceil((k + 1) * NANOS_PER_SECOND / rate);
    }
}
