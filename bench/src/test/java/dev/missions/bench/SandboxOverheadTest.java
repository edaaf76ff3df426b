package dev.missions.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.droid.runtime.sandbox.SandboxUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's cost without the stack: both series come out, and a host without bubblewrap fails the measurement
 * with the sandbox's own reason instead of reporting a figure it did not measure. No timing is judged.
 */
class SandboxOverheadTest {

    @Test
    void timesTheCommandUnconfinedAndInBubblewrap() throws Exception {
        SandboxOverhead.Outcome outcome = SandboxOverhead.measure(5, System.getenv());

        assertEquals("bubblewrap", outcome.sandbox());
        assertEquals(5, outcome.unconfined().count());
        assertEquals(5, outcome.sandboxed().count());
        assertTrue(outcome.unconfined().p50() > 0 && outcome.sandboxed().p50() > 0, "wall times: " + outcome);
        assertTrue(outcome.unconfinedP95() >= outcome.unconfined().p50(), "p95 below p50: " + outcome);
        Map<String, Object> map = outcome.toMap();
        assertEquals(Figures.round(outcome.overheadMs()), map.get("overhead_p50_ms"));
        assertTrue(map.containsKey("none") && map.containsKey("bubblewrap"), "both series: " + map);
    }

    @Test
    void failsWithTheSandboxsReasonWhenBubblewrapIsMissing() throws Exception {
        Path emptyPath = Files.createTempDirectory("no-bwrap-");
        try {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("PATH", emptyPath.toString());

            SandboxUnavailableException failure = assertThrows(SandboxUnavailableException.class,
                    () -> SandboxOverhead.measure(5, env));
            assertTrue(failure.getMessage().contains("bubblewrap (bwrap) is not installed"), failure.getMessage());
        } finally {
            Files.delete(emptyPath);
        }
    }
}
