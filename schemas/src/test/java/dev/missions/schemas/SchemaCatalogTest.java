package dev.missions.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.Role;
import dev.missions.schemas.serde.CatalogRegistryClient;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

    @Test
    void everyTopicRecordIsInTheCatalogUnderItsFingerprintId() {
        for (Topic topic : Topic.values()) {
            long id = SchemaCatalog.idOf(topic.schema());
            assertTrue(id > 0 && id <= Integer.MAX_VALUE, "id must fit the 4-byte wire id: " + id);
            assertEquals(topic.schema(), SchemaCatalog.get().byId(id).orElseThrow());
        }
    }

    @Test
    void everyRoleHasItsTaskTopic() {
        for (Role role : Role.values()) {
            assertEquals("droid.tasks." + role.name().toLowerCase(), Topic.tasksFor(role).topicName());
        }
        assertEquals("droid.results.dlq", Topic.RESULTS.deadLetterTopicName());
    }

    @Test
    void anUnknownIdIsAClearError() {
        var client = new CatalogRegistryClient(SchemaCatalog.get());
        var error = assertThrows(IllegalStateException.class, () -> client.getSchemaByContentId(42L));
        assertTrue(error.getMessage().contains("schema id 42 is not in the missions schema catalog"), error.getMessage());
    }

    @Test
    void anUnknownTopicIsAClearError() {
        var error = assertThrows(IllegalArgumentException.class, () -> Topic.byName("droid.tasks.poetry"));
        assertTrue(error.getMessage().contains("droid.tasks.poetry"));
    }
}
