package dev.missions.stack;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service as an operating-system process: started from its jar, ready when its health says so. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(Service service, int port, Process process, Path log) {
        this.service = service;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** {@code environment} is set on top of the environment this process inherits. */
    static ServiceProcess start(Path home, Service service, int port, Map<String, String> config,
            Map<String, String> environment, Path logDir) {
        Path runner = service.runner(home);
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException(runner + " is missing: build first with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
                // the default initial heap (1/64 of the machine) commits a young generation an idle service never needs
                "-Xms48m"));
        if (Runtime.version().feature() >= 25) {
            command.add("-XX:+UseCompactObjectHeaders"); // 8-byte headers: the same objects in less heap (JEP 519)
            Path cache = runner.resolveSibling("app.aot");
            if (Files.isRegularFile(cache)) {
                // classes loaded and linked at build time (decision 0054); a cache the JVM cannot use is skipped
                command.add("-XX:AOTCache=" + cache);
            }
        }
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", runner.toString()));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(service.module() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new ServiceProcess(service, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module(), e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early if the process dies. */
    ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module() + " exited with " + process.exitValue() + "; see " + log);
            }
            if (isReady()) {
                return this;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(service.module() + " not ready within " + timeout + "; see " + log);
    }

    public Service service() {
        return service;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** True when {@code /q/health/ready} answers 200 now; false while it is not listening or not ready. */
    public boolean isReady() {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking " + service.module() + " whether it is ready", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** How the process ended; only once it has. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if it does not stop in time. */
    public void stop() {
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(15))) {
            kill();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
