package dev.missions.e2e;

import dev.missions.stack.Home;
import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged coordinator, started in place of the stack's own on the same port, database, broker and
 * consumer-group instance id, but armed to die at one crash point ({@code missions.chaos.crash-at}).
 * It writes a marker when it gets there and waits; this test then sends it a real SIGKILL.
 */
final class ChaosCoordinator implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path marker;
    private final Path log;
    private final String url;

    private ChaosCoordinator(Process process, Path marker, Path log, String url) {
        this.process = process;
        this.marker = marker;
        this.log = log;
        this.url = url;
    }

    static ChaosCoordinator start(Stack stack, String point, Path dir) throws IOException {
        String url = stack.url(Service.COORDINATOR);
        int port = URI.create(url).getPort();
        Path marker = dir.resolve("crash-" + point + ".marker");
        Path log = dir.resolve("logs").resolve("coordinator-chaos-" + point + ".log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(marker);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("kafka.bootstrap.servers", stack.kafka().bootstrapServers());
        config.putAll(stack.database().quarkusConfig(Service.COORDINATOR.database()));
        config.put("missions.api.tokens", stack.apiToken());
        config.putAll(stack.models().castingConfig()); // as the stack's own coordinator: subtasks are cast at planning
        config.put("missions.chaos.crash-at", point);
        config.put("missions.chaos.marker-file", marker.toAbsolutePath().toString());
        config.put("missions.chaos.kill-timeout", "120s");
        // the same JVM flags as the stack's processes (local-stack ServiceProcess)
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", Service.COORDINATOR.runner(Home.find()).toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ChaosCoordinator chaos = new ChaosCoordinator(process, marker, log, url);
        chaos.awaitReady(Duration.ofSeconds(120));
        return chaos;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chaos coordinator exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("chaos coordinator not ready within " + timeout + "; see " + log);
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
                throw new AssertionError("chaos coordinator died (exit " + process.exitValue() + ") before its crash point; see " + log);
            }
            sleep(10);
        }
        throw new AssertionError("chaos coordinator never reached its crash point within " + timeout + "; see " + log);
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux); the exit code, 137 for a kill by signal 9. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("chaos coordinator " + process.pid() + " survived SIGKILL");
        }
        return process.exitValue();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
