package io.medallion.loadgen;

import io.medallion.loadgen.model.RowWrite;
import java.util.List;

/** The rows of {@code events} generated events, written in one transaction, and their tally. */
public record GeneratedBatch(int events, List<RowWrite> writes, Tally tally) {
}
