package dev.missions.bench;

import dev.missions.droid.runtime.sandbox.Bubblewrap;
import dev.missions.droid.runtime.sandbox.ProcessTree;
import dev.missions.droid.runtime.sandbox.Sandbox;
import dev.missions.droid.runtime.sandbox.SandboxSettings;
import dev.missions.droid.runtime.sandbox.SandboxedCommand;
import dev.missions.droid.runtime.sandbox.Unconfined;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the droid's sandbox costs one process: a trivial command ({@code true}) in a temporary workspace, started,
 * drained and waited for the way the droid runs a command, through {@link Unconfined} (the baseline) and through
 * {@link Bubblewrap} (what droids run by default), with the droid's default settings. The runs alternate, after a
 * warm-up of each, so that whatever else the machine does falls on both alike. Without bubblewrap the measurement
 * fails with the sandbox's own message: a run never reports a sandbox it did not measure.
 */
final class SandboxOverhead {

    static final List<String> COMMAND = List.of("true");
    private static final int WARMUP = 10;
    private static final long TIMEOUT_SECONDS = 30;

    private SandboxOverhead() {
    }

    /** The two series; {@link #overheadMs()} is the difference of their p50s. */
    record Outcome(String sandbox, Distribution unconfined, double unconfinedP95, Distribution sandboxed,
            double sandboxedP95) {

        double overheadMs() {
            return sandboxed.p50() - unconfined.p50();
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("command", String.join(" ", COMMAND));
            map.put("warm_up_runs", WARMUP);
            map.put("sandbox", sandbox);
            map.put("none", series(unconfined, unconfinedP95));
            map.put(sandbox, series(sandboxed, sandboxedP95));
            map.put("overhead_p50_ms", Figures.round(overheadMs()));
            map.put("overhead_p95_ms", Figures.round(sandboxedP95 - unconfinedP95));
            return map;
        }

        private static Map<String, Object> series(Distribution distribution, double p95) {
            Map<String, Object> map = new LinkedHashMap<>(distribution.toMap());
            map.put("p95_ms", Figures.round(p95));
            return map;
        }
    }

    /**
     * @param runs     timed runs of each, after the warm-up
     * @param droidEnv the environment a droid would have; bubblewrap is looked up on its PATH
     * @throws dev.missions.droid.runtime.sandbox.SandboxUnavailableException when bubblewrap cannot run here
     */
    static Outcome measure(int runs, Map<String, String> droidEnv) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bench-sandbox-");
        try {
            SandboxSettings settings = SandboxSettings.at(dir.resolve("home"));
            // first: it probes bubblewrap and says what is missing before anything is timed
            Sandbox sandboxed = Bubblewrap.create(settings, droidEnv);
            Sandbox unconfined = new Unconfined(settings, droidEnv);
            SandboxedCommand command = SandboxedCommand.in(Files.createDirectories(dir.resolve("work")), COMMAND);
            List<Double> none = new ArrayList<>();
            List<Double> confined = new ArrayList<>();
            for (int i = 0; i < WARMUP + runs; i++) {
                double a = time(unconfined, command);
                double b = time(sandboxed, command);
                if (i >= WARMUP) {
                    none.add(a);
                    confined.add(b);
                }
            }
            return new Outcome(sandboxed.name(), Distribution.of(none), Distribution.percentile(none, 0.95),
                    Distribution.of(confined), Distribution.percentile(confined, 0.95));
        } finally {
            delete(dir);
        }
    }

    /** Wall time from asking the sandbox to start the command to its exit, its output read to the end. */
    private static double time(Sandbox sandbox, SandboxedCommand command) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = sandbox.start(command);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            ProcessTree.kill(process);
            throw new IllegalStateException("'" + String.join(" ", command.argv()) + "' did not end within "
                    + TIMEOUT_SECONDS + " s in the " + sandbox.name() + " sandbox");
        }
        double ms = (System.nanoTime() - started) / 1e6;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command.argv()) + "' failed in the "
                    + sandbox.name() + " sandbox (exit code " + process.exitValue() + "): " + output);
        }
        return ms;
    }

    // best effort: a scratch directory left behind must not hide why the measurement failed
    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
