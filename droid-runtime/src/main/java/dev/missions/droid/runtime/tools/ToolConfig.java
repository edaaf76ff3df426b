package dev.missions.droid.runtime.tools;

import java.time.Duration;
import java.util.List;

/**
 * Limits of the workspace tools.
 *
 * @param allowedCommands command prefixes that may be run, each a token list: {@code [python, -m, pytest]} allows
 *     {@code python -m pytest -q} but not {@code python evil.py}
 */
public record ToolConfig(List<List<String>> allowedCommands, Duration commandTimeout, int maxOutputBytes,
        int maxSearchMatches, int maxReadLines, int maxListEntries) {

    public static final List<List<String>> BUILD_AND_TEST_TOOLS = List.of(
            List.of("mvn"), List.of("./mvnw"), List.of("gradle"), List.of("./gradlew"),
            List.of("npm"), List.of("npx"), List.of("pytest"), List.of("python", "-m", "pytest"),
            List.of("python3", "-m", "pytest"), List.of("go", "test"), List.of("go", "build"), List.of("go", "vet"),
            List.of("cargo", "test"), List.of("cargo", "build"), List.of("make"));

    public ToolConfig {
        allowedCommands = allowedCommands.stream().map(List::copyOf).toList();
        if (commandTimeout.isNegative() || commandTimeout.isZero() || maxOutputBytes < 1 || maxSearchMatches < 1
                || maxReadLines < 1 || maxListEntries < 1) {
            throw new IllegalArgumentException("tool limits must be positive");
        }
    }

    public static ToolConfig defaults() {
        return new ToolConfig(BUILD_AND_TEST_TOOLS, Duration.ofMinutes(10), 32 * 1024, 100, 400, 500);
    }

    public ToolConfig withAllowedCommands(List<List<String>> commands) {
        return new ToolConfig(commands, commandTimeout, maxOutputBytes, maxSearchMatches, maxReadLines,
                maxListEntries);
    }

    public ToolConfig withCommandTimeout(Duration timeout) {
        return new ToolConfig(allowedCommands, timeout, maxOutputBytes, maxSearchMatches, maxReadLines,
                maxListEntries);
    }

    public ToolConfig withMaxOutputBytes(int bytes) {
        return new ToolConfig(allowedCommands, commandTimeout, bytes, maxSearchMatches, maxReadLines,
                maxListEntries);
    }
}
