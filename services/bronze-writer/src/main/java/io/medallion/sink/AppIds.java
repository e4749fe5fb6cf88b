package io.medallion.sink;

import org.apache.kafka.common.TopicPartition;

/**
 * The Delta {@code txn} app id of a consumer group's progress on one topic partition: its
 * version is the last offset of that partition committed to the table.
 */
public final class AppIds {

    private AppIds() {
    }

    /** {@code <group>:<topic>:<partition>}. */
    public static String of(String groupId, TopicPartition tp) {
        return groupId + ":" + tp.topic() + ":" + tp.partition();
    }
}
