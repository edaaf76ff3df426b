package dev.missions.droid.runtime.tools;

import dev.missions.droid.runtime.sandbox.SandboxMeter.Refusal;
import java.util.ArrayList;
import java.util.List;

/** Decides whether a tokenized command may run, and pins workspace scripts like ./mvnw to the workspace. */
final class CommandPolicy {

    private final List<List<String>> allowed;
    private final SafePaths paths;

    CommandPolicy(List<List<String>> allowed, SafePaths paths) {
        this.allowed = allowed;
        this.paths = paths;
    }

    /** The argument list to execute, or a refusal. */
    List<String> check(List<String> tokens) {
        if (allowed.stream().noneMatch(prefix -> startsWith(tokens, prefix))) {
            throw new ToolRefusal(Refusal.COMMAND_NOT_ALLOWED, "command '" + tokens.get(0)
                    + "' is not on the allow-list; allowed: " + allowed.stream().map(p -> String.join(" ", p)).toList());
        }
        for (String token : tokens.subList(1, tokens.size())) {
            checkArgument(token);
            for (String part : token.split("=", -1)) {
                if (!part.isEmpty() && !part.startsWith("-")) {
                    paths.resolve(part); // refuses symlinks that lead out, like "cat link/secret"
                }
            }
        }
        List<String> argv = new ArrayList<>(tokens);
        if (argv.get(0).contains("/")) {
            argv.set(0, paths.resolve(argv.get(0)).toString());
        }
        return argv;
    }

    private static boolean startsWith(List<String> tokens, List<String> prefix) {
        return tokens.size() >= prefix.size() && tokens.subList(0, prefix.size()).equals(prefix);
    }

    // Build tools run project code anyway; this only keeps obvious path arguments inside the workspace.
    private static void checkArgument(String token) {
        for (String part : token.split("=", -1)) {
            if (part.startsWith("/") || part.startsWith("~")) {
                throw new ToolRefusal(Refusal.PATH_ABSOLUTE,
                        "argument '" + token + "' refused: absolute paths are not allowed");
            }
            for (String segment : part.split("[/\\\\]")) {
                if (segment.equals("..")) {
                    throw new ToolRefusal(Refusal.PATH_PARENT_SEGMENT,
                            "argument '" + token + "' refused: '..' segments are not allowed");
                }
            }
        }
    }
}
