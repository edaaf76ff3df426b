package dev.missions.coordinator.admission;

import dev.missions.outbox.DatabaseRetry;
import dev.missions.outbox.OutboxRelay;
import dev.missions.events.MissionRequested;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Missions asked for on the bus (by the gateway); the same admission as the REST API. A database away is waited for. */
@ApplicationScoped
public class MissionRequestConsumer {

    @Inject
    MissionAdmission admission;

    @Inject
    OutboxRelay relay;

    @Incoming("requests")
    public Uni<Void> onRequest(MissionRequested request) {
        return DatabaseRetry.untilAvailable("mission request " + request.getMeta().getEventId(), () -> admission.admit(request))
                .invoke(relay::wake).replaceWithVoid();
    }
}
