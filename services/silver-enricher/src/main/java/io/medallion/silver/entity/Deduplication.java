package io.medallion.silver.entity;

/** How an entity's stream drops repeated records before they reach silver. */
public enum Deduplication {
    /**
     * Clickstream: by {@code event_id}, the first copy wins within the retention window of event
     * time; the tracker retries, so one event can be several source rows.
     */
    EVENT_ID,
    /**
     * Change tables: by (table, primary key, LSN); a change at or below the highest LSN already
     * seen for its key is a redelivery (after a capture restart) and is dropped.
     */
    SOURCE_LSN
}
