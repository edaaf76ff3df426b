package dev.missions.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording of a running service, started and stopped from outside with {@code jcmd} (the services need no
 * flag for it), and its hot methods as text: the recording shows where the time goes when a target is missed.
 * The .jfr file stays beside the results (ignored by git); the hot-methods text is small and is kept.
 */
final class Profile {

    private static final String NAME = "missions-bench";

    private final long pid;
    private final Path recording;

    private Profile(long pid, Path recording) {
        this.pid = pid;
        this.recording = recording;
    }

    static Profile start(long pid, Path recording) throws IOException, InterruptedException {
        run(jdkTool("jcmd"), Long.toString(pid), "JFR.start", "name=" + NAME, "settings=profile");
        return new Profile(pid, recording);
    }

    /** Stops the recording, writes it, and returns its hot-methods view written next to it. */
    Path stop() throws IOException, InterruptedException {
        run(jdkTool("jcmd"), Long.toString(pid), "JFR.stop", "name=" + NAME, "filename=" + recording.toAbsolutePath());
        String name = recording.getFileName().toString().replace(".jfr", "");
        Path hotMethods = recording.resolveSibling(name + "-hot-methods.txt");
        Files.writeString(hotMethods, run(jdkTool("jfr"), "view", "--width", "200", "hot-methods",
                recording.toAbsolutePath().toString()));
        return hotMethods;
    }

    static String jdkTool(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
