package dev.missions.droid.runtime.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One command to run confined.
 *
 * @param argv     the program and its arguments; a program without a slash is looked up on the sandbox's PATH
 * @param workDir  the workspace: the one writable project directory, and where the command starts
 * @param readOnly tools outside {@code /usr} the command needs (a JDK, a build tool's home), visible read-only
 * @param writable scratch directories the droid reads afterwards (report files), visible read-write
 * @param env      variables the caller sets (JAVA_HOME, CI, ...); they win over the allow-listed ones
 */
public record SandboxedCommand(List<String> argv, Path workDir, List<Path> readOnly, List<Path> writable,
        Map<String, String> env) {

    public SandboxedCommand {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        argv = List.copyOf(argv);
        readOnly = List.copyOf(readOnly);
        writable = List.copyOf(writable);
        env = Map.copyOf(env);
    }

    public static SandboxedCommand in(Path workDir, List<String> argv) {
        return new SandboxedCommand(argv, workDir, List.of(), List.of(), Map.of());
    }
}
