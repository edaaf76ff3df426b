package dev.missions.droid.runtime;

import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Missions cancelled by a person, heard on missions.events by every droid instance (a consumer group
 * of its own), in batches, decoding only the cancellations. Work checks it before starting and between steps, and
 * stops.
 */
@ApplicationScoped
public class Cancellations {

    private static final Logger LOG = Logger.getLogger(Cancellations.class);
    /** Bounded: the oldest cancellations are forgotten first, long after their tasks are gone. */
    private static final int REMEMBERED = 10_000;

    private final Set<String> cancelled = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<String, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    /** The events of one poll; those {@link CancellationFilter} did not decode are null. */
    @Incoming("mission-control")
    public void onMissionEvents(List<MissionEvent> events) {
        for (MissionEvent event : events) {
            if (event != null && event.getType() == MissionEventType.CANCELLED) {
                cancelled.add(event.getMeta().getMissionId());
                LOG.infof("mission %s cancelled: its subtasks stop here", event.getMeta().getMissionId());
            }
        }
    }

    public boolean isCancelled(String missionId) {
        return cancelled.contains(missionId);
    }
}
