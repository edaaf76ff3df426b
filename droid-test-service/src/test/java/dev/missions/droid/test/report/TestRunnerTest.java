package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestRunnerTest {

    @Test
    void theBuildGetsTheToolchainsJdkFirstOnThePathAndCiSet() {
        Map<String, String> env = TestRunner.childEnvironment(Toolchain.defaults().withJavaHome(Path.of("/opt/jdk-25")));

        assertEquals("/opt/jdk-25", env.get("JAVA_HOME"));
        assertTrue(env.get("PATH").startsWith("/opt/jdk-25/bin:"), env.get("PATH"));
        assertEquals("true", env.get("CI"));
        assertEquals(3, env.size(), "the rest comes from the sandbox's allow-list: " + env);
    }

    @Test
    void theSandboxSeesTheJdkAndTheBuildToolsHomeButNotAWorkspaceScriptsDirectory() {
        Toolchain toolchain = Toolchain.defaults().withJavaHome(Path.of("/opt/jdk-25"));
        Path workspace = Path.of("/tmp/ws");

        assertEquals(List.of(Path.of("/opt/jdk-25"), Path.of("/opt/maven-3.9")),
                TestRunner.tools(List.of("/opt/maven-3.9/bin/mvn", "test"), workspace, toolchain));
        assertEquals(List.of(Path.of("/opt/jdk-25")), TestRunner.tools(List.of("/tmp/ws/mvnw", "test"), workspace, toolchain));
        assertEquals(List.of(Path.of("/opt/jdk-25")), TestRunner.tools(List.of("mvn", "test"), workspace, toolchain));
    }

    @Test
    void theTailKeepsTheLastBytesAcrossWrapsAndLargeChunks() {
        TestRunner.Tail tail = new TestRunner.Tail(1024);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            String line = "line " + i + "\n";
            all.append(line);
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            tail.append(bytes, bytes.length);
        }
        String text = tail.text();
        String kept = text.substring(text.indexOf('\n') + 1);
        assertTrue(text.startsWith("[" + (all.length() - 1024) + " earlier bytes of output cut]"), text);
        assertTrue(all.toString().endsWith(kept), "the kept lines are the last ones, in order");
        assertTrue(kept.length() > 900 && kept.endsWith("line 499\n"), kept);

        byte[] big = ("x".repeat(3000) + "\nthe end\n").getBytes(StandardCharsets.UTF_8);
        tail.append(big, big.length);
        assertTrue(tail.text().endsWith("\nthe end\n"), tail.text());
        assertFalse(tail.text().contains("line 499"));
    }
}
