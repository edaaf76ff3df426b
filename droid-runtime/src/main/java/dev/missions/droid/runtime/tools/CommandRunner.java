package dev.missions.droid.runtime.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Runs one allow-listed command in the workspace: no shell, no stdin, a timeout, and only the output's tail kept. */
final class CommandRunner {

    // the droid's own secrets have no business in a build the model steers
    private static final Pattern SECRET_ENV = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY).*");

    private final Path workDir;
    private final Duration timeout;
    private final int maxOutputBytes;

    CommandRunner(Path workDir, Duration timeout, int maxOutputBytes) {
        this.workDir = workDir;
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
    }

    String run(List<String> argv) {
        var builder = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> SECRET_ENV.matcher(name).matches());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ToolRefusal("cannot start '" + argv.get(0) + "': " + e.getMessage());
        }
        TailBuffer output = new TailBuffer(maxOutputBytes);
        Thread reader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), output));
        try {
            process.getOutputStream().close();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
            }
            reader.join(Duration.ofSeconds(2));
            if (!finished) {
                return "error: command timed out after " + timeout.toSeconds() + " s and was killed\n" + output.text();
            }
            return "exit code " + process.exitValue() + "\n" + output.text();
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return "error: interrupted; the command was killed\n" + output.text();
        } catch (IOException e) {
            killTree(process);
            return "error: " + e.getMessage();
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

    // snapshot first: once the parent dies its children are re-parented and no longer its descendants
    private static void killTree(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
