package dev.missions.droid.runtime.tools;

import dev.missions.droid.runtime.workspace.DiskQuota;
import dev.missions.droid.runtime.workspace.QuotaExceededException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** list, read, write and edit, confined to the workspace; refusals are {@link ToolRefusal}s. */
final class FileTools {

    private final SafePaths paths;
    private final DiskQuota quota;
    private final ToolConfig config;

    FileTools(SafePaths paths, DiskQuota quota, ToolConfig config) {
        this.paths = paths;
        this.quota = quota;
        this.config = config;
    }

    String list(String dir) throws IOException {
        Path path = paths.resolve(dir);
        if (!Files.isDirectory(path)) {
            throw new ToolRefusal("'" + dir + "' is not a directory");
        }
        try (Stream<Path> entries = Files.list(path)) {
            List<String> names = entries.filter(p -> !p.getFileName().toString().equals(".git"))
                    .map(p -> p.getFileName() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
                    .sorted().toList();
            var out = new StringBuilder();
            names.stream().limit(config.maxListEntries()).forEach(n -> out.append(n).append('\n'));
            if (names.size() > config.maxListEntries()) {
                out.append("[... ").append(names.size() - config.maxListEntries()).append(" more entries]\n");
            }
            return out.isEmpty() ? "(empty directory)\n" : out.toString();
        }
    }

    /** Lines {@code fromLine..toLine}, 1-based and inclusive; at most maxReadLines of them. */
    String read(String file, int fromLine, int toLine) throws IOException {
        Path path = regularFile(file);
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        int from = Math.max(1, fromLine);
        int to = Math.min(lines.size(), toLine < from ? lines.size() : toLine);
        to = Math.min(to, from + config.maxReadLines() - 1);
        if (lines.isEmpty() || from > lines.size()) {
            return "'" + file + "' has " + lines.size() + " lines; nothing at line " + from + "\n";
        }
        var out = new StringBuilder("'" + file + "' lines " + from + "-" + to + " of " + lines.size() + ":\n");
        lines.subList(from - 1, to).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    String write(String file, String content) throws IOException {
        Path path = paths.resolve(file);
        if (Files.isDirectory(path)) {
            throw new ToolRefusal("'" + file + "' is a directory");
        }
        byte[] bytes = (content == null ? "" : content).getBytes(StandardCharsets.UTF_8);
        store(path, bytes);
        return "wrote " + bytes.length + " bytes to '" + paths.relative(path) + "'\n";
    }

    /** Replaces the one exact occurrence of {@code search}; refuses when there is none or more than one. */
    String edit(String file, String search, String replace) throws IOException {
        if (search == null || search.isEmpty()) {
            throw new ToolRefusal("edit needs a non-empty search text");
        }
        Path path = regularFile(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        int first = text.indexOf(search);
        if (first < 0) {
            throw new ToolRefusal("search text not found in '" + file + "'; read the file and copy the text exactly");
        }
        int count = 0;
        for (int at = first; at >= 0; at = text.indexOf(search, at + search.length())) {
            count++;
        }
        if (count > 1) {
            throw new ToolRefusal("search text occurs " + count + " times in '" + file
                    + "'; include more surrounding lines so it matches exactly once");
        }
        String edited = text.substring(0, first) + (replace == null ? "" : replace)
                + text.substring(first + search.length());
        store(path, edited.getBytes(StandardCharsets.UTF_8));
        return "edited '" + paths.relative(path) + "' (1 replacement)\n";
    }

    private Path regularFile(String file) {
        Path path = paths.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new ToolRefusal("'" + file + "' is not an existing file");
        }
        return path;
    }

    private void store(Path path, byte[] bytes) throws IOException {
        long existing = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Files.size(path) : 0;
        try {
            quota.ensureRoom(bytes.length, existing);
        } catch (QuotaExceededException e) {
            throw new ToolRefusal(e.getMessage());
        }
        Files.createDirectories(path.getParent());
        // NOFOLLOW_LINKS: a symlink swapped in after the path check is not written through
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            out.write(bytes);
        }
    }
}
