package io.medallion.sink.delta;

/** Files VACUUM deleted (unreferenced and older than the retention) and those it kept. */
public record VacuumResult(int deletedFiles, long deletedBytes, int referencedFiles) {
}
