package io.medallion.registry.store;

import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.registry.client.RegisteredSchema;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.util.ArrayList;
import java.util.List;

/** Avro schema resolution rules applied per compatibility level. Pure. */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * What stops the candidate from joining the previous versions (oldest first) under the level:
     * one line per incompatibility, empty when compatible. Non-transitive levels look at the
     * newest previous version only.
     */
    public static List<String> check(CompatibilityLevel level, Schema candidate, List<RegisteredSchema> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        List<RegisteredSchema> against = level.transitive() ? previous : previous.subList(previous.size() - 1, previous.size());
        List<String> problems = new ArrayList<>();
        for (RegisteredSchema old : against) {
            if (level.backward()) {
                describe(problems, "BACKWARD: the new schema cannot read data written with version " + old.version(),
                        candidate, old.schema());
            }
            if (level.forward()) {
                describe(problems, "FORWARD: version " + old.version() + " cannot read data written with the new schema",
                        old.schema(), candidate);
            }
        }
        return problems;
    }

    private static void describe(List<String> problems, String direction, Schema reader, Schema writer) {
        SchemaCompatibility.SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            problems.add(direction + " (" + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + ": " + incompatibility.getMessage() + ")");
        }
    }
}
