package dev.missions.gateway.progress;

import dev.missions.events.MissionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Follows every mission's progress. For now it logs it; Slack and Linear updates will hang off here. */
@ApplicationScoped
public class MissionProgressLog {

    private static final Logger LOG = Logger.getLogger(MissionProgressLog.class);

    @Incoming("mission-events")
    public void follow(MissionEvent event) {
        LOG.infof("mission %s: %s, now %s%s%s", event.getMeta().getMissionId(), event.getType(), event.getStatus(),
                event.getSubtaskId() == null ? "" : " (subtask " + event.getSubtaskId() + ")",
                event.getMessage() == null ? "" : ": " + event.getMessage());
    }
}
