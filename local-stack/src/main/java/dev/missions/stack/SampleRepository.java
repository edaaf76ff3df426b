package dev.missions.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The repository demo missions work on: {@code samples/shop} published as a bare git repository in the data
 * directory, so missions clone, branch and push as they would against GitHub. Made once; later runs reuse it, and
 * each mission works on a branch of its own.
 */
public final class SampleRepository {

    private static final PersonIdent SAMPLE = new PersonIdent("missions demo", "demo@missions.invalid");

    private SampleRepository() {
    }

    /** The file:// URL of the bare repository holding {@code samples/shop} on main. */
    public static String publish(Path home, Path dataDir) {
        Path bare = dataDir.resolve("repos/shop.git");
        if (Files.isDirectory(bare.resolve("refs"))) {
            return bare.toUri().toString();
        }
        Path source = home.resolve("samples/shop");
        Path seed = dataDir.resolve("repos/shop-seed");
        try {
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            copy(source, seed);
            try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("shop 0.1.0").setAuthor(SAMPLE).setCommitter(SAMPLE).setSign(false).call();
                git.push().setRemote(bare.toUri().toString())
                        .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
            }
            return bare.toUri().toString();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot publish the sample repository " + source + " at " + bare, e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(Files::isRegularFile).filter(f -> !from.relativize(f).startsWith("target")).forEach(f -> {
                try {
                    Path target = to.resolve(from.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
