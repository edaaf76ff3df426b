package dev.missions.droid.runtime.workspace;

import java.io.File;
import java.io.OutputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * The file system JGit sees for a workspace, with no git hooks: a hook is repository code run with the droid's
 * full environment, on the droid's commit or push. Git belongs to the droid, not to the workspace.
 */
final class HooklessFs extends FS_POSIX {

    static final FS INSTANCE = new HooklessFs();

    private HooklessFs() {
    }

    @Override
    public FS newInstance() {
        return INSTANCE;
    }

    @Override
    public File findHook(Repository repository, String hookName) {
        return null;
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args,
            OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }
}
