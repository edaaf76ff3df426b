package dev.missions.gateway.ci;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The end of a CI log, where the failure is: at most {@code maxLines} lines and {@code maxChars} characters.
 * The log is streamed, so a log of any size costs only what is kept. Runner timestamps and ANSI colours are
 * dropped: they cost the model tokens and tell it nothing.
 */
public final class LogTail {

    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z ");
    private static final Pattern ANSI = Pattern.compile("\\u001B\\[[0-9;]*[A-Za-z]");

    private LogTail() {
    }

    public static String of(InputStream log, int maxLines, int maxChars) throws IOException {
        Deque<String> lines = new ArrayDeque<>();
        int chars = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String clean = clean(line);
                lines.addLast(clean);
                chars += clean.length() + 1;
                while (lines.size() > maxLines || (chars > maxChars && lines.size() > 1)) {
                    chars -= lines.removeFirst().length() + 1;
                }
            }
        }
        String tail = String.join("\n", lines);
        // one very long last line: keep its end
        return tail.length() > maxChars ? tail.substring(tail.length() - maxChars) : tail;
    }

    public static String of(String log, int maxLines, int maxChars) {
        try {
            return of(new java.io.ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), maxLines, maxChars);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String clean(String line) {
        return ANSI.matcher(TIMESTAMP.matcher(line).replaceFirst("")).replaceAll("");
    }
}
