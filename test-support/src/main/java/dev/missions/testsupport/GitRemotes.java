package dev.missions.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Real bare repositories as file:// remotes, and what droids pushed to them. */
public final class GitRemotes {

    private static final PersonIdent SEED = new PersonIdent("seed", "seed@missions.invalid");

    private GitRemotes() {
    }

    /** A bare repository under {@code dir} whose branch main holds {@code files}; its file:// URL. */
    public static String bare(Path dir, Map<String, String> files) throws Exception {
        Path bare = dir.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        Path seed = dir.resolve("seed");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = seed.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("initial").setAuthor(SEED).setCommitter(SEED).setSign(false).call();
            git.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                    .call();
        }
        return bare.toUri().toString();
    }

    /**
     * Commits {@code files} on {@code branch} of the remote (made from main when new) and pushes, as a droid or a
     * person would; {@code work} is a scratch directory.
     */
    public static void push(String remote, Path work, String branch, Map<String, String> files) throws Exception {
        try (Git git = Git.cloneRepository().setURI(remote).setDirectory(work.toFile()).call()) {
            boolean exists = git.getRepository().findRef("refs/remotes/origin/" + branch) != null;
            if (!branch.equals("main")) {
                git.checkout().setName(branch).setCreateBranch(true)
                        .setStartPoint("origin/" + (exists ? branch : "main")).call();
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = work.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("change on " + branch).setAuthor(SEED).setCommitter(SEED).setSign(false).call();
            git.push().setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call();
        }
    }

    /** A file's content on a branch of the remote, if the branch and the file exist. */
    public static Optional<String> read(String remote, String branch, String file) throws IOException {
        try (Repository repo = open(remote); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("refs/heads/" + branch);
            if (head == null) {
                return Optional.empty();
            }
            try (TreeWalk tree = TreeWalk.forPath(repo, file, walk.parseCommit(head).getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                return Optional.of(new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Commit messages of a branch of the remote, newest first; empty when there is no such branch. */
    public static List<String> log(String remote, String branch) throws Exception {
        try (Repository repo = open(remote); Git git = new Git(repo)) {
            ObjectId head = repo.resolve("refs/heads/" + branch);
            List<String> messages = new ArrayList<>();
            if (head != null) {
                for (RevCommit commit : git.log().add(head).call()) {
                    messages.add(commit.getFullMessage());
                }
            }
            return messages;
        }
    }

    private static Repository open(String remote) throws IOException {
        return new FileRepositoryBuilder().setGitDir(Path.of(java.net.URI.create(remote)).toFile()).setMustExist(true)
                .build();
    }
}
