package dev.missions.droid.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.missions.events.Casting;
import dev.missions.events.EventMeta;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.events.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultPublisherTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123456Z");

    @Test
    void aCompletionContinuesTheTasksCausalChain() {
        SubtaskAssigned task = task();
        SubtaskCompleted completed = ResultPublisher.completionOf(task,
                WorkResult.succeeded("done", Map.of("received", "true")), List.of(), "code@host:1", NOW);

        EventMeta meta = completed.getMeta();
        assertNotEquals(task.getMeta().getEventId(), meta.getEventId());
        assertEquals(Instant.parse("2026-11-24T10:15:30.123Z"), meta.getOccurredAt());
        assertEquals("m-1", meta.getMissionId());
        assertEquals("c-1", meta.getCorrelationId());
        assertEquals("e-1", meta.getCausationId());
        assertEquals("s-1", completed.getSubtaskId());
        assertEquals(3, completed.getAttempt());
        assertEquals(Role.CODE, completed.getRole());
        assertEquals("code@host:1", completed.getDroidId());
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome());
        assertEquals(Map.of("received", "true"), completed.getArtifacts());
        assertEquals(task.getCasting(), completed.getCasting());
        assertNull(completed.getFailureReason());
    }

    @Test
    void aFailureCarriesItsReason() {
        SubtaskCompleted completed = ResultPublisher.completionOf(task(), WorkResult.failed("no luck", "build broke"),
                List.of(), "code@host:1", NOW);
        assertEquals(Outcome.FAILED, completed.getOutcome());
        assertEquals("build broke", completed.getFailureReason());
    }

    @Test
    void theBriefCarriesInstructionsCriteriaAndInputsAndTheSystemPromptKeepsItsPrefix() {
        SubtaskAssigned task = SubtaskAssigned.newBuilder(task()).setAcceptanceCriteria(java.util.List.of("tests pass"))
                .setInputs(Map.of("reviewComments", "Shop.java:3: name the constant", "empty", " ")).build();
        String brief = Briefs.task(task);
        assertEquals(true, brief.contains("Mission m-1, subtask s-1 (attempt 3): t"), brief);
        assertEquals(true, brief.contains("- tests pass"), brief);
        assertEquals(true, brief.contains("reviewComments:\nShop.java:3: name the constant"), brief);
        assertEquals(false, brief.contains("empty"), brief);
        assertEquals(true, brief.contains("checkpoint commits"), brief);
        String code = Briefs.system("Write code.");
        String docs = Briefs.system("Write docs.");
        int shared = 0;
        while (code.charAt(shared) == docs.charAt(shared)) {
            shared++;
        }
        assertEquals(true, shared > 400, "roles share a long prompt prefix, so providers can cache it: " + shared);
    }

    @Test
    void theDefaultDroidIdNamesRoleAndProcess() {
        String id = new DroidIdentity("Review", java.util.Optional.empty()).droidId();
        assertEquals(true, id.startsWith("review@") && id.endsWith(":" + ProcessHandle.current().pid()), id);
        assertEquals("given", new DroidIdentity("code", java.util.Optional.of("given")).droidId());
    }

    private static SubtaskAssigned task() {
        return SubtaskAssigned.newBuilder()
                .setMeta(EventMeta.newBuilder().setEventId("e-1").setOccurredAt(NOW).setMissionId("m-1")
                        .setCorrelationId("c-1").build())
                .setSubtaskId("s-1")
                .setAttempt(3)
                .setRole(Role.CODE)
                .setTitle("t")
                .setInstructions("i")
                .setCasting(Casting.newBuilder().setProvider("replay").setModel("m").build())
                .setWorkspace(Workspace.newBuilder().setRepository("file:///r").setBaseBranch("main")
                        .setMissionBranch("missions/m-1").build())
                .build();
    }
}
