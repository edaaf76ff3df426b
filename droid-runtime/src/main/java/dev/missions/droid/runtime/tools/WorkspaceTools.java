package dev.missions.droid.runtime.tools;

import dev.missions.droid.runtime.sandbox.Sandbox;
import dev.missions.droid.runtime.sandbox.SandboxMeter;
import dev.missions.droid.runtime.workspace.Workspace;
import java.io.IOException;

/**
 * The tools a droid's model works with, confined to one {@link Workspace}. Every method returns text for the model;
 * a refusal or failure is text starting with {@code "error: "}, never an exception.
 */
public final class WorkspaceTools {

    public static final String ERROR = "error: ";

    private final Workspace workspace;
    private final SafePaths paths;
    private final FileTools files;
    private final SearchTool search;
    private final CommandPolicy policy;
    private final CommandRunner runner;
    private final int maxOutputBytes;
    private final SandboxMeter meter;

    /** Tools that count nothing. */
    public WorkspaceTools(Workspace workspace, ToolConfig config, Sandbox sandbox) {
        this(workspace, config, sandbox, SandboxMeter.NONE);
    }

    /** Tools that report their command runs and refusals to {@code meter}. */
    public WorkspaceTools(Workspace workspace, ToolConfig config, Sandbox sandbox, SandboxMeter meter) {
        this.workspace = workspace;
        this.paths = new SafePaths(workspace.root());
        this.files = new FileTools(paths, workspace.quota(), config);
        this.search = new SearchTool(paths, config.maxSearchMatches());
        this.policy = new CommandPolicy(config.allowedCommands(), paths);
        this.runner = new CommandRunner(sandbox, paths.root(), config.commandTimeout(), config.maxOutputBytes(), meter);
        this.maxOutputBytes = config.maxOutputBytes();
        this.meter = meter;
    }

    /** Entries of a directory relative to the workspace root; directories end in '/'. */
    public String list(String dir) {
        return guard(() -> files.list(dir));
    }

    /** Lines fromLine..toLine (1-based, inclusive) of a file; toLine below fromLine means to the end. */
    public String read(String path, int fromLine, int toLine) {
        return guard(() -> files.read(path, fromLine, toLine));
    }

    /** Lines matching a Java regex, as path:line: text; glob (optional) narrows the files, e.g. "**.java". */
    public String search(String regex, String glob) {
        return guard(() -> search.search(regex, glob));
    }

    /** Creates or overwrites a file with the content. */
    public String write(String path, String content) {
        return guard(() -> files.write(path, content));
    }

    /** Replaces exactly one occurrence of search by replace; fails when search matches nothing or several times. */
    public String edit(String path, String search, String replace) {
        return guard(() -> files.edit(path, search, replace));
    }

    /** Runs an allow-listed build or test command in the workspace root, without a shell. */
    public String run(String commandLine) {
        return guard(() -> runner.run(policy.check(CommandLine.tokenize(commandLine))));
    }

    public String gitDiff() {
        return guard(() -> capped(workspace.diffAgainstBase()));
    }

    public String gitLog(int n) {
        return guard(() -> workspace.log(Math.min(Math.max(n, 1), 100)));
    }

    public String gitStatus() {
        return guard(() -> capped(workspace.status()));
    }

    private String capped(String text) {
        if (text.length() <= maxOutputBytes) {
            return text;
        }
        return text.substring(0, maxOutputBytes) + "\n[... " + (text.length() - maxOutputBytes)
                + " more characters cut]\n";
    }

    @FunctionalInterface
    private interface Call {
        String run() throws IOException;
    }

    // the model must see every failure as a result it can react to, so nothing escapes as an exception
    private String guard(Call call) {
        try {
            return call.run();
        } catch (ToolRefusal e) {
            e.reason().ifPresent(meter::refused);
            return ERROR + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return ERROR + e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (StackOverflowError e) {
            return ERROR + "the request was too complex (stack overflow); simplify it";
        }
    }
}
