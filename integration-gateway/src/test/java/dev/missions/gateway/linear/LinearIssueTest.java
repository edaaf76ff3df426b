package dev.missions.gateway.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinearIssueTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode data(String labelIds) {
        return json("""
                {"identifier": "ENG-1", "labelIds": %s,
                 "labels": [{"id": "m", "name": "Mission"}, {"id": "b", "name": "bug"}]}""".formatted(labelIds));
    }

    @Test
    void theTriggerLabelCountsOnlyWhenItIsGained() {
        assertTrue(LinearIssue.gainsTrigger("create", data("[\"m\"]"), json("{}"), "mission"));
        assertFalse(LinearIssue.gainsTrigger("create", data("[\"b\"]"), json("{}"), "mission"));
        assertTrue(LinearIssue.gainsTrigger("update", data("[\"m\", \"b\"]"), json("{\"labelIds\": [\"b\"]}"), "mission"));
        assertFalse(LinearIssue.gainsTrigger("update", data("[\"m\", \"b\"]"), json("{\"labelIds\": [\"m\"]}"), "mission"),
                "it had the label already");
        assertFalse(LinearIssue.gainsTrigger("update", data("[\"m\"]"), json("{\"title\": \"old\"}"), "mission"),
                "labels did not change");
        assertFalse(LinearIssue.gainsTrigger("update", data("[\"b\"]"), json("{\"labelIds\": [\"m\", \"b\"]}"), "mission"),
                "removed");
        assertTrue(LinearIssue.gainsTrigger("update", data("[\"b\"]"), json("{\"labelIds\": []}"), "bug"), "the label is configurable");
        assertFalse(LinearIssue.gainsTrigger("update", json("{\"labelIds\": \"m\", \"labels\": 3}"), json("{\"labelIds\": null}"), "mission"));
    }

    @Test
    void theRepositoryComesFromTheProjectThenTheTeam() {
        Map<String, String> repositories = Map.of("ENG", "eng.git", "Payments", "payments.git");
        assertEquals(Optional.of("eng.git"), LinearIssue.repository(json("{\"identifier\": \"ENG-9\"}"), repositories));
        assertEquals(Optional.of("payments.git"), LinearIssue.repository(
                json("{\"team\": {\"key\": \"ENG\"}, \"project\": {\"name\": \"Payments\"}}"), repositories));
        assertEquals(Optional.empty(), LinearIssue.repository(json("{\"team\": {\"key\": \"OPS\"}}"), repositories));
    }
}
