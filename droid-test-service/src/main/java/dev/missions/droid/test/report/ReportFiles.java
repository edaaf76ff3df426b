package dev.missions.droid.test.report;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the report files a build writes. A workspace can hold reports of an earlier run (a checked-in
 * {@code target/}, a previous attempt), so only the files this run wrote or rewrote count: compare a
 * snapshot from before the run with one from after.
 */
final class ReportFiles {

    private ReportFiles() {
    }

    /** The report files there are now, with their modification times. */
    static Map<Path, FileTime> snapshot(Build build, Path workspace, Path scratch) {
        Map<Path, FileTime> found = new HashMap<>();
        switch (build) {
            case MAVEN -> walk(workspace, found, file -> parentIs(file, "surefire-reports", "target")
                    && name(file).startsWith("TEST-") && name(file).endsWith(".xml"));
            case GRADLE -> walk(workspace, found, file -> name(file).endsWith(".xml") && under(file, "test-results", "build"));
            case NPM -> walk(workspace, found, file -> name(file).endsWith(".xml"));
            case PYTEST -> add(Build.pytestReport(scratch), found);
            case GO -> { } // its report is the output itself
        }
        return found;
    }

    /** The files in {@code after} that are new or changed since {@code before}, in a stable order. */
    static List<Path> written(Map<Path, FileTime> before, Map<Path, FileTime> after) {
        return after.entrySet().stream()
                .filter(entry -> !Objects.equals(before.get(entry.getKey()), entry.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private interface Wanted {
        boolean test(Path file);
    }

    private static void walk(Path workspace, Map<Path, FileTime> found, Wanted wanted) {
        try {
            Files.walkFileTree(workspace, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.equals(workspace) ? "" : name(dir);
                    // Dependencies' and VCS' files are no reports of this run.
                    return name.startsWith(".") || name.equals("node_modules")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && wanted.test(file)) {
                        found.put(file, attrs.lastModifiedTime());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException unreadable) {
            // what was found before the failure still counts; a missing report shows up as "no report"
        }
    }

    private static void add(Path file, Map<Path, FileTime> found) {
        try {
            if (Files.isRegularFile(file)) {
                found.put(file, Files.getLastModifiedTime(file));
            }
        } catch (IOException gone) {
            // not there: nothing to add
        }
    }

    private static String name(Path path) {
        return path.getFileName() == null ? "" : path.getFileName().toString();
    }

    private static boolean parentIs(Path file, String parent, String grandParent) {
        Path dir = file.getParent();
        return dir != null && name(dir).equals(parent) && dir.getParent() != null && name(dir.getParent()).equals(grandParent);
    }

    // Gradle writes build/test-results/<task>/TEST-*.xml, one folder per test task.
    private static boolean under(Path file, String dir, String parentOfDir) {
        for (Path p = file.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            if (name(p).equals(dir) && name(p.getParent()).equals(parentOfDir)) {
                return true;
            }
        }
        return false;
    }
}
