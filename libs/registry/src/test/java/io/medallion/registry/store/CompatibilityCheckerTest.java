package io.medallion.registry.store;

import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.registry.client.RegisteredSchema;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.medallion.registry.testing.TestSchemas.userV1;
import static io.medallion.registry.testing.TestSchemas.userV2;
import static io.medallion.registry.testing.TestSchemas.userWithIntName;
import static io.medallion.registry.testing.TestSchemas.userWithRequiredAge;
import static org.assertj.core.api.Assertions.assertThat;

class CompatibilityCheckerTest {

    private static List<RegisteredSchema> versions(Schema... schemas) {
        RegisteredSchema[] out = new RegisteredSchema[schemas.length];
        for (int i = 0; i < schemas.length; i++) {
            out[i] = new RegisteredSchema("s", i + 1, i + 1, schemas[i]);
        }
        return List.of(out);
    }

    @Test
    void anEmptyHistoryAcceptsAnything() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL_TRANSITIVE, userV1(), List.of())).isEmpty();
    }

    @Test
    void noneAcceptsEvenATypeChange() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.NONE, userWithIntName(), versions(userV1()))).isEmpty();
    }

    @Test
    void backwardRejectsANewFieldWithoutDefaultAndNamesIt() {
        List<String> problems = CompatibilityChecker.check(CompatibilityLevel.BACKWARD, userWithRequiredAge(), versions(userV1()));
        assertThat(problems).singleElement().asString()
                .contains("BACKWARD", "version 1", "READER_FIELD_MISSING_DEFAULT_VALUE", "age");
    }

    @Test
    void forwardAcceptsANewRequiredFieldBecauseOldReadersIgnoreIt() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD, userWithRequiredAge(), versions(userV1()))).isEmpty();
    }

    @Test
    void forwardRejectsRemovingAFieldOldReadersNeed() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD, userV1(), versions(userWithRequiredAge())))
                .singleElement().asString().contains("FORWARD", "age");
    }

    @Test
    void fullNeedsBothDirections() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL, userV2(), versions(userV1()))).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL, userWithRequiredAge(), versions(userV1()))).isNotEmpty();
    }

    @Test
    void nonTransitiveLooksAtTheLatestVersionOnly() {
        // v1 {name:string}, v2 {name:int} (registered under NONE), candidate {name:int, age:int}.
        List<RegisteredSchema> history = versions(userV1(), userWithIntName());
        Schema candidate = org.apache.avro.SchemaBuilder.record("User").namespace("test").fields()
                .requiredInt("name").optionalInt("age").endRecord();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, candidate, history)).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, candidate, history))
                .singleElement().asString().contains("version 1");
    }
}
