package dev.missions.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** The Maven that builds Maven repositories in tests and the local stack: maven.home, else the one this project's wrapper installed, else mvn. */
public final class MavenHome {

    private MavenHome() {
    }

    public static String executable() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return fromWrapper().map(Path::toString).orElse("mvn");
    }

    private static Optional<Path> fromWrapper() {
        Path dists = Path.of(System.getProperty("user.home"), ".m2", "wrapper", "dists");
        if (!Files.isDirectory(dists)) {
            return Optional.empty();
        }
        try (Stream<Path> found = Files.find(dists, 4, (path, attrs) -> path.endsWith(Path.of("bin", "mvn"))
                && Files.isExecutable(path))) {
            return found.max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
