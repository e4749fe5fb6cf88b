package io.medallion.local;

/** Names of the internal topics Kafka Streams creates for an application. */
final class StreamsTopics {

    private StreamsTopics() {
    }

    /** {@code <application-id>-<name>-repartition}: written and read by the application itself. */
    static boolean isRepartition(String applicationId, String topic) {
        return topic.startsWith(applicationId + "-") && topic.endsWith("-repartition");
    }
}
