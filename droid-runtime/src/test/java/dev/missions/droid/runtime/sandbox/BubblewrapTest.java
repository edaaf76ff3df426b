package dev.missions.droid.runtime.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BubblewrapTest {

    @TempDir
    Path dir;

    /**
     * Builds start on short-lived threads (a virtual thread's carrier retires after 30 s idle, and with it went every
     * build it had started, SIGKILLed mid-run); a build must not die with the thread that started it.
     */
    @Test
    void aRunOutlivesTheThreadThatStartedIt() throws Exception {
        Sandbox sandbox = TestSandboxes.bubblewrap(Files.createDirectories(dir.resolve("home")));
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        AtomicReference<Process> started = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread starter = Thread.ofPlatform().start(() -> {
            try {
                started.set(sandbox.start(SandboxedCommand.in(workspace, List.of("sleep", "2"))));
                Thread.sleep(500); // until bwrap is set up: it arms its parent-death signal then
            } catch (Exception e) {
                failed.set(e);
            }
        });
        starter.join();
        if (failed.get() != null) {
            throw failed.get();
        }

        Process process = started.get();
        process.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }
}
