package io.medallion.bench.fleet.check;

import java.util.List;
import java.util.Optional;

/**
 * Every Delta table is readable by Delta Kernel and holds exactly the records of the topic it
 * is written from (read_committed), less those the sink set aside as dead letters.
 */
public final class DeltaTablesCheck {

    public static final String NAME = "Delta tables readable by Kernel, row counts match";

    /**
     * One table as found.
     *
     * @param table        relative to the lake root, e.g. {@code silver/web_events}
     * @param topic        the topic it is written from; empty for the sinks' own dead-letter tables
     * @param kernelRows   live rows as Kernel counted them
     * @param error        why Kernel could not read it, when it could not
     * @param topicRecords committed records on the topic
     * @param deadLettered records of that topic in the layer's dead-letter table
     */
    public record TableCount(String table, Optional<String> topic, long kernelRows, Optional<String> error,
                             long topicRecords, long deadLettered) {
    }

    private DeltaTablesCheck() {
    }

    public static CheckResult evaluate(List<TableCount> tables) {
        CheckResult.Builder r = new CheckResult.Builder(NAME);
        long readable = 0;
        long matching = 0;
        long rows = 0;
        long deadLetters = 0;
        for (TableCount t : tables) {
            if (t.error().isPresent()) {
                r.problem(t.table() + " is not readable by Delta Kernel: " + t.error().get());
                continue;
            }
            readable++;
            rows += t.kernelRows();
            deadLetters += t.deadLettered();
            if (t.topic().isEmpty()) {
                matching++;
            } else if (t.kernelRows() == t.topicRecords() - t.deadLettered()) {
                matching++;
            } else {
                r.problem(t.table() + ": Kernel reads " + t.kernelRows() + " rows, topic " + t.topic().get() + " holds "
                        + t.topicRecords() + " records" + (t.deadLettered() > 0 ? " of which " + t.deadLettered() + " are dead letters" : ""));
            }
        }
        r.figure("tables", (long) tables.size()).figure("readable", readable).figure("counts matching", matching)
                .figure("rows", rows).figure("sink dead letters", deadLetters);
        r.require(!tables.isEmpty(), "no Delta tables found");
        return r.build();
    }
}
