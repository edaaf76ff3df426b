package dev.missions.droid.runtime.tools;

import dev.missions.droid.runtime.sandbox.SandboxMeter.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns a path the model gave into one inside the workspace, or refuses. Symlinks are allowed only when they
 * resolve inside the workspace; for a file that does not exist yet its nearest existing ancestor is checked.
 */
final class SafePaths {

    private final Path root;

    SafePaths(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("workspace root is missing: " + root, e);
        }
    }

    Path root() {
        return root;
    }

    Path resolve(String given) {
        String text = given == null || given.isBlank() ? "." : given.strip();
        Path relative;
        try {
            relative = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ToolRefusal(Refusal.PATH_INVALID, "invalid path '" + text + "': " + e.getReason());
        }
        if (relative.isAbsolute() || text.startsWith("~")) {
            throw new ToolRefusal(Refusal.PATH_ABSOLUTE,
                    "absolute path '" + text + "' refused; give a path relative to the workspace root");
        }
        for (Path segment : relative) {
            if (segment.toString().equals("..")) {
                throw new ToolRefusal(Refusal.PATH_PARENT_SEGMENT,
                        "path '" + text + "' refused: '..' segments are not allowed");
            }
            if (segment.toString().equals(".git")) {
                throw new ToolRefusal(Refusal.PATH_GIT_DIR,
                        "path '" + text + "' refused: the .git directory is off limits");
            }
        }
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new ToolRefusal(Refusal.PATH_OUTSIDE_WORKSPACE, "path '" + text + "' is outside the workspace");
        }
        checkRealPath(text, resolved);
        return resolved;
    }

    private void checkRealPath(String text, Path resolved) {
        Path existing = resolved;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new ToolRefusal(Refusal.PATH_OUTSIDE_WORKSPACE, "path '" + text + "' is outside the workspace");
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            throw new ToolRefusal(Refusal.PATH_BROKEN_SYMLINK,
                    "path '" + text + "' refused: it goes through a broken symlink");
        }
        if (!real.startsWith(root)) {
            throw new ToolRefusal(Refusal.PATH_SYMLINK_OUTSIDE,
                    "path '" + text + "' refused: it leads outside the workspace through a symlink");
        }
    }

    String relative(Path path) {
        String rel = root.relativize(path).toString();
        return rel.isEmpty() ? "." : rel;
    }
}
