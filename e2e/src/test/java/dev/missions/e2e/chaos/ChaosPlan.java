package dev.missions.e2e.chaos;

import dev.missions.events.MissionKind;
import dev.missions.events.MissionRequested;
import dev.missions.schemas.Metas;
import java.util.ArrayList;
import java.util.List;

/**
 * A mission of sequential subtasks that cycle through the four roles, so every droid service works on every mission
 * and a kill of any of them hits work in flight. The stub droids never clone the repository.
 */
final class ChaosPlan {

    static final String REPOSITORY = "file:///chaos";
    private static final List<String> ROLES = List.of("code", "test", "review", "docs");

    private ChaosPlan() {
    }

    static List<String> keys(int subtasks) {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= subtasks; i++) {
            keys.add("s" + i);
        }
        return keys;
    }

    static String json(int subtasks) {
        StringBuilder plan = new StringBuilder("{\"milestones\": [{\"title\": \"chaos\", \"subtasks\": [");
        for (int i = 1; i <= subtasks; i++) {
            plan.append(i > 1 ? ", " : "").append(String.format("""
                    {"key": "s%d", "role": "%s", "title": "step %d", "instructions": "stub droid: nothing to do", \
                    "dependsOn": [%s]}""", i, ROLES.get((i - 1) % ROLES.size()), i, i > 1 ? "\"s" + (i - 1) + "\"" : ""));
        }
        return plan.append("]}]}").toString();
    }

    /** The request the gateway would send; its missionId is ours, so a request sent twice is still one mission. */
    static MissionRequested request(String missionId, int number, int subtasks) {
        return MissionRequested.newBuilder().setMeta(Metas.first(missionId)).setGoal("chaos mission " + number)
                .setRepository(REPOSITORY).setBaseBranch("main").setKind(MissionKind.FEATURE).setPlan(json(subtasks))
                .build();
    }
}
