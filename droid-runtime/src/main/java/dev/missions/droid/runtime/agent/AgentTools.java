package dev.missions.droid.runtime.agent;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.missions.droid.runtime.tools.WorkspaceTools;

/**
 * The workspace tools that only read, as the model sees them. Names and descriptions are part of the stable prompt
 * prefix, so they change only with a release. Roles that change files get {@link ChangeTools} beside them.
 */
public final class AgentTools {

    private final WorkspaceTools tools;

    public AgentTools(WorkspaceTools tools) {
        this.tools = tools;
    }

    @Tool(name = "list_files", value = "Lists a directory of the workspace; directories end in '/'. Use '.' for the root.")
    public String listFiles(@P("directory relative to the workspace root") String dir) {
        return tools.list(dir);
    }

    @Tool(name = "read_file", value = "Reads lines fromLine..toLine (1-based, inclusive) of a file; toLine 0 reads to the end.")
    public String readFile(@P("file path relative to the workspace root") String path,
            @P("first line, 1-based") int fromLine, @P("last line, inclusive; 0 for the end") int toLine) {
        return tools.read(path, fromLine, toLine);
    }

    @Tool(name = "search", value = "Searches files for a Java regular expression; answers path:line: text.")
    public String search(@P("Java regular expression") String regex,
            @P(value = "glob narrowing the files, e.g. **.java; empty for all", required = false) String glob) {
        return tools.search(regex, glob == null ? "" : glob);
    }

    @Tool(name = "git_diff", value = "Shows the diff of the mission branch, work tree included, against the base branch.")
    public String gitDiff() {
        return tools.gitDiff();
    }

    @Tool(name = "git_log", value = "Shows the last n commits of the mission branch.")
    public String gitLog(@P("how many commits, 1 to 100") int n) {
        return tools.gitLog(n);
    }

    @Tool(name = "git_status", value = "Shows changed and untracked files of the work tree.")
    public String gitStatus() {
        return tools.gitStatus();
    }
}
