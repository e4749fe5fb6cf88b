package io.medallion.sink;

import io.medallion.common.topics.TopicNames;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The three deployments of the sink. Each owns a topic family and a directory under the table
 * root: {@code cdc.<schema>.<table>} to {@code bronze/<schema>_<table>}, {@code silver.<entity>}
 * to {@code silver/<entity>}, {@code gold.<name>} to {@code gold/<name>}.
 */
public enum Layer {
    BRONZE(TopicNames.CDC_PREFIX + ".", "cdc\\.shop\\..*"),
    SILVER("silver.", "silver\\..*"),
    GOLD("gold.", "gold\\..*");

    /** Where the sink's own poison records go, under the layer's directory. */
    public static final String DEAD_LETTER_TABLE = "_sink_dead_letters";

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

    private final String topicPrefix;
    private final String defaultTopicPattern;

    Layer(String topicPrefix, String defaultTopicPattern) {
        this.topicPrefix = topicPrefix;
        this.defaultTopicPattern = defaultTopicPattern;
    }

    /** Directory name under the table root, e.g. {@code bronze}. */
    public String directory() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String defaultTopicPattern() {
        return defaultTopicPattern;
    }

    /** Consumer group used when none is configured. */
    public String defaultGroupId() {
        return "medallion-sink-" + directory();
    }

    /**
     * The table (relative to the root) a topic's records go to, or empty for a topic this layer
     * does not own (wrong prefix, or a name that is not safe as a directory).
     */
    public Optional<String> tableFor(String topic) {
        if (!topic.startsWith(topicPrefix) || topic.length() == topicPrefix.length()) {
            return Optional.empty();
        }
        String name = topic.substring(topicPrefix.length()).replace('.', '_');
        if (!SAFE_NAME.matcher(name).matches() || name.equals(DEAD_LETTER_TABLE)) {
            return Optional.empty();
        }
        return Optional.of(directory() + "/" + name);
    }

    /** The dead-letter table of this layer, relative to the root. */
    public String deadLetterTable() {
        return directory() + "/" + DEAD_LETTER_TABLE;
    }
}
