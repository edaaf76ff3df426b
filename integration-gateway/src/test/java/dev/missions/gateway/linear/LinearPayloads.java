package dev.missions.gateway.linear;

import java.util.UUID;

/** Linear Issue webhooks shaped like the documented examples (https://linear.app/developers/webhooks). */
final class LinearPayloads {

    static final String MISSION_LABEL = "a1b2c3d4-0000-4000-8000-00000000000a";
    static final String BUG_LABEL = "a1b2c3d4-0000-4000-8000-00000000000b";

    private LinearPayloads() {
    }

    static String labelAdded(String issueId, String identifier, String title, long timestamp) {
        return issue("update", issueId, identifier, title, "ENG", "[\"" + MISSION_LABEL + "\", \"" + BUG_LABEL + "\"]",
                "{\"labelIds\": [\"" + BUG_LABEL + "\"], \"updatedAt\": \"2026-11-24T10:00:00.000Z\"}", timestamp);
    }

    static String labelRemoved(String issueId, String identifier, String title, long timestamp) {
        return issue("update", issueId, identifier, title, "ENG", "[\"" + BUG_LABEL + "\"]",
                "{\"labelIds\": [\"" + MISSION_LABEL + "\", \"" + BUG_LABEL + "\"]}", timestamp);
    }

    static String issue(String action, String issueId, String identifier, String title, String teamKey, String labelIds,
            String updatedFrom, long timestamp) {
        return """
                {
                  "action": "%s",
                  "actor": {"id": "7b1e7c8a-0b3e-4d2f-9d1a-2f9a1e0c5d11", "type": "user", "name": "Ada Lovelace"},
                  "createdAt": "2026-11-24T10:00:01.000Z",
                  "data": {
                    "id": "%s",
                    "createdAt": "2026-11-20T09:00:00.000Z",
                    "updatedAt": "2026-11-24T10:00:01.000Z",
                    "number": 123,
                    "identifier": "%s",
                    "title": "%s",
                    "description": "The greeting endpoint should say hello to the caller by name.\\n\\n- GET /greeting?name=Ada",
                    "priority": 2,
                    "url": "https://linear.app/acme/issue/%s/greeting",
                    "teamId": "5d0e7a1c-1111-4b7e-8c1e-3b1e2a9c0f00",
                    "team": {"id": "5d0e7a1c-1111-4b7e-8c1e-3b1e2a9c0f00", "key": "%s", "name": "Engineering"},
                    "stateId": "0c8f3c1a-2222-4a11-9b3e-1a2b3c4d5e6f",
                    "labelIds": %s,
                    "labels": [
                      {"id": "%s", "color": "#5e6ad2", "name": "Mission"},
                      {"id": "%s", "color": "#eb5757", "name": "Bug"}
                    ]
                  },
                  %s
                  "url": "https://linear.app/acme/issue/%s/greeting",
                  "type": "Issue",
                  "organizationId": "2f1e0d9c-3333-4c3b-8a7d-6e5f4a3b2c1d",
                  "webhookTimestamp": %d,
                  "webhookId": "%s"
                }
                """.formatted(action, issueId, identifier, title, identifier, teamKey, labelIds, MISSION_LABEL, BUG_LABEL,
                updatedFrom == null ? "" : "\"updatedFrom\": " + updatedFrom + ",", identifier, timestamp, UUID.randomUUID());
    }
}
