package dev.missions.droid.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.droid.runtime.sandbox.TestSandboxes;
import dev.missions.droid.runtime.workspace.GitCredentials;
import dev.missions.droid.runtime.workspace.TestRemotes;
import dev.missions.droid.runtime.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceToolsTest {

    @TempDir
    Path tmp;

    private Workspace ws;
    private WorkspaceTools tools;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(TestRemotes.bareWithMain(tmp), "main", "m", tmp.resolve("ws"), GitCredentials.none(),
                1024 * 1024);
        tools = new WorkspaceTools(ws, ToolConfig.defaults().withAllowedCommands(List.of(List.of("echo"))),
                TestSandboxes.bubblewrap(tmp.resolve("home")));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void writeListReadAndSearch() {
        assertTrue(tools.write("src/a/Foo.java", "class Foo {\n  int x;\n  int y;\n}\n").startsWith("wrote 32 bytes"));
        assertEquals("README.md\nsrc/\n", tools.list("."));
        assertEquals("'src/a/Foo.java' lines 2-3 of 4:\n  int x;\n  int y;\n", tools.read("src/a/Foo.java", 2, 3));
        assertEquals("src/a/Foo.java:2:   int x;\n", tools.search("int x", "**.java"));
        assertEquals("no matches\n", tools.search("int x", "*.md"));
        assertTrue(tools.search("(", null).startsWith("error: invalid regex"));
    }

    @Test
    void searchStopsAtItsCap() {
        tools.write("many.txt", "hit\n".repeat(500));
        String out = tools.search("hit", null);
        assertEquals(ToolConfig.defaults().maxSearchMatches() + 1, out.lines().count());
        assertTrue(out.contains("[stopped after 100 matches"), out);
    }

    @Test
    void editNeedsExactlyOneMatch() throws Exception {
        tools.write("f.txt", "alpha\nbeta\nbeta\n");
        assertTrue(tools.edit("f.txt", "gamma", "x").startsWith("error: search text not found in 'f.txt'"));
        assertTrue(tools.edit("f.txt", "beta", "x").startsWith("error: search text occurs 2 times in 'f.txt'"));
        assertTrue(tools.edit("f.txt", "", "x").startsWith("error: edit needs a non-empty search text"));
        assertTrue(tools.edit("nope.txt", "a", "x").startsWith("error: 'nope.txt' is not an existing file"));
        assertEquals("edited 'f.txt' (1 replacement)\n", tools.edit("f.txt", "alpha\nbeta", "ALPHA\nbeta"));
        assertEquals("ALPHA\nbeta\nbeta\n", Files.readString(ws.root().resolve("f.txt")));
    }

    @Test
    void writesPastTheQuotaAreRefused() {
        String big = "x".repeat(2 * 1024 * 1024);
        String out = tools.write("big.txt", big);
        assertTrue(out.startsWith("error: workspace disk quota exceeded"), out);
        assertTrue(Files.notExists(ws.root().resolve("big.txt")));
        tools.write("f.txt", "small");
        assertTrue(tools.edit("f.txt", "small", big).startsWith("error: workspace disk quota exceeded"));
    }

    @Test
    void gitToolsAndAnAllowedCommand() {
        tools.write("new.txt", "hello\n");
        assertTrue(tools.gitStatus().contains("?? new.txt"), tools.gitStatus());
        assertTrue(tools.gitDiff().contains("+hello"), tools.gitDiff());
        ws.checkpoint("mission m subtask s: new file");
        assertTrue(tools.gitLog(1).contains("mission m subtask s: new file"), tools.gitLog(1));
        assertEquals("exit code 0\nsay 'it' twice\n", tools.run("echo say \"'it'\" twice"));
    }
}
