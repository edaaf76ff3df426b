package dev.missions.droid.test.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a Maven for the tests that run a real build: {@code -Dmaven.home}, else the Maven the project's wrapper
 * downloaded (~/.m2/wrapper/dists/apache-maven-x/hash/bin/mvn, newest first), else {@code mvn} from the PATH.
 */
final class MavenHome {

    private MavenHome() {
    }

    static String executable() {
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
        try (Stream<Path> found = Files.find(dists, 3, (path, attrs) -> path.getFileName().toString().equals("mvn")
                && path.getParent().getFileName().toString().equals("bin") && Files.isExecutable(path))) {
            return found.max(Comparator.comparing((Path mvn) -> version(mvn.getParent().getParent().getParent())));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    // "apache-maven-3.9.11" → comparable "00003.00009.00011"
    private static String version(Path dist) {
        String name = dist.getFileName().toString().replaceFirst("^apache-maven-", "");
        StringBuilder key = new StringBuilder();
        for (String part : name.split("[.-]")) {
            key.append(part.matches("\\d+") ? "%05d".formatted(Integer.parseInt(part)) : part).append('.');
        }
        return key.toString();
    }
}
