package dev.missions.droid.runtime.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/** Text views of a workspace's git state, the way a model (or a person) reads them. */
final class GitReports {

    @FunctionalInterface
    interface Report {
        String run() throws GitAPIException, IOException;
    }

    private GitReports() {
    }

    static String diff(Git git, String baseRef) throws GitAPIException, IOException {
        CanonicalTreeParser tree = baseTree(git, baseRef);
        // untracked files only show up once staged, so stage first: the work tree is the droid's, not a person's
        git.add().addFilepattern(".").call();
        var out = new ByteArrayOutputStream();
        git.diff().setOldTree(tree).setCached(true).setOutputStream(out).call();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Paths that differ from the base, each once: new paths, and old paths of deletions. */
    static List<String> changedPaths(Git git, String baseRef) throws GitAPIException, IOException {
        CanonicalTreeParser tree = baseTree(git, baseRef);
        git.add().addFilepattern(".").call();
        Set<String> paths = new TreeSet<>();
        for (DiffEntry entry : git.diff().setOldTree(tree).setCached(true).setShowNameOnly(true).call()) {
            paths.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath());
        }
        return List.copyOf(paths);
    }

    private static CanonicalTreeParser baseTree(Git git, String baseRef) throws IOException {
        ObjectId base = git.getRepository().resolve(baseRef + "^{tree}");
        if (base == null) {
            throw new WorkspaceException("no base ref " + baseRef);
        }
        var tree = new CanonicalTreeParser();
        try (ObjectReader reader = git.getRepository().newObjectReader()) {
            tree.reset(reader, base);
        }
        return tree;
    }

    static String log(Git git, int n) throws GitAPIException, IOException {
        var out = new StringBuilder();
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            for (RevCommit c : git.log().setMaxCount(Math.max(1, n)).call()) {
                out.append(walk.getObjectReader().abbreviate(c).name()).append(' ')
                        .append(c.getAuthorIdent().getName()).append(": ").append(c.getShortMessage()).append('\n');
            }
        }
        return out.toString();
    }

    static List<String> uncommitted(Git git) throws GitAPIException {
        Status s = git.status().call();
        Set<String> paths = new TreeSet<>();
        paths.addAll(s.getUncommittedChanges());
        paths.addAll(s.getUntracked());
        return List.copyOf(paths);
    }

    static String status(Git git) throws GitAPIException {
        Status s = git.status().call();
        Map<String, String> lines = new TreeMap<>();
        mark(lines, s.getAdded(), "A ");
        mark(lines, s.getChanged(), "M ");
        mark(lines, s.getRemoved(), "D ");
        mark(lines, s.getModified(), " M");
        mark(lines, s.getMissing(), " D");
        mark(lines, s.getUntracked(), "??");
        mark(lines, s.getConflicting(), "UU");
        var out = new StringBuilder();
        lines.forEach((path, code) -> out.append(code).append(' ').append(path).append('\n'));
        return out.isEmpty() ? "clean\n" : out.toString();
    }

    private static void mark(Map<String, String> lines, Set<String> paths, String code) {
        paths.forEach(p -> lines.putIfAbsent(p, code));
    }
}
