package dev.missions.coordinator.command;

import dev.missions.coordinator.core.BudgetLimits;
import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.coordinator.inbox.Inbox;
import dev.missions.coordinator.mission.Mission;
import dev.missions.events.Budget;
import dev.missions.events.MissionCommand;
import dev.missions.schemas.Topic;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** People steering a mission: approve, reject, pause, resume, cancel, retry. Same rules from REST and the bus. */
@ApplicationScoped
public class MissionCommands {

    /** What became of a command: applied (with the mission), refused (why), or no such mission. */
    public record Outcome(Mission mission, String refusal) {
        public boolean applied() {
            return mission != null && refusal == null;
        }
    }

    private final Inbox inbox;
    private final MissionEngine engine;

    public MissionCommands(Inbox inbox, MissionEngine engine) {
        this.inbox = inbox;
        this.engine = engine;
    }

    @WithTransaction
    public Uni<Outcome> apply(MissionCommand command) {
        UUID missionId = UUID.fromString(command.getMeta().getMissionId());
        return inbox.firstDelivery(command.getMeta().getEventId(), Topic.MISSION_COMMANDS.topicName())
                .flatMap(first -> first
                        ? engine.underLock(missionId, input(command), command.getMeta().getEventId())
                                .map(applied -> applied == null ? new Outcome(null, "no mission " + missionId)
                                        : new Outcome(applied.mission(), applied.decision().refusal()))
                        // a command delivered again was applied the first time
                        : Mission.<Mission>findById(missionId).map(mission -> new Outcome(mission,
                                mission == null ? "no mission " + missionId : null)));
    }

    private static Input.Command input(MissionCommand command) {
        Budget raise = command.getBudget();
        return new Input.Command(command.getCommand(), command.getActor(), command.getReason(), raise == null ? null
                : new BudgetLimits(raise.getMaxTokens(), raise.getMaxCostUsd(), raise.getMaxWallClockSeconds()));
    }
}
