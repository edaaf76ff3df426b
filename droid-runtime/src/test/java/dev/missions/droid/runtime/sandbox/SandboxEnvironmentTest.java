package dev.missions.droid.runtime.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxEnvironmentTest {

    @Test
    void onlyTheAllowListTheOperatorsNamesAndTheCallersVariablesGetThrough() {
        Map<String, String> droid = Map.of("PATH", "/usr/bin:/bin", "LANG", "en_US.UTF-8", "OPENAI_API_KEY", "sk-1",
                "MISSIONS_DROID_GIT_TOKEN", "ghp-2", "KAFKA_SASL_JAAS_CONFIG", "x password=\"p\"",
                "HTTP_PROXY", "http://proxy:3128", "HOME", "/root", "MAVEN_ARGS", "-pl x");

        Map<String, String> env = SandboxEnvironment.build("/home/sandbox", droid, List.of("HTTP_PROXY"),
                Map.of("JAVA_HOME", "/opt/jdk", "CI", "true"));

        assertEquals("/usr/bin:/bin", env.get("PATH"));
        assertEquals("en_US.UTF-8", env.get("LANG"));
        assertEquals("/home/sandbox", env.get("HOME"));
        assertEquals("/home/sandbox/.gradle", env.get("GRADLE_USER_HOME"));
        assertEquals("http://proxy:3128", env.get("HTTP_PROXY"));
        assertEquals("/opt/jdk", env.get("JAVA_HOME"));
        for (String name : List.of("OPENAI_API_KEY", "MISSIONS_DROID_GIT_TOKEN", "KAFKA_SASL_JAAS_CONFIG", "MAVEN_ARGS")) {
            assertFalse(env.containsKey(name), name);
        }
    }

    @Test
    void cachesGoUnderHomeAndABadEntrySaysWhatItMustLookLike() {
        assertEquals(Map.of(".m2/repository", Path.of("/var/cache/m2")), Sandboxes.caches(List.of(".m2/repository=/var/cache/m2")));
        assertThrows(SandboxUnavailableException.class, () -> Sandboxes.caches(List.of("/var/cache/m2")));
        assertThrows(IllegalArgumentException.class, () -> SandboxSettings.at(Path.of("/h")).withCache("/abs", Path.of("/x")));
        assertThrows(IllegalArgumentException.class, () -> SandboxSettings.at(Path.of("/h")).withCache("../up", Path.of("/x")));
    }

    @Test
    void relativeDirectoriesAreTakenFromTheDroidsDirectoryNotTheCommandsOne() {
        SandboxSettings settings = SandboxSettings.at(Path.of("target/sandbox")).withCache(".m2/repository", Path.of("m2"));

        assertEquals(Path.of("target/sandbox").toAbsolutePath().normalize(), settings.home());
        assertEquals(Path.of("m2").toAbsolutePath().normalize(), settings.caches().get(".m2/repository"));
    }
}
