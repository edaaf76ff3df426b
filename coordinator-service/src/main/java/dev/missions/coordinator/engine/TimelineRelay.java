package dev.missions.coordinator.engine;

import dev.missions.outbox.RelayedTimeline;
import dev.missions.schemas.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The store writes each mission event once, as a timeline row with its payload, and the relay publishes missions.events
 * from there (decision 0055): the timeline is that topic's outbox.
 */
@ApplicationScoped
public class TimelineRelay {

    @Produces
    @Singleton // a record cannot be proxied
    RelayedTimeline timeline() {
        return new RelayedTimeline("mission_event", Topic.MISSION_EVENTS);
    }
}
