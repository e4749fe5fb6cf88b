package io.medallion.registry.client;

/** A (subject, version) pair under which a schema id is registered. */
public record SubjectVersion(String subject, int version) {
}
