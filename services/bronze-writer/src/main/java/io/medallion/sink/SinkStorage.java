package io.medallion.sink;

import io.medallion.sink.delta.DeltaStandaloneStorage;
import io.medallion.sink.delta.LakehouseStorage;
import org.apache.hadoop.conf.Configuration;

/** Builds the table storage a configuration names. */
final class SinkStorage {

    private SinkStorage() {
    }

    static LakehouseStorage open(StorageConfig config) {
        Configuration conf = new Configuration();
        config.hadoop().forEach(conf::set);
        return new DeltaStandaloneStorage(config.tableRoot(), conf, "medallion-bronze-writer/" + SinkVersion.VERSION,
                config.commitMaxAttempts());
    }
}
