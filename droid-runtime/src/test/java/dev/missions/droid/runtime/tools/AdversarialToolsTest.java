package dev.missions.droid.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.droid.runtime.sandbox.TestSandboxes;
import dev.missions.droid.runtime.workspace.GitCredentials;
import dev.missions.droid.runtime.workspace.TestRemotes;
import dev.missions.droid.runtime.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tries to get out of the workspace through every tool; nothing may get out, and nothing may take long. */
class AdversarialToolsTest {

    private static final String SECRET = "outside-secret-content";
    private static final int MAX_OUTPUT = 4096;

    @TempDir
    static Path tmp;

    static Path outside;
    static Workspace ws;
    static WorkspaceTools tools;

    @BeforeAll
    static void setUp() throws Exception {
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        ws = Workspace.open(TestRemotes.bareWithMain(tmp), "main", "m", tmp.resolve("ws"), GitCredentials.none(),
                1024 * 1024);
        Files.createSymbolicLink(ws.root().resolve("link"), outside);
        Files.createSymbolicLink(ws.root().resolve("linkfile"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(ws.root().resolve("dangling"), outside.resolve("not-yet.txt"));
        var config = ToolConfig.defaults().withCommandTimeout(Duration.ofSeconds(1)).withMaxOutputBytes(MAX_OUTPUT)
                .withAllowedCommands(List.of(List.of("mvn"), List.of("./mvnw"), List.of("sleep"), List.of("seq"),
                        List.of("yes"), List.of("cat"), List.of("sh", "tree.sh")));
        tools = new WorkspaceTools(ws, config, TestSandboxes.bubblewrap(tmp.resolve("home")));
    }

    @AfterAll
    static void tearDown() {
        ws.close();
    }

    @AfterEach
    void nothingEscaped() throws Exception {
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("secret.txt")), files.toList(), "no file created outside");
        }
        assertEquals(SECRET, Files.readString(outside.resolve("secret.txt")), "outside file untouched");
    }

    private static void assertRefused(String result) {
        assertTrue(result.startsWith("error: "), result);
        assertTrue(!result.contains(SECRET) && !result.contains("root:x:0:0"), "leaked: " + result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "a/../../x", "../outside/secret.txt", "link/secret.txt",
            "linkfile", "link", "dangling", "link/new.txt", ".git/config", ".git/hooks/pre-commit", "~/x",
            "./../outside/secret.txt", "a/b/../../../x", "nul\0byte"})
    void pathsOutsideTheWorkspaceAreRefusedByEveryFileTool(String path) {
        assertRefused(tools.read(path, 1, 10));
        assertRefused(tools.write(path, "pwned"));
        assertRefused(tools.edit(path, SECRET, "pwned"));
        assertRefused(tools.list(path));
    }

    @Test
    void anAbsolutePathIntoTheWorkspaceIsStillRefused() {
        assertRefused(tools.read(outside.resolve("secret.txt").toString(), 1, 1));
        assertRefused(tools.read(ws.root().resolve("README.md").toString(), 1, 1));
    }

    @Test
    void searchDoesNotFollowSymlinksOut() {
        assertEquals("no matches\n", tools.search(SECRET, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rm -rf /", "mvn; rm -rf x", "mvn $(whoami)", "mvn && curl x", "mvn `whoami`",
            "mvn\nrm -rf x", "mvn | tee x", "mvn > x", "mvn < /etc/passwd", "mvn & sleep 100", "mvn ${HOME}",
            "sh -c 'mvn'", "bash", "/usr/bin/mvn", "cat /etc/passwd", "cat ../outside/secret.txt",
            "cat link/secret.txt", "mvn -f=/etc/pom.xml", "mvn -f ../../pom.xml", "./mvnw", "mvn 'unterminated",
            "mvn \\\nrm", "", "   "})
    void commandsOffTheAllowListOrWithShellSyntaxAreRefusedFast(String command) {
        long start = System.nanoTime();
        assertRefused(tools.run(command));
        assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), "refused without running");
    }

    @Test
    void aRunawayCommandIsKilledInBoundedTime() {
        long start = System.nanoTime();
        String out = tools.run("sleep 30");
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(out.startsWith("error: command timed out after 1 s and was killed"), out);
        assertTrue(millis < 4000, "took " + millis + " ms");
    }

    @Test
    void aTimedOutCommandsWholeProcessTreeIsKilled() throws Exception {
        Files.writeString(ws.root().resolve("tree.sh"), "sleep 31 &\nsleep 32 &\nwait\n");
        assertTrue(tools.run("sh tree.sh").startsWith("error: command timed out"));
        Thread.sleep(200);
        assertEquals(List.of(), ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(a -> a.equals("31") || a.equals("32")))
                .filter(p -> p.info().command().orElse("").endsWith("sleep")).toList());
        Files.delete(ws.root().resolve("tree.sh"));
    }

    @Test
    void hugeOutputIsCappedAndItsTailKept() {
        String out = tools.run("seq 1 2000000");
        assertTrue(out.startsWith("exit code 0\n[... "), out.substring(0, 100));
        assertTrue(out.contains(" bytes of earlier output dropped ...]"));
        assertTrue(out.endsWith("1999999\n2000000\n"), "tail kept");
        assertTrue(out.length() < MAX_OUTPUT + 100, "capped: " + out.length());
    }

    @Test
    void endlessOutputIsBothTimedOutAndCapped() {
        long start = System.nanoTime();
        String out = tools.run("yes pwned");
        assertTrue(out.startsWith("error: command timed out"), out.substring(0, 100));
        assertTrue(out.length() < MAX_OUTPUT + 200, "capped: " + out.length());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4000);
    }
}
