package dev.missions.e2e;

import dev.missions.stack.Service;
import dev.missions.stack.ServiceProcess;
import dev.missions.stack.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The packaged coordinator, started by the stack in place of its own (same port, database, broker and casting),
 * but armed to die at one crash point ({@code missions.chaos.crash-at}). It writes a marker when it gets there
 * and waits; this test then sends it a real SIGKILL.
 */
final class ChaosCoordinator implements AutoCloseable {

    private final ServiceProcess process;
    private final Path marker;

    private ChaosCoordinator(ServiceProcess process, Path marker) {
        this.process = process;
        this.marker = marker;
    }

    static ChaosCoordinator start(Stack stack, String point, Path dir) throws IOException {
        Path marker = dir.resolve("crash-" + point + ".marker");
        Files.deleteIfExists(marker);
        ServiceProcess process = stack.start(Service.COORDINATOR, Map.of(
                "missions.chaos.crash-at", point,
                "missions.chaos.marker-file", marker.toAbsolutePath().toString(),
                "missions.chaos.kill-timeout", "120s"));
        return new ChaosCoordinator(process, marker);
    }

    /** The marker line ({@code <point> <pid> <instant>}) once the process is parked at its crash point. */
    String awaitCrashPoint(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Files.exists(marker)) {
                    String line = Files.readString(marker).strip();
                    if (!line.isEmpty()) {
                        return line;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!process.isAlive()) {
                throw new AssertionError("chaos coordinator died (exit " + process.exitValue()
                        + ") before its crash point; see " + process.log());
            }
            ServiceProcess.sleep(Duration.ofMillis(10));
        }
        throw new AssertionError("chaos coordinator never reached its crash point within " + timeout + "; see "
                + process.log());
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux); the exit code, 137 for a kill by signal 9. */
    int kill() {
        process.kill();
        if (process.isAlive()) {
            throw new AssertionError("chaos coordinator " + process.pid() + " survived SIGKILL");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.kill();
        }
    }
}
