package dev.missions.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SchemaCompatibilityTest {

    @TestFactory
    List<DynamicTest> everyCatalogSchemaIsCompatibleWithItsReleasedVersions() {
        return java.util.Arrays.stream(Topic.values()).map(Topic::schema).distinct()
                .map(schema -> DynamicTest.dynamicTest(schema.getName(), () -> {
                    List<Schema> released = SchemaCatalog.get().history(schema.getFullName());
                    assertFalse(released.isEmpty(), "no released version of " + schema.getFullName()
                            + " under schemas/src/main/resources/" + SchemaCatalog.HISTORY_ROOT + schema.getName());
                    List<String> problems = CompatibilityCheck.problems(schema, released);
                    assertTrue(problems.isEmpty(), "schema " + schema.getFullName() + " breaks compatibility:\n  "
                            + String.join("\n  ", problems));
                }))
                .toList();
    }

    @Test
    void removingARequiredFieldIsReportedWithTheSchemaName() {
        Schema current = Topic.MISSION_REQUESTS.schema();
        Schema withoutGoal = withoutField(current, "goal");

        List<String> problems = CompatibilityCheck.problems(withoutGoal, SchemaCatalog.get().history(current.getFullName()));

        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("FORWARD") && p.contains("dev.missions.events.MissionRequested")
                && p.contains("goal")), problems::toString);
    }

    @Test
    void addingARequiredFieldWithoutDefaultIsReported() {
        Schema current = Topic.RESULTS.schema();
        Schema json = new Schema.Parser().parse(current.toString().replace(
                "\"fields\":[", "\"fields\":[{\"name\":\"mandatory\",\"type\":\"string\"},"));

        List<String> problems = CompatibilityCheck.problems(json, SchemaCatalog.get().history(current.getFullName()));

        assertTrue(problems.stream().anyMatch(p -> p.startsWith("BACKWARD") && p.contains("mandatory")), problems::toString);
    }

    @Test
    void addingANullableFieldWithDefaultIsCompatible() {
        Schema current = Topic.RESULTS.schema();
        Schema json = new Schema.Parser().parse(current.toString().replace(
                "\"fields\":[", "\"fields\":[{\"name\":\"extra\",\"type\":[\"null\",\"string\"],\"default\":null},"));

        assertEquals(List.of(), CompatibilityCheck.problems(json, SchemaCatalog.get().history(current.getFullName())));
    }

    private static Schema withoutField(Schema schema, String name) {
        List<Schema.Field> fields = schema.getFields().stream().filter(f -> !f.name().equals(name))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
