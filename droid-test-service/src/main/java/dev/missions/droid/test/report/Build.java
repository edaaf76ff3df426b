package dev.missions.droid.test.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The builds the test droid knows how to run, and the command line that runs each one's tests. */
public enum Build {
    MAVEN("Maven"),
    GRADLE("Gradle"),
    NPM("npm"),
    PYTEST("pytest"),
    GO("Go");

    private final String label;

    Build(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The command that runs every test of the workspace at {@code root}. {@code scratch} is a directory outside
     * the workspace for report files the build is told to write (pytest), so the run leaves no stray files.
     */
    public List<String> command(Path root, Toolchain toolchain, Path scratch) {
        List<String> command = new ArrayList<>();
        switch (this) {
            // Keep going past failing tests and modules: the reports of all tests are the result, not the first red one.
            case MAVEN -> {
                command.add(wrapperOr(root, "mvnw", toolchain.executable(MAVEN)));
                command.addAll(List.of("-B", "-ntp", "-fae", "-Dstyle.color=never",
                        "-Dmaven.test.failure.ignore=true", "-Dsurefire.failIfNoSpecifiedTests=false", "test"));
            }
            // --no-daemon: a daemon would outlive the timeout's process-tree kill and keep the workspace busy.
            case GRADLE -> {
                command.add(wrapperOr(root, "gradlew", toolchain.executable(GRADLE)));
                command.addAll(List.of("--no-daemon", "--console=plain", "--continue", "test"));
            }
            case NPM -> command.addAll(List.of(toolchain.executable(NPM), "test"));
            // No cache provider: it would write .pytest_cache into the workspace.
            case PYTEST -> command.addAll(List.of(toolchain.executable(PYTEST), "-m", "pytest", "-p", "no:cacheprovider",
                    "--junitxml=" + pytestReport(scratch)));
            case GO -> command.addAll(List.of(toolchain.executable(GO), "test", "-json", "./..."));
        }
        return command;
    }

    /** Where the pytest command writes its JUnit XML. */
    static Path pytestReport(Path scratch) {
        return scratch.resolve("pytest-junit.xml").toAbsolutePath();
    }

    // The project's own wrapper pins the build tool version it was written for; absolute, since a relative
    // path would be resolved against this JVM's directory, not the workspace.
    private static String wrapperOr(Path root, String wrapper, String fallback) {
        Path script = root.resolve(wrapper);
        return Files.isRegularFile(script) && Files.isExecutable(script) ? script.toAbsolutePath().toString() : fallback;
    }
}
