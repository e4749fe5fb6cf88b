package io.medallion.registry.serde;

import io.medallion.registry.client.RegisteredSchema;
import io.medallion.registry.client.SchemaRegistryClient;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Each subject's latest version, fetched once and reused for the TTL (forever without one). */
final class LatestSchemas {

    private record Entry(RegisteredSchema schema, long fetchedAtNanos) {
    }

    private final SchemaRegistryClient client;
    private final Optional<Duration> ttl;
    private final ConcurrentMap<String, Entry> bySubject = new ConcurrentHashMap<>();

    LatestSchemas(SchemaRegistryClient client, Optional<Duration> ttl) {
        this.client = client;
        this.ttl = ttl;
    }

    RegisteredSchema get(String subject) {
        Entry entry = bySubject.get(subject);
        long now = System.nanoTime();
        if (entry == null || (ttl.isPresent() && now - entry.fetchedAtNanos() > ttl.get().toNanos())) {
            entry = new Entry(client.getLatestSchema(subject), now);
            bySubject.put(subject, entry);
        }
        return entry.schema();
    }
}
