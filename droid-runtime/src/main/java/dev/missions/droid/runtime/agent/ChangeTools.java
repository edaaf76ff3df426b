package dev.missions.droid.runtime.agent;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.missions.droid.runtime.tools.WorkspaceTools;

/**
 * The workspace tools that change files or run commands. Roles that may change nothing (review) do not get them at
 * all: a tool that is not offered cannot be talked into use.
 */
public final class ChangeTools {

    private final WorkspaceTools tools;

    public ChangeTools(WorkspaceTools tools) {
        this.tools = tools;
    }

    @Tool(name = "write_file", value = "Creates or overwrites a file with the given content.")
    public String writeFile(@P("file path relative to the workspace root") String path,
            @P("the whole new content") String content) {
        return tools.write(path, content);
    }

    @Tool(name = "edit_file", value = "Replaces exactly one occurrence of search with replace in a file. "
            + "Fails when search matches nothing or more than once: then include more context.")
    public String editFile(@P("file path relative to the workspace root") String path,
            @P("exact text to find, occurring once") String search, @P("replacement text") String replace) {
        return tools.edit(path, search, replace);
    }

    @Tool(name = "run_command", value = "Runs an allow-listed build or test command (e.g. 'mvn -q test', './mvnw test',"
            + " 'npm test', 'python3 -m pytest', 'go test ./...') in the workspace root, without a shell. "
            + "Answers the exit code and the tail of the output.")
    public String runCommand(@P("the command line") String commandLine) {
        return tools.run(commandLine);
    }
}
