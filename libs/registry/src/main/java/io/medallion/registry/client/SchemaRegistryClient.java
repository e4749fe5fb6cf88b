package io.medallion.registry.client;

import org.apache.avro.Schema;

import java.io.Closeable;
import java.util.List;

/**
 * A Confluent-compatible schema registry. Every failure is a {@link SchemaRegistryException}
 * carrying the registry's HTTP status and error code. Implementations cache what cannot change
 * (id to schema, subject and schema to id, subject and version to schema) so a serde asks the
 * registry once per schema, not once per record; {@link #getLatestSchema} is never cached.
 */
public interface SchemaRegistryClient extends Closeable {

    /**
     * Registers the schema under the subject (or finds it already registered) and returns its
     * global id. Identical schemas share one id across subjects. Fails with 409 when the subject's
     * compatibility level rejects it. A serde calls this only when auto-registration is on;
     * otherwise it calls {@link #lookup}.
     */
    int register(String subject, Schema schema);

    /** The schema with this global id; 404 (40403) when unknown. */
    Schema getSchemaById(int id);

    /** The newest live version of the subject; 404 (40401) when the subject has none. */
    RegisteredSchema getLatestSchema(String subject);

    /** One version of the subject; 404 (40401 subject, 40402 version). */
    RegisteredSchema getSchema(String subject, int version);

    /** Id and version of a schema already registered under the subject; 404 (40401, 40403) otherwise. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** Whether registering the schema under the subject would pass its compatibility level now. */
    boolean testCompatibility(String subject, Schema schema);

    /** Subjects with at least one live version, sorted. */
    List<String> getSubjects();

    /** Live versions of the subject, ascending; 404 (40401) when none. */
    List<Integer> getVersions(String subject);

    /** Soft-deletes every version of the subject and returns their numbers; ids stay readable. */
    List<Integer> deleteSubject(String subject);

    /** The subject's effective level (its own, else the global one), or the global level for null. */
    CompatibilityLevel getCompatibility(String subjectOrNull);

    /** Sets the subject's level, or the global level for null. */
    void setCompatibility(String subjectOrNull, CompatibilityLevel level);

    /** Releases connections; clients shared per scope ({@code mock://}) ignore it. */
    @Override
    void close();
}
