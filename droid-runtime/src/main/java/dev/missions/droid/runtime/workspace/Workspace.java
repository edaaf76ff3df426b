package dev.missions.droid.runtime.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.util.FileUtils;

/**
 * One subtask's clone of the mission repository, on the mission branch. Not thread-safe: one agent works in it.
 * Every failure is a {@link WorkspaceException} whose message has the credentials redacted.
 *
 * <p>Git belongs to the droid, not to the workspace: the git directory lives beside the work tree, not in it, so
 * repository code in the sandbox (which sees only the work tree) can neither plant hooks nor rewrite the remote;
 * no hook ever runs; and the branch is pushed to the URL the task names, never to one read from git's config.
 */
public final class Workspace implements AutoCloseable {

    private static final String TREE = "tree";
    private static final String GIT_DIR = "git";

    static final PersonIdent DROID = new PersonIdent("missions droid", "droid@missions.invalid");

    private final Path dir;
    private final Path root;
    private final String remote;
    private final Git git;
    private final String baseBranch;
    private final String missionBranch;
    private final GitCredentials credentials;
    private final DiskQuota quota;

    private Workspace(Path dir, String remote, Git git, String baseBranch, String missionBranch,
            GitCredentials credentials, long maxBytes) {
        this.dir = dir;
        this.root = dir.resolve(TREE);
        this.remote = remote;
        this.git = git;
        this.baseBranch = baseBranch;
        this.missionBranch = missionBranch;
        this.credentials = credentials;
        this.quota = new DiskQuota(dir, maxBytes); // the clone counts too
    }

    /**
     * Clones into a fresh directory under {@code parentDir} and checks out {@code missionBranch}: the remote's one
     * when an earlier attempt pushed a checkpoint, else a new branch from {@code baseBranch}.
     */
    public static Workspace open(String repositoryUrl, String baseBranch, String missionBranch, Path parentDir,
            GitCredentials credentials, long maxBytes) {
        Path dir;
        try {
            Files.createDirectories(parentDir);
            dir = Files.createTempDirectory(parentDir, "ws-").toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException("cannot create a workspace directory under " + parentDir + ": " + e);
        }
        Workspace ws = null;
        try {
            var clone = Git.cloneRepository().setURI(repositoryUrl).setFs(HooklessFs.INSTANCE)
                    .setDirectory(dir.resolve(TREE).toFile()).setGitDir(dir.resolve(GIT_DIR).toFile())
                    .setNoCheckout(true);
            credentials.provider().ifPresent(clone::setCredentialsProvider);
            ws = new Workspace(dir, repositoryUrl, clone.call(), baseBranch, missionBranch, credentials, maxBytes);
            ws.checkoutMissionBranch();
            ws.quota.check();
            return ws;
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (ws != null) {
                ws.close();
            } else {
                delete(dir);
            }
            throw credentials.redact(e, "cannot open workspace for " + repositoryUrl);
        }
    }

    private void checkoutMissionBranch() throws GitAPIException, IOException {
        boolean resume = git.getRepository().findRef("refs/remotes/origin/" + missionBranch) != null;
        String start = "origin/" + (resume ? missionBranch : baseBranch);
        if (git.getRepository().findRef("refs/remotes/" + start) == null) {
            throw new WorkspaceException("the remote has no branch " + baseBranch);
        }
        // the clone has no work tree yet: point the branch and HEAD at the start, then write index and files from it
        // (a checkout would take every file the branch changes for a conflict with the absent base files)
        git.branchCreate().setName(missionBranch).setStartPoint(start).setForce(true).call();
        RefUpdate head = git.getRepository().updateRef(Constants.HEAD);
        head.link("refs/heads/" + missionBranch);
        git.reset().setMode(ResetCommand.ResetType.HARD).call();
    }

    /** Commits every change in the work tree; empty when there was nothing to commit. */
    public Optional<String> checkpoint(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            if (git.status().call().isClean()) {
                return Optional.empty();
            }
            RevCommit commit = git.commit().setMessage(message).setAuthor(DROID).setCommitter(DROID)
                    .setNoVerify(true).setSign(false).call();
            return Optional.of(commit.getId().name());
        } catch (GitAPIException | RuntimeException e) {
            throw credentials.redact(e, "checkpoint failed");
        }
    }

    /**
     * Pushes the mission branch (fast-forward only) to the repository URL the task named: opened from that URL
     * itself, so no remote, {@code insteadOf} or push URL in git's config can send it, or the token, elsewhere.
     */
    public void push() {
        String ref = "refs/heads/" + missionBranch;
        try (Transport transport = Transport.open(git.getRepository(), new URIish(remote))) {
            credentials.provider().ifPresent(transport::setCredentialsProvider);
            PushResult result = transport.push(NullProgressMonitor.INSTANCE,
                    transport.findRemoteRefUpdatesFor(List.of(new RefSpec(ref + ":" + ref))));
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                var status = update.getStatus();
                if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new WorkspaceException("push of " + missionBranch + " rejected: " + status
                            + (update.getMessage() == null ? "" : " " + update.getMessage()));
                }
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            throw credentials.redact(e, "push failed");
        }
    }

    /** Unified diff of the work tree (committed or not) against the base branch as cloned. */
    public String diffAgainstBase() {
        return reports("diff", () -> GitReports.diff(git, "refs/remotes/origin/" + baseBranch));
    }

    /** Paths that differ between the base branch and the work tree. */
    public List<String> changedFiles() {
        try {
            return GitReports.changedPaths(git, "refs/remotes/origin/" + baseBranch);
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw credentials.redact(e, "diff failed");
        }
    }

    /** Paths the next checkpoint would commit: changed, added, removed and untracked in the work tree. */
    public List<String> uncommittedPaths() {
        try {
            return GitReports.uncommitted(git);
        } catch (GitAPIException | RuntimeException e) {
            throw credentials.redact(e, "status failed");
        }
    }

    /** The last {@code n} commits of the mission branch, newest first, one a line. */
    public String log(int n) {
        return reports("log", () -> GitReports.log(git, n));
    }

    /** Changed, added, removed and untracked paths, git-status style. */
    public String status() {
        return reports("status", () -> GitReports.status(git));
    }

    private String reports(String what, GitReports.Report report) {
        try {
            return report.run();
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw credentials.redact(e, what + " failed");
        }
    }

    public Path root() {
        return root;
    }

    public DiskQuota quota() {
        return quota;
    }

    public String missionBranch() {
        return missionBranch;
    }

    /** Deletes the whole workspace directory. */
    @Override
    public void close() {
        git.close();
        delete(dir);
    }

    private static void delete(Path dir) {
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete workspace " + dir, e);
        }
    }
}
