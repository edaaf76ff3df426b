package dev.missions.coordinator.chaos;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Named places where a test can have this process die, so crash recovery is proven at the moments
 * that matter instead of hoped for under random kills. Configured with
 * {@code missions.chaos.crash-at=<point>[,<point>]}; unset (the default) every check is one field read.
 * <p>
 * The first time a process reaches an armed point it freezes (the relay publishes nothing more, no
 * further result is taken), writes {@code <point> <pid>} to {@code missions.chaos.marker-file} and
 * blocks, so the test can send a real SIGKILL. Nobody watching? After {@code missions.chaos.kill-timeout}
 * it halts itself with exit code 137, which skips shutdown hooks just as SIGKILL does.
 */
@ApplicationScoped
public class CrashPoints {

    /** The transaction that stored a mission and dispatched its first subtasks has committed; nothing relayed yet. */
    public static final String DISPATCH_AFTER_COMMIT = "dispatch.after-commit";
    /** A result is decided and its write (one statement, its own transaction) not yet sent: nothing of it is stored. */
    public static final String RESULT_BEFORE_COMMIT = "result.before-commit";
    /** A result's transaction (and the next dispatch in it) committed; Kafka offset not committed, nothing relayed. */
    public static final String RESULT_AFTER_COMMIT = "result.after-commit";
    /** The broker acknowledged a batch of outbox rows that are not yet marked sent: they will go out again. */
    public static final String RELAY_AFTER_SEND_BEFORE_MARK = "relay.after-send-before-mark";

    public static final List<String> ALL = List.of(DISPATCH_AFTER_COMMIT, RESULT_BEFORE_COMMIT, RESULT_AFTER_COMMIT,
            RELAY_AFTER_SEND_BEFORE_MARK);

    private final Set<String> armed;
    private final Optional<Path> markerFile;
    private final Duration killTimeout;
    private final Set<String> reached = ConcurrentHashMap.newKeySet();
    private volatile boolean frozen;

    public CrashPoints(@ConfigProperty(name = "missions.chaos.crash-at") Optional<List<String>> crashAt,
            @ConfigProperty(name = "missions.chaos.marker-file") Optional<Path> markerFile,
            @ConfigProperty(name = "missions.chaos.kill-timeout", defaultValue = "30s") Duration killTimeout) {
        this.armed = Set.copyOf(crashAt.orElse(List.of()).stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
        this.markerFile = markerFile;
        this.killTimeout = killTimeout;
    }

    /** A misspelt point would silently test nothing: refuse to start instead. */
    void check(@Observes StartupEvent started) {
        for (String point : armed) {
            if (!ALL.contains(point)) {
                throw new IllegalStateException("missions.chaos.crash-at names unknown point '" + point + "'; known: " + ALL);
            }
        }
        if (!armed.isEmpty()) {
            Log.warnf("CHAOS: this coordinator dies at the first pass through %s", armed);
        }
    }

    public boolean armed(String point) {
        return !armed.isEmpty() && armed.contains(point) && !reached.contains(point);
    }

    /** True once a crash point was reached: the process is about to die and must have no further effect. */
    public boolean frozen() {
        return frozen;
    }

    /** Dies here if {@code point} is armed and reached for the first time; otherwise returns at once. */
    public void reach(String point) {
        if (!armed(point) || !reached.add(point)) {
            return;
        }
        frozen = true;
        long pid = ProcessHandle.current().pid();
        Log.warnf("CHAOS: reached %s; waiting for SIGKILL (pid %d)", point, pid);
        markerFile.ifPresent(file -> mark(file, point + " " + pid + " " + Instant.now()));
        try {
            Thread.sleep(killTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }

    private static void mark(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            Log.errorf(e, "CHAOS: cannot write marker %s; halting now", file);
            Runtime.getRuntime().halt(137);
        }
    }
}
