package dev.missions.droid.runtime.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;

/** Bare repositories in a temp dir, used as file:// remotes. */
public final class TestRemotes {

    private TestRemotes() {
    }

    /** A bare repo whose branch {@code main} holds README.md; returns its file:// URL. */
    public static String bareWithMain(Path dir) throws Exception {
        Path bare = dir.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        Path seed = dir.resolve("seed");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "# mission repo\nline two\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("initial").setAuthor(Workspace.DROID).setCommitter(Workspace.DROID)
                    .setSign(false).call();
            git.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                    .call();
        }
        return bare.toUri().toString();
    }
}
