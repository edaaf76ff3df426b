package dev.missions.droid.runtime.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    private static final long QUOTA = 10L * 1024 * 1024;

    @TempDir
    Path tmp;

    private String remote;
    private Path workspaces;

    @BeforeEach
    void remote() throws Exception {
        remote = TestRemotes.bareWithMain(tmp);
        workspaces = tmp.resolve("workspaces");
    }

    private Workspace open() {
        return Workspace.open(remote, "main", "mission/m-1", workspaces, GitCredentials.none(), QUOTA);
    }

    @Test
    void aCheckpointPushedByOneAttemptIsWhereTheNextResumes() throws Exception {
        String commit;
        try (Workspace first = open()) {
            assertTrue(Files.exists(first.root().resolve("README.md")), "base branch checked out");
            Files.writeString(first.root().resolve("Hello.java"), "class Hello {}\n");
            Files.writeString(first.root().resolve("README.md"), "# changed by attempt 1\n");
            assertTrue(first.status().contains("?? Hello.java"), first.status());
            assertTrue(first.diffAgainstBase().contains("+class Hello {}"), first.diffAgainstBase());
            commit = first.checkpoint("mission m-1 subtask s-1: hello").orElseThrow();
            first.push();
        }
        try (Workspace second = open()) {
            assertEquals("class Hello {}\n", Files.readString(second.root().resolve("Hello.java")));
            assertEquals("# changed by attempt 1\n", Files.readString(second.root().resolve("README.md")),
                    "a base file the checkpoint changed comes back changed");
            String log = second.log(5);
            assertTrue(log.startsWith(commit.substring(0, 7)), log);
            assertTrue(log.contains("missions droid: mission m-1 subtask s-1: hello"), log);
            assertTrue(log.contains("initial"), log);
            Files.writeString(second.root().resolve("Hello.java"), "class Hello { int x; }\n");
            assertTrue(second.checkpoint("mission m-1 subtask s-1: attempt 2").isPresent());
            second.push();
        }
    }

    @Test
    void aCheckpointWithoutChangesIsANoOp() throws Exception {
        try (Workspace ws = open()) {
            assertEquals(Optional.empty(), ws.checkpoint("nothing"));
            Files.delete(ws.root().resolve("README.md"));
            assertTrue(ws.checkpoint("deleted readme").isPresent(), "a deletion is a change");
            assertEquals(Optional.empty(), ws.checkpoint("nothing again"));
        }
    }

    @Test
    void closeDeletesTheWorkspace() {
        Workspace ws = open();
        Path root = ws.root();
        ws.close();
        assertFalse(Files.exists(root));
    }

    @Test
    void aCloneOverTheQuotaIsRefusedAndRemoved() throws Exception {
        var e = assertThrows(QuotaExceededException.class,
                () -> Workspace.open(remote, "main", "m", workspaces, GitCredentials.none(), 100));
        assertTrue(e.getMessage().contains("quota"), e.getMessage());
        try (var left = Files.list(workspaces)) {
            assertEquals(0, left.count(), "no workspace left behind");
        }
    }

    @Test
    void aMissingBaseBranchIsAClearError() {
        var e = assertThrows(WorkspaceException.class,
                () -> Workspace.open(remote, "develop", "m", workspaces, GitCredentials.none(), QUOTA));
        assertTrue(e.getMessage().contains("no branch develop"), e.getMessage());
    }

    @Test
    void theTokenNeverAppearsInAnError() {
        String token = "ghp_s3cr3tT0kenValue";
        for (String url : new String[] {"https://127.0.0.1:1/org/repo.git",
                "https://droid:" + token + "@127.0.0.1:1/org/repo.git"}) {
            var e = assertThrows(WorkspaceException.class, () -> Workspace.open(url, "main", "m", workspaces,
                    GitCredentials.token(token), QUOTA));
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(token), t.getMessage());
                assertFalse(t.toString().contains(token), t.toString());
            }
            assertTrue(e.getMessage().startsWith("cannot open workspace"), e.getMessage());
        }
        assertFalse(GitCredentials.token(token).toString().contains(token));
    }
}
