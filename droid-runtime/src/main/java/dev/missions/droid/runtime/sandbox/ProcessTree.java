package dev.missions.droid.runtime.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a run with every process it started, also those that detached from the first one. */
public final class ProcessTree {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private ProcessTree() {
    }

    /**
     * Kills the process and its descendants. Under bubblewrap killing the first process is enough (the sandbox's
     * PID namespace dies with it); without a sandbox the descendants are snapshot first, since children re-parented
     * after their parent's death are no longer found.
     */
    public static void kill(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
