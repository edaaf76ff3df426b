package dev.missions.coordinator.command;

import dev.missions.outbox.DatabaseRetry;
import dev.missions.outbox.OutboxRelay;
import dev.missions.events.MissionCommand;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Commands from the bus (Slack buttons, the gateway); a refused one is logged, never retried forever. */
@ApplicationScoped
public class CommandConsumer {

    @Inject
    MissionCommands commands;

    @Inject
    OutboxRelay relay;

    @Incoming("commands")
    public Uni<Void> onCommand(MissionCommand command) {
        return DatabaseRetry.untilAvailable("command " + command.getMeta().getEventId(), () -> commands.apply(command)).invoke(outcome -> {
            if (!outcome.applied()) {
                Log.warnf("command %s for mission %s refused: %s", command.getCommand(), command.getMeta().getMissionId(),
                        outcome.refusal());
            }
            relay.wake();
        }).replaceWithVoid();
    }
}
