package io.medallion.registry.client;

import io.medallion.registry.store.RegistryStore;
import org.apache.avro.Schema;

import java.util.List;

/**
 * A client calling a {@link RegistryStore} in the same process: the same rules and errors as
 * the server, without HTTP. Backs {@code mock://} scopes and the embedded stack.
 */
public final class LocalSchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryStore store;

    public LocalSchemaRegistryClient(RegistryStore store) {
        this.store = store;
    }

    @Override
    public int register(String subject, Schema schema) {
        return store.register(subject, schema).id();
    }

    @Override
    public Schema getSchemaById(int id) {
        return store.schemaById(id);
    }

    @Override
    public RegisteredSchema getLatestSchema(String subject) {
        return store.version(subject, -1, false);
    }

    @Override
    public RegisteredSchema getSchema(String subject, int version) {
        if (version < 1 && version != -1) {
            throw SchemaRegistryException.invalidVersion(String.valueOf(version));
        }
        return store.version(subject, version, false);
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return store.lookup(subject, schema, false);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        return store.testCompatibility(subject, schema, null).isEmpty();
    }

    @Override
    public List<String> getSubjects() {
        return store.subjects(false);
    }

    @Override
    public List<Integer> getVersions(String subject) {
        return store.versions(subject, false);
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        return store.deleteSubject(subject, false);
    }

    @Override
    public CompatibilityLevel getCompatibility(String subjectOrNull) {
        return subjectOrNull == null ? store.globalLevel() : store.effectiveLevel(subjectOrNull);
    }

    @Override
    public void setCompatibility(String subjectOrNull, CompatibilityLevel level) {
        if (subjectOrNull == null) {
            store.setGlobalLevel(level);
        } else {
            store.setSubjectLevel(subjectOrNull, level);
        }
    }

    /** The store is shared with whoever created it, who closes it. */
    @Override
    public void close() {
    }
}
