package dev.missions.coordinator.engine;

import dev.missions.events.MissionKind;
import dev.missions.events.Source;
import java.util.UUID;

/**
 * What a mission was asked to do, where and by whom: set when it is admitted and never changed after, so the decision
 * core does not carry it. The store needs it to address events and tasks, the re-planner to ask again.
 */
public record Charter(UUID id, String goal, String title, String context, String repository, String baseBranch,
        String missionBranch, MissionKind kind, Source source, String sourceReference, String sourceUrl, String correlationId,
        String planSource) {
}
