package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestRunnerTest {

    @Test
    void theChildGetsTheToolchainsJdkAndNoneOfTheDroidsSecrets() {
        Map<String, String> env = new HashMap<>(Map.of(
                "PATH", "/usr/bin",
                "HOME", "/home/droid",
                "ANTHROPIC_API_KEY", "sk-1",
                "GITHUB_TOKEN", "ghp-2",
                "KAFKA_SASL_PASSWORD", "p-3",
                "MAVEN_ARGS", "-pl coordinator-service",
                "JAVA_HOME", "/usr/lib/jvm/java-17"));

        TestRunner.childEnvironment(env, Toolchain.defaults().withJavaHome(Path.of("/opt/jdk-25")));

        assertEquals("/opt/jdk-25", env.get("JAVA_HOME"));
        assertEquals("/opt/jdk-25/bin:/usr/bin", env.get("PATH"));
        assertEquals("/home/droid", env.get("HOME"));
        assertEquals("true", env.get("CI"));
        assertFalse(env.containsKey("MAVEN_ARGS"), "the droid's own build arguments are not the workspace's");
        for (String secret : new String[] {"ANTHROPIC_API_KEY", "GITHUB_TOKEN", "KAFKA_SASL_PASSWORD"}) {
            assertFalse(env.containsKey(secret), secret + " leaked to the tests");
        }
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
