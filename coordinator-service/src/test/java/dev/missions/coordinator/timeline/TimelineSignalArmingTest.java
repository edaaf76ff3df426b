package dev.missions.coordinator.timeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TimelineSignalArmingTest {

    private final TimelineSignal signal = new TimelineSignal(null, "postgresql://localhost:5432/coordinator", "u", "p");

    @Test
    void aStreamThatStopsWaitingLeavesTheOthersArmed() {
        CompletableFuture<Void> gone = signal.armed();
        CompletableFuture<Void> waiting = signal.armed();
        gone.cancel(false); // what Mutiny does when a stream's client leaves or its wait times out

        signal.signal();

        assertTrue(waiting.isDone());
        assertFalse(waiting.isCompletedExceptionally(), "the others are woken, not failed");
    }

    @Test
    void armingAfterASignalWaitsForTheNextOne() {
        signal.signal();
        CompletableFuture<Void> armed = signal.armed();
        assertFalse(armed.isDone());
        signal.signal();
        assertTrue(armed.isDone());
    }
}
