package dev.missions.droid.runtime;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Which files a role may change, enforced on the diff before every commit, whatever the prompt said: review changes
 * nothing, docs only documentation, test only tests. Globs are {@code glob:} patterns on paths relative to the
 * repository root; {@code **}{@code /x} also matches {@code x} at the root.
 *
 * @param what  how refusals name the rule, e.g. "documentation paths"
 * @param globs the allowed paths; empty means no file may change
 * @param any   whether every path is allowed (code)
 */
public record AllowedChanges(String what, List<String> globs, boolean any) {

    public static final AllowedChanges ANY = new AllowedChanges("any path", List.of(), true);
    public static final AllowedChanges NONE = new AllowedChanges("no file", List.of(), false);

    /** Tests of the build tools the test droid runs: Maven and Gradle layouts, JUnit, pytest, Go, JS/TS runners. */
    public static final List<String> TEST_PATHS = List.of(
            "**/src/test/**", "**/src/integrationTest/**", "**/test/**", "**/tests/**", "**/__tests__/**",
            "**/*Test.java", "**/*Tests.java", "**/*IT.java", "**/*Test.kt", "**/*Spec.groovy",
            "**/test_*.py", "**/*_test.py", "**/conftest.py", "**/*_test.go", "**/testdata/**",
            "**/*.test.{js,jsx,ts,tsx,mjs,cjs}", "**/*.spec.{js,jsx,ts,tsx,mjs,cjs}");

    /** Documentation: Markdown, AsciiDoc and reStructuredText anywhere, doc folders, and the usual top-level files. */
    public static final List<String> DOC_PATHS = List.of(
            "**/*.md", "**/*.markdown", "**/*.adoc", "**/*.rst", "**/*.txt", "**/docs/**", "**/doc/**",
            "**/CHANGELOG*", "**/README*", "**/CONTRIBUTING*", "**/NOTICE*", "**/AUTHORS*", "mkdocs.yml");

    public AllowedChanges {
        globs = List.copyOf(globs);
    }

    public static AllowedChanges only(String what, List<String> globs) {
        return new AllowedChanges(what, globs, false);
    }

    /** The paths of {@code changed} this rule refuses, in their order. */
    public List<String> refused(List<String> changed) {
        if (any) {
            return List.of();
        }
        List<PathMatcher> matchers = globs.stream()
                .flatMap(glob -> glob.startsWith("**/") ? List.of(glob, glob.substring(3)).stream() : List.of(glob).stream())
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        return changed.stream().filter(path -> matchers.stream().noneMatch(m -> m.matches(Path.of(path)))).toList();
    }

    /** Whether the role may change files at all: a role that may not gets no tool that writes or runs commands. */
    public boolean changesFiles() {
        return any || !globs.isEmpty();
    }
}
