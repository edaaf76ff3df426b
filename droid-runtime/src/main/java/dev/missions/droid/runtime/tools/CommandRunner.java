package dev.missions.droid.runtime.tools;

import dev.missions.droid.runtime.sandbox.ProcessTree;
import dev.missions.droid.runtime.sandbox.Sandbox;
import dev.missions.droid.runtime.sandbox.SandboxMeter;
import dev.missions.droid.runtime.sandbox.SandboxedCommand;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one allow-listed command in the workspace, in the droid's sandbox: no shell, no stdin, a timeout, and only
 * the output's tail kept.
 */
final class CommandRunner {

    private final Sandbox sandbox;
    private final Path workDir;
    private final Duration timeout;
    private final int maxOutputBytes;
    private final SandboxMeter meter;

    CommandRunner(Sandbox sandbox, Path workDir, Duration timeout, int maxOutputBytes, SandboxMeter meter) {
        this.sandbox = sandbox;
        this.workDir = workDir;
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
        this.meter = meter;
    }

    String run(List<String> argv) {
        Process process;
        try {
            process = sandbox.start(SandboxedCommand.in(workDir, argv));
        } catch (IOException e) {
            throw new ToolRefusal("cannot start '" + argv.get(0) + "': " + e.getMessage());
        }
        TailBuffer output = new TailBuffer(maxOutputBytes);
        Thread reader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), output));
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                ProcessTree.kill(process);
            }
            reader.join(Duration.ofSeconds(2));
            meter.ran(SandboxMeter.Run.of(finished, finished ? process.exitValue() : -1));
            // on the span of the tool call that ran it, when tracing is on
            Span.current().setAttribute("process.exit.code", finished ? process.exitValue() : -1)
                    .setAttribute("missions.command.timed_out", !finished);
            if (!finished) {
                return "error: command timed out after " + timeout.toSeconds() + " s and was killed\n" + output.text();
            }
            return "exit code " + process.exitValue() + "\n" + output.text();
        } catch (InterruptedException e) {
            // not counted: the droid stopped the run (shutdown), the command did not end it
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            return "error: interrupted; the command was killed\n" + output.text();
        }
    }

    private static void drain(InputStream in, TailBuffer output) {
        byte[] chunk = new byte[8192];
        try (in) {
            for (int n; (n = in.read(chunk)) >= 0;) {
                output.write(chunk, n);
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed: what was read so far is kept
        }
    }
}
