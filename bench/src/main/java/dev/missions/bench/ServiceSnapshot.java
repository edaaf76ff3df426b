package dev.missions.bench;

import dev.missions.stack.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A copy of the packaged services for one run. A bench runs for minutes; a build of the same tree meanwhile
 * replaces the jars under the running services, whose next class load then fails mid-run (seen here: the
 * coordinator lost its outbox emitter and missions stopped). The run's services start from this copy instead.
 */
final class ServiceSnapshot {

    private ServiceSnapshot() {
    }

    /** Copies every service's {@code target/quarkus-app} under {@code into}, laid out as a project home. */
    static Path take(Path home, Path into) {
        for (Service service : Service.values()) {
            Path app = service.runner(home).getParent();
            if (!Files.isRegularFile(service.runner(home))) {
                throw new IllegalStateException(service.runner(home) + " is missing: build first with ./mvnw -DskipTests package");
            }
            copyTree(app, service.runner(into).getParent());
        }
        return into;
    }

    /** Removes the copy once the run's services have stopped: it is as large as the services (about 400 MB). */
    static void discard(Path snapshot) {
        try (Stream<Path> files = Files.walk(snapshot)) {
            for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("could not remove the services' copy " + snapshot + ": " + e.getMessage());
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }
}
