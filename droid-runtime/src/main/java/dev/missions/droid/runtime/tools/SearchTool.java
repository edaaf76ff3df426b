package dev.missions.droid.runtime.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Regex search over the workspace's text files: capped matches, skipped big files, a time box for wild regexes. */
final class SearchTool {

    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final int MAX_LINE_CHARS = 300;
    private static final long TIME_BOX_NANOS = 5_000_000_000L;

    private final SafePaths paths;
    private final int maxMatches;

    SearchTool(SafePaths paths, int maxMatches) {
        this.paths = paths;
        this.maxMatches = maxMatches;
    }

    String search(String regex, String glob) throws IOException {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex == null ? "" : regex);
        } catch (PatternSyntaxException e) {
            throw new ToolRefusal("invalid regex: " + e.getDescription() + " near index " + e.getIndex());
        }
        PathMatcher matcher = glob == null || glob.isBlank() ? p -> true
                : FileSystems.getDefault().getPathMatcher("glob:" + glob);
        long deadline = System.nanoTime() + TIME_BOX_NANOS;
        var out = new StringBuilder();
        int[] found = {0};
        Files.walkFileTree(paths.root(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName().toString().equals(".git") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = paths.root().relativize(file);
                if (!attrs.isRegularFile() || attrs.size() > MAX_FILE_BYTES || rel.toString().equals(".git")
                        || !(matcher.matches(rel) || matcher.matches(rel.getFileName()))) {
                    return FileVisitResult.CONTINUE;
                }
                List<String> lines;
                try {
                    lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return FileVisitResult.CONTINUE; // binary or unreadable: not a search target
                }
                for (int i = 0; i < lines.size(); i++) {
                    if (find(pattern, lines.get(i), deadline)) {
                        if (++found[0] > maxMatches) {
                            return FileVisitResult.TERMINATE;
                        }
                        String line = lines.get(i);
                        out.append(rel).append(':').append(i + 1).append(": ")
                                .append(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line)
                                .append('\n');
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (found[0] > maxMatches) {
            out.append("[stopped after ").append(maxMatches).append(" matches; narrow the regex or the glob]\n");
        }
        return out.isEmpty() ? "no matches\n" : out.toString();
    }

    private static boolean find(Pattern pattern, String line, long deadline) {
        Matcher m = pattern.matcher(new TimeBoxed(line, deadline));
        return m.find();
    }

    /** Lets a catastrophic regex fail instead of hanging: the matcher reads every char through here. */
    private record TimeBoxed(CharSequence text, long deadline) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (System.nanoTime() > deadline) {
                throw new ToolRefusal("search took too long; simplify the regex");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new TimeBoxed(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
