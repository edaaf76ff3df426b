package dev.missions.droid.runtime.tools;

import dev.missions.droid.runtime.sandbox.SandboxMeter.Refusal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments without any shell semantics: whitespace separates, single or double quotes
 * group. Shell metacharacters are refused outright, even quoted, so nobody can think they work.
 */
final class CommandLine {

    private static final String FORBIDDEN = ";|&`$<>\n\r\0\\";

    private CommandLine() {
    }

    static List<String> tokenize(String line) {
        if (line == null || line.isBlank()) {
            throw new ToolRefusal(Refusal.COMMAND_MALFORMED, "empty command");
        }
        for (char c : line.toCharArray()) {
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw new ToolRefusal(Refusal.SHELL_METACHARACTER, "command refused: shell metacharacter " + describe(c)
                        + " is not allowed; commands run without a shell, one command per call");
            }
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder current = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                current = current == null ? new StringBuilder() : current;
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    tokens.add(current.toString());
                    current = null;
                }
            } else {
                current = current == null ? new StringBuilder() : current;
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new ToolRefusal(Refusal.COMMAND_MALFORMED, "command refused: unterminated " + quote + " quote");
        }
        if (current != null) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\n' -> "newline";
            case '\r' -> "carriage return";
            case '\0' -> "NUL";
            default -> "'" + c + "'";
        };
    }
}
