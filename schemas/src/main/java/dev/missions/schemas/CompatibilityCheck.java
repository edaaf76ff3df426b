package dev.missions.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * FULL_TRANSITIVE compatibility: a new schema must read every released version (BACKWARD) and every
 * released reader must read the new schema (FORWARD), because producers and consumers upgrade one at a time.
 */
public final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    /** Problems of {@code current} against each released version; empty when compatible. */
    public static List<String> problems(Schema current, List<Schema> released) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            Schema old = released.get(i);
            String version = current.getName() + "/v" + (i + 1);
            check(problems, "BACKWARD", current.getFullName() + " cannot read data written with " + version,
                    SchemaCompatibility.checkReaderWriterCompatibility(current, old));
            check(problems, "FORWARD", "readers of " + version + " cannot read data written with the current " + current.getFullName(),
                    SchemaCompatibility.checkReaderWriterCompatibility(old, current));
        }
        return problems;
    }

    private static void check(List<String> problems, String kind, String what, SchemaPairCompatibility result) {
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(kind + ": " + what + ": "
                    + incompatibility.getType() + " at " + incompatibility.getLocation() + " (" + incompatibility.getMessage() + ")"));
        }
    }
}
