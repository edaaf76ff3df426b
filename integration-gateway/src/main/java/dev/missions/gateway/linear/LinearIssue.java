package dev.missions.gateway.linear;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.gateway.http.Json;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decision on one verified Linear Issue event: does its label set gain the trigger label? The label
 * counts as gained when it is on the issue now and was not before: on create it was not there; on update
 * {@code updatedFrom.labelIds} is the set before, and without it the labels did not change.
 */
final class LinearIssue {

    private LinearIssue() {
    }

    /** Ids of the trigger label on this issue, matched by name in {@code data.labels}. */
    static Set<String> triggerLabelIds(JsonNode data, String triggerLabel) {
        Set<String> ids = new HashSet<>();
        for (JsonNode label : data.path("labels")) {
            if (label.path("name").isTextual() && label.path("id").isTextual()
                    && label.path("name").asText().strip().equalsIgnoreCase(triggerLabel.strip())) {
                ids.add(label.path("id").asText());
            }
        }
        return ids;
    }

    static boolean gainsTrigger(String action, JsonNode data, JsonNode updatedFrom, String triggerLabel) {
        Set<String> trigger = triggerLabelIds(data, triggerLabel);
        boolean hasNow = contains(data.path("labelIds"), trigger);
        if (!hasNow) {
            return false;
        }
        if ("create".equals(action)) {
            return true;
        }
        if (!updatedFrom.has("labelIds")) {
            return false;
        }
        return !contains(updatedFrom.path("labelIds"), trigger);
    }

    /** The repository of the issue: its project (by name or id) first, then its team key. */
    static Optional<String> repository(JsonNode data, Map<String, String> repositories) {
        for (String candidate : new String[] {Json.optionalText(data, "/project/name"), Json.optionalText(data, "/projectId"),
                Json.optionalText(data, "/project/id"), teamKey(data)}) {
            if (candidate != null && repositories.containsKey(candidate)) {
                return Optional.of(repositories.get(candidate));
            }
        }
        return Optional.empty();
    }

    /** The team key, from {@code data.team.key} or the identifier's prefix (ENG-123 → ENG). */
    static String teamKey(JsonNode data) {
        String key = Json.optionalText(data, "/team/key");
        String identifier = Json.optionalText(data, "/identifier");
        if (key == null && identifier != null && identifier.contains("-")) {
            key = identifier.substring(0, identifier.lastIndexOf('-'));
        }
        return key == null ? null : key.toUpperCase(Locale.ROOT);
    }

    private static boolean contains(JsonNode labelIds, Set<String> trigger) {
        for (JsonNode id : labelIds) {
            if (id.isTextual() && trigger.contains(id.asText())) {
                return true;
            }
        }
        return false;
    }
}
