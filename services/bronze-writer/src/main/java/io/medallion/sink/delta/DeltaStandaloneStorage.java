package io.medallion.sink.delta;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.net.URI;

/** {@link LakehouseStorage} on Delta Standalone and a Hadoop file system. */
public final class DeltaStandaloneStorage implements LakehouseStorage {

    private final URI root;
    private final Configuration conf;
    private final String engineInfo;
    private final int maxCommitAttempts;

    /**
     * @param engineInfo        written into every commitInfo, e.g. {@code medallion-bronze-writer/0.1.0}
     * @param maxCommitAttempts attempts per commit before a conflict is given up
     */
    public DeltaStandaloneStorage(URI root, Configuration conf, String engineInfo, int maxCommitAttempts) {
        this.root = root;
        this.conf = conf;
        this.engineInfo = engineInfo;
        this.maxCommitAttempts = maxCommitAttempts;
    }

    @Override
    public URI root() {
        return root;
    }

    @Override
    public Configuration hadoopConf() {
        return conf;
    }

    @Override
    public LakehouseTable open(String relativePath) {
        return new DeltaStandaloneTable(new Path(new Path(root), relativePath), conf, engineInfo, maxCommitAttempts);
    }
}
