package io.medallion.registry.store;

import io.medallion.registry.client.AvroSchemaParser;
import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.registry.client.RegisteredSchema;
import io.medallion.registry.client.SchemaRegistryException;
import io.medallion.registry.client.SubjectVersion;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The registry's state and rules, shared by the server and the in-memory ({@code mock://})
 * client so both behave alike: subjects with numbered versions, global ids shared by identical
 * schemas across subjects, soft and permanent deletes, compatibility levels.
 *
 * <p>Invariants: a schema's id never changes and is never reused for another schema; version
 * numbers of a subject only grow (a soft-deleted version keeps its number); every change is
 * appended to the {@link SchemaLog} before it is applied, under one write lock, so the log
 * order is the order of application. Errors are {@link SchemaRegistryException}s with
 * Confluent's codes.
 */
public final class RegistryStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryStore.class);

    private record Version(int version, int id, boolean deleted) {
    }

    private final SchemaLog log;
    private final CompatibilityLevel defaultLevel;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Integer, String> canonicalById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final NavigableMap<String, NavigableMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int nextId = 1;
    private boolean needsResync;

    private RegistryStore(SchemaLog log, CompatibilityLevel defaultLevel) {
        this.log = log;
        this.defaultLevel = defaultLevel;
    }

    /** A store whose state lives in memory only, BACKWARD by default. */
    public static RegistryStore inMemory() {
        return open(SchemaLog.NONE, CompatibilityLevel.BACKWARD);
    }

    /** A store rebuilt from the log's records; {@code defaultLevel} applies until a global level is set. */
    public static RegistryStore open(SchemaLog log, CompatibilityLevel defaultLevel) {
        RegistryStore store = new RegistryStore(log, defaultLevel);
        for (LogRecord record : log.replay()) {
            store.apply(record);
        }
        return store;
    }

    // ---- schemas ----

    /**
     * Registers the schema under the subject and returns the version holding it. A schema
     * already live under the subject returns its existing version; otherwise the subject's
     * compatibility level must accept it (409) and it gets the next version number, keeping the
     * id it already has under any subject or taking a new one.
     */
    public RegisteredSchema register(String subject, Schema schema) {
        String canonical = AvroSchemaParser.canonical(schema);
        return write(() -> {
            NavigableMap<Integer, Version> versions = subjects.getOrDefault(subject, new TreeMap<>());
            Integer knownId = idsByCanonical.get(canonical);
            if (knownId != null) {
                for (Version v : versions.descendingMap().values()) {
                    if (!v.deleted() && v.id() == knownId) {
                        return registered(subject, v);
                    }
                }
            }
            List<String> problems = CompatibilityChecker.check(effectiveLevel(subject), schema, live(subject, versions));
            if (!problems.isEmpty()) {
                throw SchemaRegistryException.incompatible(subject, problems);
            }
            int id = knownId != null ? knownId : nextId;
            int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
            append(new LogRecord.SchemaVersion(subject, version, id, canonical, false));
            return registered(subject, versions(subject).get(version));
        });
    }

    /** The version of the subject holding this schema (the newest if several); 40401 or 40403 otherwise. */
    public RegisteredSchema lookup(String subject, Schema schema, boolean includeDeleted) {
        String canonical = AvroSchemaParser.canonical(schema);
        return read(() -> {
            NavigableMap<Integer, Version> versions = requireSubject(subject, includeDeleted);
            Integer id = idsByCanonical.get(canonical);
            if (id != null) {
                for (Version v : versions.descendingMap().values()) {
                    if (v.id() == id && (includeDeleted || !v.deleted())) {
                        return registered(subject, v);
                    }
                }
            }
            throw SchemaRegistryException.schemaNotFound();
        });
    }

    public Schema schemaById(int id) {
        return read(() -> {
            Schema schema = schemasById.get(id);
            if (schema == null) {
                throw SchemaRegistryException.schemaNotFound(id);
            }
            return schema;
        });
    }

    /** Where the id is registered, ordered by subject then version; 40403 when the id is unknown. */
    public List<SubjectVersion> subjectVersionsOf(int id, boolean includeDeleted) {
        return read(() -> {
            if (!schemasById.containsKey(id)) {
                throw SchemaRegistryException.schemaNotFound(id);
            }
            List<SubjectVersion> out = new ArrayList<>();
            subjects.forEach((subject, versions) -> versions.values().forEach(v -> {
                if (v.id() == id && (includeDeleted || !v.deleted())) {
                    out.add(new SubjectVersion(subject, v.version()));
                }
            }));
            return out;
        });
    }

    /** One version of the subject, {@code -1} meaning the latest live one; 40401 or 40402 otherwise. */
    public RegisteredSchema version(String subject, int version, boolean includeDeleted) {
        return read(() -> {
            NavigableMap<Integer, Version> versions = requireSubject(subject, includeDeleted);
            Version v;
            if (version == -1) {
                v = versions.descendingMap().values().stream()
                        .filter(x -> includeDeleted || !x.deleted()).findFirst().orElse(null);
            } else {
                v = versions.get(version);
                if (v != null && v.deleted() && !includeDeleted) {
                    v = null;
                }
            }
            if (v == null) {
                throw SchemaRegistryException.versionNotFound(version);
            }
            return registered(subject, v);
        });
    }

    public List<Integer> versions(String subject, boolean includeDeleted) {
        return read(() -> requireSubject(subject, includeDeleted).values().stream()
                .filter(v -> includeDeleted || !v.deleted()).map(Version::version).toList());
    }

    /** Subject names, sorted; soft-deleted subjects only when asked. */
    public List<String> subjects(boolean includeDeleted) {
        return read(() -> subjects.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(v -> includeDeleted || !v.deleted()))
                .map(Map.Entry::getKey).toList());
    }

    /**
     * Soft-deletes every live version of the subject (its ids stay readable), or with
     * {@code permanent} removes versions already soft-deleted, as Confluent requires. Returns the
     * version numbers affected.
     */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return write(() -> {
            NavigableMap<Integer, Version> versions = subjects.get(subject);
            if (versions == null || versions.isEmpty()) {
                throw SchemaRegistryException.subjectNotFound(subject);
            }
            boolean anyLive = versions.values().stream().anyMatch(v -> !v.deleted());
            List<Integer> affected = new ArrayList<>();
            if (permanent) {
                if (anyLive) {
                    throw SchemaRegistryException.subjectNotSoftDeleted(subject);
                }
                for (Version v : List.copyOf(versions.values())) {
                    append(new LogRecord.SchemaVersionRemoved(subject, v.version()));
                    affected.add(v.version());
                }
                if (subjectLevels.containsKey(subject)) {
                    append(new LogRecord.Compatibility(subject, null));
                }
            } else {
                if (!anyLive) {
                    throw SchemaRegistryException.subjectSoftDeleted(subject);
                }
                for (Version v : List.copyOf(versions.values())) {
                    if (!v.deleted()) {
                        append(new LogRecord.SchemaVersion(subject, v.version(), v.id(), canonicalOf(v.id()), true));
                        affected.add(v.version());
                    }
                }
            }
            return affected;
        });
    }

    /** Soft- or permanently deletes one version ({@code -1} the latest live one) and returns its number. */
    public int deleteVersion(String subject, int version, boolean permanent) {
        return write(() -> {
            NavigableMap<Integer, Version> versions = requireSubject(subject, true);
            Version v = version == -1
                    ? versions.descendingMap().values().stream().filter(x -> !x.deleted()).findFirst().orElse(null)
                    : versions.get(version);
            if (v == null) {
                throw SchemaRegistryException.versionNotFound(version);
            }
            if (permanent) {
                if (!v.deleted()) {
                    throw SchemaRegistryException.versionNotSoftDeleted(subject, v.version());
                }
                append(new LogRecord.SchemaVersionRemoved(subject, v.version()));
            } else {
                if (v.deleted()) {
                    throw SchemaRegistryException.versionSoftDeleted(subject, v.version());
                }
                append(new LogRecord.SchemaVersion(subject, v.version(), v.id(), canonicalOf(v.id()), true));
            }
            return v.version();
        });
    }

    // ---- compatibility ----

    /**
     * What stops the schema from being registered under the subject now, checked against the
     * versions its level covers ({@code version == null}), or against one version only. Empty when
     * compatible, and for a subject without versions.
     */
    public List<String> testCompatibility(String subject, Schema schema, Integer version) {
        return read(() -> {
            CompatibilityLevel level = effectiveLevel(subject);
            if (version == null) {
                NavigableMap<Integer, Version> versions = subjects.getOrDefault(subject, new TreeMap<>());
                return CompatibilityChecker.check(level, schema, live(subject, versions));
            }
            RegisteredSchema against = version(subject, version, false);
            return CompatibilityChecker.check(level, schema, List.of(against));
        });
    }

    public CompatibilityLevel globalLevel() {
        return read(() -> globalLevel != null ? globalLevel : defaultLevel);
    }

    public void setGlobalLevel(CompatibilityLevel level) {
        write(() -> {
            append(new LogRecord.Compatibility(null, level));
            return null;
        });
    }

    public Optional<CompatibilityLevel> subjectLevel(String subject) {
        return read(() -> Optional.ofNullable(subjectLevels.get(subject)));
    }

    public CompatibilityLevel effectiveLevel(String subject) {
        return read(() -> subjectLevels.getOrDefault(subject, globalLevel != null ? globalLevel : defaultLevel));
    }

    public void setSubjectLevel(String subject, CompatibilityLevel level) {
        write(() -> {
            append(new LogRecord.Compatibility(subject, level));
            return null;
        });
    }

    /** Removes the subject's own level and returns it; 40408 when it had none. */
    public CompatibilityLevel deleteSubjectLevel(String subject) {
        return write(() -> {
            CompatibilityLevel previous = subjectLevels.get(subject);
            if (previous == null) {
                throw SchemaRegistryException.subjectCompatibilityNotConfigured(subject);
            }
            append(new LogRecord.Compatibility(subject, null));
            return previous;
        });
    }

    @Override
    public void close() {
        log.close();
    }

    // ---- internals: callers hold the lock ----

    private void append(LogRecord record) {
        if (needsResync) {
            resync();
        }
        try {
            log.append(record);
        } catch (RuntimeException e) {
            // The record may have landed although the append failed: re-read the log before the
            // next change so an id is never handed out twice.
            needsResync = true;
            throw e instanceof SchemaRegistryException sre ? sre
                    : SchemaRegistryException.storeError("Error in the backend data store: " + e.getMessage(), e);
        }
        apply(record);
    }

    private void resync() {
        List<LogRecord> records;
        try {
            records = log.replay();
        } catch (RuntimeException e) {
            throw SchemaRegistryException.storeError("Error in the backend data store: cannot re-read the log: "
                    + e.getMessage(), e);
        }
        schemasById.clear();
        canonicalById.clear();
        idsByCanonical.clear();
        subjects.clear();
        subjectLevels.clear();
        globalLevel = null;
        nextId = 1;
        records.forEach(this::apply);
        needsResync = false;
        LOG.info("Re-read {} records from the registry log after a failed write", records.size());
    }

    private void apply(LogRecord record) {
        if (record instanceof LogRecord.SchemaVersion v) {
            if (!schemasById.containsKey(v.id())) {
                schemasById.put(v.id(), AvroSchemaParser.parse(v.schema()));
                canonicalById.put(v.id(), v.schema());
            }
            idsByCanonical.putIfAbsent(v.schema(), v.id());
            nextId = Math.max(nextId, v.id() + 1);
            versions(v.subject()).put(v.version(), new Version(v.version(), v.id(), v.deleted()));
        } else if (record instanceof LogRecord.SchemaVersionRemoved r) {
            NavigableMap<Integer, Version> versions = subjects.get(r.subject());
            if (versions != null) {
                versions.remove(r.version());
                if (versions.isEmpty()) {
                    subjects.remove(r.subject());
                }
            }
        } else if (record instanceof LogRecord.Compatibility c) {
            if (c.subjectOrNull() == null) {
                globalLevel = c.levelOrNull();
            } else if (c.levelOrNull() == null) {
                subjectLevels.remove(c.subjectOrNull());
            } else {
                subjectLevels.put(c.subjectOrNull(), c.levelOrNull());
            }
        }
    }

    private NavigableMap<Integer, Version> versions(String subject) {
        return subjects.computeIfAbsent(subject, s -> new TreeMap<>());
    }

    private NavigableMap<Integer, Version> requireSubject(String subject, boolean includeDeleted) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null || versions.values().stream().noneMatch(v -> includeDeleted || !v.deleted())) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private List<RegisteredSchema> live(String subject, NavigableMap<Integer, Version> versions) {
        return versions.values().stream().filter(v -> !v.deleted()).map(v -> registered(subject, v)).toList();
    }

    private RegisteredSchema registered(String subject, Version v) {
        return new RegisteredSchema(subject, v.version(), v.id(), schemasById.get(v.id()));
    }

    private String canonicalOf(int id) {
        return canonicalById.get(id);
    }

    private <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
