package io.medallion.registry.store;

import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.registry.client.ErrorCodes;
import io.medallion.registry.client.RegisteredSchema;
import io.medallion.registry.client.SchemaRegistryException;
import io.medallion.registry.client.SubjectVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.medallion.registry.testing.TestSchemas.order;
import static io.medallion.registry.testing.TestSchemas.userV1;
import static io.medallion.registry.testing.TestSchemas.userV2;
import static io.medallion.registry.testing.TestSchemas.userWithRequiredAge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryStoreTest {

    /** A log kept in a list, to replay into a second store. */
    static final class ListLog implements SchemaLog {
        final List<LogRecord> records = new ArrayList<>();
        boolean failNextAppend;

        @Override
        public List<LogRecord> replay() {
            return List.copyOf(records);
        }

        @Override
        public void append(LogRecord record) {
            if (failNextAppend) {
                failNextAppend = false;
                throw new IllegalStateException("broker unreachable");
            }
            records.add(record);
        }

        @Override
        public void close() {
        }
    }

    private final RegistryStore store = RegistryStore.inMemory();

    private static int code(Runnable call) {
        try {
            call.run();
        } catch (SchemaRegistryException e) {
            return e.errorCode();
        }
        throw new AssertionError("expected a SchemaRegistryException");
    }

    @Test
    void identicalSchemasShareOneIdAcrossSubjectsAndVersionsCountPerSubject() {
        RegisteredSchema a1 = store.register("a", userV1());
        RegisteredSchema a2 = store.register("a", userV2());
        RegisteredSchema b1 = store.register("b", userV2());
        RegisteredSchema again = store.register("a", userV1());

        assertThat(a1.version()).isEqualTo(1);
        assertThat(a2.version()).isEqualTo(2);
        assertThat(b1.version()).isEqualTo(1);
        assertThat(b1.id()).isEqualTo(a2.id()).isNotEqualTo(a1.id());
        assertThat(again).isEqualTo(a1);
        assertThat(store.subjectVersionsOf(a2.id(), false))
                .containsExactly(new SubjectVersion("a", 2), new SubjectVersion("b", 1));
    }

    @Test
    void theDefaultLevelIsBackwardAndRejectsWithConfluentsMessage() {
        store.register("a", userV1());
        assertThatThrownBy(() -> store.register("a", userWithRequiredAge()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(ErrorCodes.INCOMPATIBLE_SCHEMA);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).startsWith(
                            "Schema being registered is incompatible with an earlier schema for subject \"a\", details: [");
                });
        assertThat(store.versions("a", false)).containsExactly(1);
    }

    @Test
    void aSubjectLevelOverridesTheGlobalOneUntilDeleted() {
        store.register("a", userV1());
        store.setSubjectLevel("a", CompatibilityLevel.NONE);
        assertThat(store.effectiveLevel("a")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(store.register("a", userWithRequiredAge()).version()).isEqualTo(2);

        assertThat(store.deleteSubjectLevel("a")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(store.effectiveLevel("a")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(code(() -> store.deleteSubjectLevel("a"))).isEqualTo(ErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED);

        store.setGlobalLevel(CompatibilityLevel.FULL);
        assertThat(store.effectiveLevel("other")).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void notFoundErrorsCarryConfluentsCodes() {
        store.register("a", userV1());
        assertThat(code(() -> store.version("missing", 1, false))).isEqualTo(ErrorCodes.SUBJECT_NOT_FOUND);
        assertThat(code(() -> store.version("a", 7, false))).isEqualTo(ErrorCodes.VERSION_NOT_FOUND);
        assertThat(code(() -> store.schemaById(999))).isEqualTo(ErrorCodes.SCHEMA_NOT_FOUND);
        assertThat(code(() -> store.lookup("a", order(), false))).isEqualTo(ErrorCodes.SCHEMA_NOT_FOUND);
        assertThat(code(() -> store.lookup("missing", userV1(), false))).isEqualTo(ErrorCodes.SUBJECT_NOT_FOUND);
        assertThat(code(() -> store.versions("missing", false))).isEqualTo(ErrorCodes.SUBJECT_NOT_FOUND);
    }

    @Test
    void softDeleteHidesTheSubjectButKeepsIdsAndVersionNumbers() {
        int id = store.register("a", userV1()).id();
        store.register("a", userV2());
        assertThat(store.deleteSubject("a", false)).containsExactly(1, 2);

        assertThat(store.subjects(false)).doesNotContain("a");
        assertThat(store.subjects(true)).contains("a");
        assertThat(store.schemaById(id)).isEqualTo(userV1());
        assertThat(code(() -> store.version("a", -1, false))).isEqualTo(ErrorCodes.SUBJECT_NOT_FOUND);
        assertThat(store.version("a", 1, true).id()).isEqualTo(id);
        assertThat(code(() -> store.deleteSubject("a", false))).isEqualTo(ErrorCodes.SUBJECT_SOFT_DELETED);

        // Registering again continues the numbering and keeps the id; the deleted history no longer constrains it.
        RegisteredSchema back = store.register("a", userWithRequiredAge());
        assertThat(back.version()).isEqualTo(3);
        assertThat(store.register("a", userV1())).extracting(RegisteredSchema::id).isEqualTo(id);
    }

    @Test
    void permanentDeleteNeedsASoftDeleteFirst() {
        store.register("a", userV1());
        assertThat(code(() -> store.deleteSubject("a", true))).isEqualTo(ErrorCodes.SUBJECT_NOT_SOFT_DELETED);
        store.deleteSubject("a", false);
        assertThat(store.deleteSubject("a", true)).containsExactly(1);
        assertThat(store.subjects(true)).doesNotContain("a");
        assertThat(code(() -> store.deleteSubject("a", false))).isEqualTo(ErrorCodes.SUBJECT_NOT_FOUND);
    }

    @Test
    void oneVersionCanBeDeleted() {
        store.register("a", userV1());
        store.register("a", userV2());
        assertThat(store.deleteVersion("a", -1, false)).isEqualTo(2);
        assertThat(store.version("a", -1, false).version()).isEqualTo(1);
        assertThat(code(() -> store.deleteVersion("a", 2, false))).isEqualTo(ErrorCodes.VERSION_SOFT_DELETED);
        assertThat(code(() -> store.deleteVersion("a", 1, true))).isEqualTo(ErrorCodes.VERSION_NOT_SOFT_DELETED);
        assertThat(store.deleteVersion("a", 2, true)).isEqualTo(2);
        assertThat(store.versions("a", true)).containsExactly(1);
    }

    @Test
    void compatibilityTestsWhatRegistrationWouldDo() {
        assertThat(store.testCompatibility("new", userWithRequiredAge(), null)).isEmpty();
        store.register("a", userV1());
        assertThat(store.testCompatibility("a", userV2(), null)).isEmpty();
        assertThat(store.testCompatibility("a", userWithRequiredAge(), null)).isNotEmpty();
        assertThat(store.testCompatibility("a", userWithRequiredAge(), 1)).isNotEmpty();
        assertThat(code(() -> store.testCompatibility("a", userV2(), 5))).isEqualTo(ErrorCodes.VERSION_NOT_FOUND);
    }

    @Test
    void replayingTheLogRebuildsTheSameState() {
        ListLog log = new ListLog();
        RegistryStore first = RegistryStore.open(log, CompatibilityLevel.BACKWARD);
        int id1 = first.register("a", userV1()).id();
        int id2 = first.register("b", order()).id();
        first.register("a", userV2());
        first.deleteVersion("a", 2, false);
        first.setSubjectLevel("b", CompatibilityLevel.NONE);
        first.setGlobalLevel(CompatibilityLevel.FORWARD);

        RegistryStore second = RegistryStore.open(log, CompatibilityLevel.BACKWARD);
        assertThat(second.schemaById(id1)).isEqualTo(userV1());
        assertThat(second.lookup("b", order(), false).id()).isEqualTo(id2);
        assertThat(second.versions("a", false)).containsExactly(1);
        assertThat(second.versions("a", true)).containsExactly(1, 2);
        assertThat(second.subjectLevel("b")).contains(CompatibilityLevel.NONE);
        assertThat(second.globalLevel()).isEqualTo(CompatibilityLevel.FORWARD);
        // Ids 1-3 are taken: a new schema after replay gets the next one.
        assertThat(second.register("c", userWithRequiredAge()).id()).isEqualTo(4);
    }

    @Test
    void aFailedAppendChangesNothingAndIsAStoreError() {
        ListLog log = new ListLog();
        RegistryStore s = RegistryStore.open(log, CompatibilityLevel.BACKWARD);
        s.register("a", userV1());
        log.failNextAppend = true;
        assertThatThrownBy(() -> s.register("b", order()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo(ErrorCodes.STORE_ERROR);
                    assertThat(e.retriable()).isTrue();
                });
        assertThat(s.subjects(true)).containsExactly("a");
        assertThat(s.register("b", order()).id()).isEqualTo(2);
    }
}
