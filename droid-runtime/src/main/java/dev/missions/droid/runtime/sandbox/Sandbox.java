package dev.missions.droid.runtime.sandbox;

import java.io.IOException;

/**
 * Where every process started on behalf of a repository runs: its build, its tests, the commands the model asks for.
 * The repository is not trusted, so the process sees the workspace and the tools it needs, and nothing of the
 * droid: not its environment, files, processes, git directory or credentials.
 */
public interface Sandbox {

    /**
     * Starts the command confined. Its stdout and stderr are merged and its stdin is closed; the caller drains
     * the output and ends the run with {@link ProcessTree#kill}, which takes every process of the run with it.
     *
     * @throws IOException when the command or the sandbox cannot be started
     */
    Process start(SandboxedCommand command) throws IOException;

    /** {@code bubblewrap} or {@code none}, for logs and results. */
    String name();
}
