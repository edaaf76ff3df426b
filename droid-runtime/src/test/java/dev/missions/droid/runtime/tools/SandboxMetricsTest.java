package dev.missions.droid.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.droid.runtime.DroidIdentity;
import dev.missions.droid.runtime.DroidMetrics;
import dev.missions.droid.runtime.sandbox.TestSandboxes;
import dev.missions.droid.runtime.workspace.GitCredentials;
import dev.missions.droid.runtime.workspace.TestRemotes;
import dev.missions.droid.runtime.workspace.Workspace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools report each sandboxed run by how it ended, and each refusal of the confinement by its reason. */
class SandboxMetricsTest {

    @TempDir
    Path tmp;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Workspace ws;
    private WorkspaceTools tools;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(TestRemotes.bareWithMain(tmp), "main", "m", tmp.resolve("ws"), GitCredentials.none(),
                1024 * 1024);
        ToolConfig config = ToolConfig.defaults()
                .withAllowedCommands(List.of(List.of("echo"), List.of("false"), List.of("sleep")))
                .withCommandTimeout(Duration.ofSeconds(1));
        tools = new WorkspaceTools(ws, config, TestSandboxes.bubblewrap(tmp.resolve("home")),
                new DroidMetrics(registry, new DroidIdentity("code", Optional.empty())));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void eachRunCountsByHowItEnded() {
        assertTrue(tools.run("echo hi").startsWith("exit code 0"));
        assertTrue(tools.run("false").startsWith("exit code 1"));
        assertTrue(tools.run("sleep 30").startsWith("error: command timed out"));

        assertEquals(Map.of("exited_zero", 1.0, "exited_nonzero", 1.0, "timed_out", 1.0),
                counts("missions.sandbox.runs", "outcome"));
    }

    @Test
    void refusalsCountByReasonAndNeverRunButAFailedCallIsNoRefusal() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(ws.root().resolve("out"), elsewhere);
        Files.createSymbolicLink(ws.root().resolve("dangling"), tmp.resolve("gone"));

        List.of("rm -rf src", "cat README.md", "echo a; echo b", "echo 'open", "", "echo /etc/passwd", "echo ../up")
                .forEach(command -> assertTrue(tools.run(command).startsWith(WorkspaceTools.ERROR), command));
        List.of("../up.txt", ".git/config", "/etc/passwd", "~/notes", "out/secret", "dangling/x")
                .forEach(path -> assertTrue(tools.read(path, 1, 0).startsWith(WorkspaceTools.ERROR), path));
        assertTrue(tools.edit("missing.txt", "a", "b").startsWith(WorkspaceTools.ERROR));
        assertTrue(tools.search("(", null).startsWith(WorkspaceTools.ERROR));

        Map<String, Double> refused = counts("missions.sandbox.refusals", "reason");
        refused.values().removeIf(n -> n == 0);
        assertEquals(Map.of("command_not_allowed", 2.0, "shell_metacharacter", 1.0, "command_malformed", 2.0,
                "path_absolute", 3.0, "path_parent_segment", 2.0, "path_git_dir", 1.0, "path_symlink_outside", 1.0,
                "path_broken_symlink", 1.0), refused);
        assertEquals(0, counts("missions.sandbox.runs", "outcome").values().stream().mapToDouble(d -> d).sum(),
                "nothing refused ran");
    }

    private Map<String, Double> counts(String name, String key) {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter counter : registry.find(name).tag("role", "code").counters()) {
            counts.put(counter.getId().getTag(key), counter.count());
        }
        return counts;
    }
}
