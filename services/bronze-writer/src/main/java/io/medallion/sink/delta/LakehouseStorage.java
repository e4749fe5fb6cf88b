package io.medallion.sink.delta;

import org.apache.hadoop.conf.Configuration;

import java.net.URI;

/** Opens tables under one root URI. */
public interface LakehouseStorage {

    URI root();

    /** The Hadoop configuration used for every file access (data files included). */
    Configuration hadoopConf();

    /** The table at {@code root/relativePath}; it need not exist yet. */
    LakehouseTable open(String relativePath);
}
