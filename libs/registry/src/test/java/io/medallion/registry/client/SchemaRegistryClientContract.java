package io.medallion.registry.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.medallion.registry.testing.TestSchemas.order;
import static io.medallion.registry.testing.TestSchemas.userV1;
import static io.medallion.registry.testing.TestSchemas.userV2;
import static io.medallion.registry.testing.TestSchemas.userWithRequiredAge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SchemaRegistryClient} promises, run against the in-memory client and against
 * the REST client talking to a real {@code RegistryServer}: both must behave alike.
 */
abstract class SchemaRegistryClientContract {

    protected SchemaRegistryClient client;

    /** A client on an empty registry. */
    protected abstract SchemaRegistryClient newClient();

    protected void release() {
    }

    @BeforeEach
    void open() {
        client = newClient();
    }

    @AfterEach
    void close() {
        client.close();
        release();
    }

    static void assertFails(Runnable call, int httpStatus, int errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).as("HTTP status").isEqualTo(httpStatus);
            assertThat(e.errorCode()).as("error code").isEqualTo(errorCode);
            assertThat(e.retriable()).as("retriable").isFalse();
        });
    }

    @Test
    void registrationIsIdempotentAndIdsAreGlobal() {
        int id = client.register("users-value", userV1());
        assertThat(client.register("users-value", userV1())).isEqualTo(id);
        assertThat(client.register("audit-value", userV1())).isEqualTo(id);
        assertThat(client.register("orders-value", order())).isNotEqualTo(id);
        assertThat(client.getSchemaById(id)).isEqualTo(userV1());
    }

    @Test
    void versionsAndLatest() {
        int id1 = client.register("users-value", userV1());
        int id2 = client.register("users-value", userV2());
        assertThat(client.getVersions("users-value")).containsExactly(1, 2);
        assertThat(client.getLatestSchema("users-value"))
                .isEqualTo(new RegisteredSchema("users-value", 2, id2, userV2()));
        assertThat(client.getSchema("users-value", 1)).isEqualTo(new RegisteredSchema("users-value", 1, id1, userV1()));
        assertThat(client.getSubjects()).containsExactly("users-value");
    }

    @Test
    void lookupFindsOnlyWhatIsRegisteredUnderTheSubject() {
        int id = client.register("users-value", userV1());
        assertThat(client.lookup("users-value", userV1())).isEqualTo(new RegisteredSchema("users-value", 1, id, userV1()));
        assertFails(() -> client.lookup("users-value", order()), 404, ErrorCodes.SCHEMA_NOT_FOUND);
        assertFails(() -> client.lookup("nobody-value", userV1()), 404, ErrorCodes.SUBJECT_NOT_FOUND);
    }

    @Test
    void notFoundErrors() {
        client.register("users-value", userV1());
        assertFails(() -> client.getSchemaById(4242), 404, ErrorCodes.SCHEMA_NOT_FOUND);
        assertFails(() -> client.getLatestSchema("nobody-value"), 404, ErrorCodes.SUBJECT_NOT_FOUND);
        assertFails(() -> client.getSchema("users-value", 9), 404, ErrorCodes.VERSION_NOT_FOUND);
        assertFails(() -> client.getVersions("nobody-value"), 404, ErrorCodes.SUBJECT_NOT_FOUND);
    }

    @Test
    void anInvalidVersionIs422() {
        client.register("users-value", userV1());
        assertFails(() -> client.getSchema("users-value", 0), 422, ErrorCodes.INVALID_VERSION);
    }

    @Test
    void anIncompatibleSchemaIs409AndLeavesTheSubjectAlone() {
        client.register("users-value", userV1());
        assertThat(client.testCompatibility("users-value", userWithRequiredAge())).isFalse();
        assertThat(client.testCompatibility("users-value", userV2())).isTrue();
        assertFails(() -> client.register("users-value", userWithRequiredAge()), 409, ErrorCodes.INCOMPATIBLE_SCHEMA);
        assertThat(client.getVersions("users-value")).containsExactly(1);
    }

    @Test
    void compatibilityLevelsGlobalAndPerSubject() {
        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.getCompatibility("users-value")).isEqualTo(CompatibilityLevel.BACKWARD);

        client.setCompatibility("users-value", CompatibilityLevel.NONE);
        client.setCompatibility(null, CompatibilityLevel.FULL);
        assertThat(client.getCompatibility("users-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.getCompatibility("orders-value")).isEqualTo(CompatibilityLevel.FULL);

        client.register("users-value", userV1());
        assertThat(client.register("users-value", userWithRequiredAge())).isPositive();
    }

    @Test
    void deletingASubjectKeepsItsIdsReadable() {
        int id = client.register("users-value", userV1());
        client.register("users-value", userV2());
        assertThat(client.deleteSubject("users-value")).containsExactly(1, 2);
        assertThat(client.getSubjects()).isEmpty();
        assertFails(() -> client.getLatestSchema("users-value"), 404, ErrorCodes.SUBJECT_NOT_FOUND);
        assertThat(client.getSchemaById(id)).isEqualTo(userV1());
    }

    @Test
    void subjectsMayHoldAnyCharacter() {
        String subject = "a/b c+d%e?f-value";
        int id = client.register(subject, userV1());
        assertThat(client.getSubjects()).containsExactly(subject);
        assertThat(client.getLatestSchema(subject).id()).isEqualTo(id);
    }
}
