package dev.missions.coordinator.command;

import dev.missions.coordinator.core.BudgetLimits;
import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.events.Budget;
import dev.missions.events.MissionCommand;
import dev.missions.schemas.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** People steering a mission: approve, reject, pause, resume, cancel, retry. Same rules from REST and the bus. */
@ApplicationScoped
public class MissionCommands {

    /** What became of a command: applied, refused (why), or no such mission ({@code found} false). */
    public record Outcome(boolean found, String refusal) {
        public boolean applied() {
            return found && refusal == null;
        }
    }

    private final MissionEngine engine;

    public MissionCommands(MissionEngine engine) {
        this.engine = engine;
    }

    /** A command delivered again was applied the first time. */
    public Uni<Outcome> apply(MissionCommand command) {
        UUID missionId = UUID.fromString(command.getMeta().getMissionId());
        return engine.apply(new MissionEngine.Event(missionId, command.getMeta().getEventId(),
                        Topic.MISSION_COMMANDS.topicName(), record -> input(command), null, command.getMeta().getEventId()))
                .map(applied -> applied.record() == null ? new Outcome(false, "no mission " + missionId)
                        : new Outcome(true, applied.repeated() ? null : applied.decision().refusal()));
    }

    private static Input.Command input(MissionCommand command) {
        Budget raise = command.getBudget();
        return new Input.Command(command.getCommand(), command.getActor(), command.getReason(), raise == null ? null
                : new BudgetLimits(raise.getMaxTokens(), raise.getMaxCostUsd(), raise.getMaxWallClockSeconds()));
    }
}
