package dev.missions.droid.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.Casting;
import dev.missions.events.EventMeta;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoopWorkTest {

    @TempDir
    Path dir;

    @Test
    void withoutAMaximumTheDelayIsFixedAndNothingIsRecorded() {
        NoopWork noop = new NoopWork(Duration.ZERO, Duration.ZERO, Optional.empty(), "code-1");
        assertEquals(Duration.ZERO, noop.delay());
        assertEquals(Outcome.SUCCEEDED, noop.perform(task("s-1", 1)).outcome());
        assertEquals(Duration.ofMillis(30), new NoopWork(Duration.ofMillis(30), Duration.ZERO, Optional.empty(), "c").delay());
    }

    @Test
    void aMaximumMakesEachDelayRandomBetweenTheBounds() {
        NoopWork noop = new NoopWork(Duration.ofMillis(10), Duration.ofMillis(50), Optional.empty(), "code-1");
        for (int i = 0; i < 200; i++) {
            Duration delay = noop.delay();
            assertTrue(delay.toMillis() >= 10 && delay.toMillis() <= 50, delay.toString());
        }
    }

    @Test
    void eachEffectIsAppendedToTheInstancesOwnLedger() throws Exception {
        NoopWork first = new NoopWork(Duration.ZERO, Duration.ZERO, Optional.of(dir), "droid-code-service-1");
        NoopWork second = new NoopWork(Duration.ZERO, Duration.ZERO, Optional.of(dir), "droid-code-service-2");
        first.perform(task("s-1", 1));
        first.perform(task("s-1", 2));
        second.perform(task("s-2", 1));

        assertEquals(List.of("m-1 s-1 1 droid-code-service-1", "m-1 s-1 2 droid-code-service-1"),
                Files.readAllLines(dir.resolve("droid-code-service-1.ledger")));
        assertEquals(List.of("m-1 s-2 1 droid-code-service-2"), Files.readAllLines(dir.resolve("droid-code-service-2.ledger")));
    }

    private static SubtaskAssigned task(String subtaskId, int attempt) {
        return SubtaskAssigned.newBuilder()
                .setMeta(EventMeta.newBuilder().setEventId("e-1").setOccurredAt(Instant.now()).setMissionId("m-1")
                        .setCorrelationId("c-1").build())
                .setSubtaskId(subtaskId)
                .setAttempt(attempt)
                .setRole(Role.CODE)
                .setTitle("t")
                .setInstructions("i")
                .setCasting(Casting.newBuilder().setProvider("noop").setModel("stub").build())
                .setWorkspace(Workspace.newBuilder().setRepository("file:///r").setBaseBranch("main")
                        .setMissionBranch("missions/m-1").build())
                .build();
    }
}
