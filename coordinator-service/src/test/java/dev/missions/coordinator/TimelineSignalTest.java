package dev.missions.coordinator;

import dev.missions.coordinator.timeline.TimelineSignal;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class TimelineSignalTest {

    @Inject
    TimelineSignal signal;

    /** Only the timeline table's trigger and the LISTEN connection can complete it: nothing else signals. */
    @Test
    void committedTimelineEventsWakeTheStreams() throws Exception {
        CompletableFuture<Void> armed = signal.armed();
        Missions.createFeature("Wake the streams");
        armed.get(20, TimeUnit.SECONDS);
    }
}
