package dev.missions.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.stack.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bench at its smoke size, so that it keeps working: every figure this bench measures must come out, with its
 * JSON, Markdown and chart. It never judges a timing: CI machines are shared and slow, and a target is the
 * benchmark's business, not the build's.
 */
class BenchSmokeIT {

    private static final List<String> BROWSER_FIGURES = List.of("ui_first_render_ms", "ui_update_ms");

    @Test
    void producesEveryFigureAndItsFiles() throws Exception {
        Path results = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "smoke-results-");

        Report report = new Bench(BenchSize.smoke(), Home.find(), results).run();

        // the browser's figures need Chromium: without it they must say so, never come out without a browser
        java.util.Optional<String> noBrowser = Chromium.missing();
        for (String key : Report.KEYS) {
            Double value = report.figure(key);
            if (noBrowser.isPresent() && BROWSER_FIGURES.contains(key)) {
                assertNull(value, key + " without a browser");
                assertEquals(noBrowser.get(), report.notMeasuredReason(key), key + " should say why it was not measured");
                continue;
            }
            assertNotNull(value, key + " was not produced" + (report.notMeasuredReason(key) == null ? ""
                    : ": " + report.notMeasuredReason(key)));
            if (key.equals("sandbox_overhead_ms")) {
                // only sanity: the sandbox cannot make a process cheaper to start than no sandbox
                assertTrue(value >= 0, key + " should be positive or zero, was " + value);
                continue;
            }
            // a growth may be negative: the probe was faster with more missions in flight
            assertTrue(value > 0 || key.equals("scale_p99_growth"), key + " should be positive, was " + value);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> sandbox = (Map<String, Object>) report.detail("sandbox_overhead");
        assertEquals("bubblewrap", sandbox.get("sandbox"), "the sandbox measured: " + sandbox);
        for (String series : List.of("none", "bubblewrap")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> runs = (Map<String, Object>) sandbox.get(series);
            assertEquals(BenchSize.smoke().sandboxRuns(), runs.get("count"), "every sandbox run should be timed: " + runs);
            assertNotNull(runs.get("p95_ms"), "no p95 for " + series + ": " + runs);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> p1 = (Map<String, Object>) report.detail("p1_hop_latency");
        assertEquals(BenchSize.smoke().hops(), p1.get("count"), "every P1 hop should be timed: " + p1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> levels = (List<Map<String, Object>>) report.detail("p2_throughput");
        assertEquals(BenchSize.smoke().inFlightLevels().size(), levels.size());
        for (Map<String, Object> level : levels) {
            assertTrue((Integer) level.get("hops") > 0, "a throughput level without hops: " + level);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> crash = (Map<String, Object>) report.detail("p3_coordinator_crash");
        // not a timing: a coordinator killed mid-chain must lose no hop, whatever the machine
        assertEquals(0, crash.get("hops_lost"), "hops lost to a coordinator crash: " + crash);
        assertEquals(0, crash.get("missions_not_succeeded"), "missions that did not survive the crash: " + crash);
        @SuppressWarnings("unchecked")
        Map<String, Object> droidCrash = (Map<String, Object>) report.detail("p3_droid_crash");
        assertEquals("SUCCEEDED", droidCrash.get("mission_status"), "the killed droid's mission: " + droidCrash);
        @SuppressWarnings("unchecked")
        Map<String, Object> scale = (Map<String, Object>) report.detail("p4_scale");
        assertEquals(BenchSize.smoke().scaleLevels().size(), ((List<?>) scale.get("levels")).size(), "P4: " + scale);
        assertEquals(true, scale.get("parking_droid_ready"), "a droid whose tasks queue for long must stay up: " + scale);
        @SuppressWarnings("unchecked")
        Map<String, Object> ui = (Map<String, Object>) report.detail("mission_control");
        assertEquals(BenchSize.smoke().uiMissions(), ui.get("missions_stored_by_the_bench"), "stored missions: " + ui);
        @SuppressWarnings("unchecked")
        Map<String, Object> list = (Map<String, Object>) ui.get("list");
        for (String series : List.of("ui_missions_page", "api_get_missions")) {
            // the baseline beside the page's time: the API's GET /missions, as often, with the same filters
            @SuppressWarnings("unchecked")
            Map<String, Object> times = (Map<String, Object>) list.get(series);
            assertEquals(BenchSize.smoke().uiListRounds() * ((Map<?, ?>) list.get("variants")).size(), times.get("count"),
                    series + ": " + times);
        }
        if (noBrowser.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> update = (Map<String, Object>) ((Map<String, Object>) ui.get("browser")).get("update");
            assertEquals(BenchSize.smoke().uiBrowserSamples(),
                    ((Map<?, ?>) update.get("baseline_api_stream_delivers_it_after_the_event")).get("count"),
                    "every pause delivered by the API's stream too: " + update);
        }
        try (Stream<Path> files = Files.list(results)) {
            Path markdown = files.filter(f -> f.getFileName().toString().endsWith(".md")).findFirst().orElseThrow();
            assertTrue(Files.readString(markdown).contains("`sandbox_overhead_ms`: what the droid's sandbox adds"),
                    "the Markdown should say what sandbox_overhead_ms is: " + markdown);
            assertTrue(Files.readString(markdown).contains("- `ui_list_p50_ms`, `ui_list_p95_ms`: GET /ui/missions"),
                    "the Markdown should say what the missions page's time is, beside its baseline: " + markdown);
        }
        for (String suffix : List.of(".json", ".md", ".png", "-latency.svg", "-throughput.svg")) {
            try (Stream<Path> files = Files.list(results)) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(suffix) && size(f) > 0),
                        "no " + suffix + " written in " + results);
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
