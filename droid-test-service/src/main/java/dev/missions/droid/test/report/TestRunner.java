package dev.missions.droid.test.report;

import dev.missions.droid.runtime.sandbox.ProcessTree;
import dev.missions.droid.runtime.sandbox.Sandbox;
import dev.missions.droid.runtime.sandbox.SandboxMeter;
import dev.missions.droid.runtime.sandbox.SandboxedCommand;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a build command as a process in the workspace, in the droid's sandbox: no shell, stdin closed, stdout and
 * stderr merged, a timeout that kills the whole process tree (the build forks test JVMs, node workers, ...).
 */
public final class TestRunner {

    private final Sandbox sandbox;
    private final SandboxMeter meter;

    public TestRunner(Sandbox sandbox, SandboxMeter meter) {
        this.sandbox = sandbox;
        this.meter = meter;
    }

    /** The full output goes to a log for parsers that read it (go test -json); beyond this it is cut. */
    static final long LOG_CAP_BYTES = 64L * 1024 * 1024;
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    /**
     * How a run ended.
     *
     * @param exitCode the process' exit code, -1 when it was killed on timeout
     * @param timedOut whether the timeout killed it
     * @param tail     the end of the output, at most the toolchain's maxOutputBytes
     * @param log      the output from its start, cut at {@link #LOG_CAP_BYTES}
     */
    public record Outcome(int exitCode, boolean timedOut, String tail, Path log, Duration duration) {
    }

    /**
     * Runs {@code command} in {@code workspace} and writes its output to {@code log}; the log's directory is the
     * run's scratch directory, writable to the build.
     *
     * @throws IOException when the command cannot be started (most often: the executable does not exist);
     *                     {@link InterruptedIOException} when this thread was interrupted (the tree is killed)
     */
    public Outcome run(List<String> command, Path workspace, Toolchain toolchain, Path log) throws IOException {
        Map<String, String> env = childEnvironment(toolchain);
        long start = System.nanoTime();
        Process process = sandbox.start(new SandboxedCommand(command, workspace, tools(command, workspace, toolchain),
                List.of(log.toAbsolutePath().getParent()), env));
        Tail tail = new Tail(toolchain.maxOutputBytes());
        Thread pump = Thread.ofPlatform().daemon().name("test-output-" + process.pid())
                .start(() -> pump(process.getInputStream(), log, tail));
        boolean finished;
        try {
            finished = process.waitFor(toolchain.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                ProcessTree.kill(process);
            }
            // A background process left by the build can hold the pipe open: wait for the output, but not forever.
            pump.join(DRAIN_GRACE);
        } catch (InterruptedException interrupted) {
            // not counted: the droid stopped the run, the build did not end it
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the tests ran; the process tree was killed");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int exitCode = finished ? process.exitValue() : -1;
        meter.ran(SandboxMeter.Run.of(finished, exitCode));
        return new Outcome(exitCode, !finished, tail.text(), log, took);
    }

    /**
     * What the build gets beside the sandbox's allow-listed environment: the toolchain's JDK first on the PATH.
     * Nothing else of the droid's environment reaches it (MAVEN_ARGS of the build this droid runs in, say).
     */
    static Map<String, String> childEnvironment(Toolchain toolchain) {
        String javaHome = toolchain.javaHome().toAbsolutePath().toString();
        String path = System.getenv("PATH");
        return Map.of("JAVA_HOME", javaHome,
                "PATH", javaHome + "/bin" + (path == null || path.isEmpty() ? "" : File.pathSeparator + path),
                // Test runners (jest, create-react-app, ...) stay out of watch mode and interactive prompts under CI.
                "CI", "true");
    }

    /** The JDK and the build tool's home (the directory above its bin/), so the sandbox can show them read-only. */
    static List<Path> tools(List<String> command, Path workspace, Toolchain toolchain) {
        List<Path> tools = new ArrayList<>(List.of(toolchain.javaHome().toAbsolutePath()));
        Path program = Path.of(command.getFirst());
        if (program.isAbsolute() && !program.startsWith(workspace)) {
            tools.add(home(program));
            try {
                tools.add(home(program.toRealPath()));
            } catch (IOException missing) {
                // the start fails and says so
            }
        }
        return tools.stream().distinct().toList();
    }

    private static Path home(Path program) {
        Path dir = program.getParent();
        return dir.getFileName() != null && dir.getFileName().toString().equals("bin") ? dir.getParent() : dir;
    }

    // Reads until the pipe closes whatever happens to the log: a build whose output is not drained blocks.
    private static void pump(InputStream output, Path log, Tail tail) {
        byte[] buffer = new byte[8192];
        long written = 0;
        OutputStream file = open(log);
        try (InputStream in = output) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                tail.append(buffer, read);
                if (file != null && written < LOG_CAP_BYTES) {
                    int keep = (int) Math.min(read, LOG_CAP_BYTES - written);
                    try {
                        file.write(buffer, 0, keep);
                        written += keep;
                    } catch (IOException diskFull) {
                        closeQuietly(file);
                        file = null; // the log stops here; the tail goes on
                    }
                }
            }
        } catch (IOException closed) {
            // the process was killed: what was read so far stays in the tail
        } finally {
            closeQuietly(file);
        }
    }

    private static OutputStream open(Path log) {
        try {
            return Files.newOutputStream(log);
        } catch (IOException unwritable) {
            return null;
        }
    }

    private static void closeQuietly(OutputStream file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // nothing more to write to it anyway
            }
        }
    }

    /** The last bytes of the output, in a ring buffer so a chatty build costs no more memory than the cap. */
    static final class Tail {
        private final byte[] ring;
        private long total;

        Tail(int capacity) {
            ring = new byte[capacity];
        }

        synchronized void append(byte[] bytes, int length) {
            int from = Math.max(0, length - ring.length); // a chunk larger than the ring keeps only its end
            total += from;
            while (from < length) {
                int at = (int) (total % ring.length);
                int n = Math.min(length - from, ring.length - at);
                System.arraycopy(bytes, from, ring, at, n);
                from += n;
                total += n;
            }
        }

        synchronized String text() {
            if (total <= ring.length) {
                return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
            }
            int start = (int) (total % ring.length);
            byte[] ordered = new byte[ring.length];
            System.arraycopy(ring, start, ordered, 0, ring.length - start);
            System.arraycopy(ring, 0, ordered, ring.length - start, start);
            String text = new String(ordered, StandardCharsets.UTF_8);
            int firstLine = text.indexOf('\n');
            // Drop the cut first line: it would start in the middle of a word (or a character).
            return "[" + (total - ring.length) + " earlier bytes of output cut]\n"
                    + (firstLine >= 0 ? text.substring(firstLine + 1) : text);
        }
    }
}
