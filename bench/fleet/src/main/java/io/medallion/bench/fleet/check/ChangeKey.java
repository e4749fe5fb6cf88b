package io.medallion.bench.fleet.check;

/** One source change as every layer can name it: table (without schema), primary key, LSN. */
public record ChangeKey(String table, long key, long lsn) {

    @Override
    public String toString() {
        return table + " key " + key + " lsn " + lsn;
    }
}
