package dev.missions.droid.test.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;

/** Tells from the files at a workspace's root which build runs its tests. */
public final class BuildDetector {

    /** What {@link #detect} looks for, for the reason of a run that found nothing. */
    public static final String LOOKED_FOR = "pom.xml, build.gradle(.kts), settings.gradle(.kts), package.json with a test"
            + " script, pytest.ini/conftest.py/pytest config or test_*.py files, go.mod";

    // npm init writes this test script; it only fails, so it is no test suite.
    private static final String NPM_PLACEHOLDER = "no test specified";
    private static final int PYTHON_SEARCH_DEPTH = 4;
    private static final Set<String> NOT_SOURCES = Set.of("node_modules", "venv", "site-packages", "__pycache__",
            "target", "build", "dist");

    private BuildDetector() {
    }

    /**
     * The build of the repository at {@code root}. The order settles mixed repositories: a Maven or Gradle
     * project with a frontend is tested by its JVM build, a Python project with tooling in package.json has no
     * npm test script.
     */
    public static Optional<Build> detect(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        if (Files.isRegularFile(root.resolve("pom.xml"))) {
            return Optional.of(Build.MAVEN);
        }
        for (String file : new String[] {"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"}) {
            if (Files.isRegularFile(root.resolve(file))) {
                return Optional.of(Build.GRADLE);
            }
        }
        if (hasNpmTestScript(root.resolve("package.json"))) {
            return Optional.of(Build.NPM);
        }
        if (isPytestProject(root)) {
            return Optional.of(Build.PYTEST);
        }
        if (Files.isRegularFile(root.resolve("go.mod"))) {
            return Optional.of(Build.GO);
        }
        return Optional.empty();
    }

    static boolean hasNpmTestScript(Path packageJson) {
        if (!Files.isRegularFile(packageJson)) {
            return false;
        }
        try {
            JsonNode test = new ObjectMapper().readTree(packageJson.toFile()).path("scripts").path("test");
            return test.isTextual() && !test.asText().isBlank() && !test.asText().contains(NPM_PLACEHOLDER);
        } catch (IOException unreadable) {
            return false; // a package.json npm cannot read either has no test to run
        }
    }

    static boolean isPytestProject(Path root) {
        if (Files.isRegularFile(root.resolve("pytest.ini")) || Files.isRegularFile(root.resolve("conftest.py"))
                || mentions(root.resolve("pyproject.toml"), "[tool.pytest")
                || mentions(root.resolve("setup.cfg"), "[tool:pytest]")
                || mentions(root.resolve("tox.ini"), "[pytest]")) {
            return true;
        }
        return hasPythonTests(root);
    }

    private static boolean mentions(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).contains(text);
        } catch (IOException | UncheckedIOException unreadable) {
            return false;
        }
    }

    // pytest collects test_*.py and *_test.py; a shallow search finds them without walking a whole monorepo.
    private static boolean hasPythonTests(Path root) {
        boolean[] found = {false};
        try {
            Files.walkFileTree(root, Set.of(), PYTHON_SEARCH_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (name.startsWith(".") || NOT_SOURCES.contains(name));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && name.endsWith(".py")
                            && (name.startsWith("test_") || name.endsWith("_test.py"))) {
                        found[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException unreadable) {
            return found[0];
        }
        return found[0];
    }
}
