package dev.missions.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run found: the comparable top-level figures (null where this run did not measure them) and the
 * details behind them, written as JSON, a Markdown summary and a console table.
 */
public final class Report {

    /**
     * The issues' keys, in their order (the benchmark issue's with the core's statements and CPU per hop, then the
     * sandbox's cost from the security issue, then the dashboard's from Mission Control's issue); every run writes all of them so that runs can be compared.
     */
    public static final List<String> KEYS = List.of("floor_kafka_oneway_p50_ms", "floor_pg_commit_p50_ms",
            "floor_hop_p50_ms", "hop_p50_ms", "hop_p99_ms", "hop_p50_ratio", "hop_p99_ratio", "hops_per_s_max",
            "hops_p99_ms_at_max", "dbos_steps_per_s", "dbos_ratio", "pg_statements_per_result", "coordinator_cpu_ms_per_hop",
            "coordinator_resume_s", "droid_redispatch_s",
            "scale_p99_growth", "service_ready_s_max", "service_ready_alone_s_max", "service_idle_rss_mb_max", "stack_up_s", "stack_rss_mb",
            "sandbox_none_p50_ms", "sandbox_bubblewrap_p50_ms", "sandbox_overhead_ms", "ui_list_p50_ms", "ui_list_p95_ms",
            "ui_first_render_ms", "ui_update_ms");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final Map<String, String> notMeasured = new LinkedHashMap<>();

    public Report() {
        KEYS.forEach(key -> figures.put(key, null));
    }

    void figure(String key, double value) {
        if (!figures.containsKey(key)) {
            throw new IllegalArgumentException("not one of the issue's figures: " + key);
        }
        figures.put(key, Figures.round(value));
    }

    /** A figure this run could not measure, and why: written beside it instead of a value. */
    void notMeasured(String key, String reason) {
        if (!figures.containsKey(key)) {
            throw new IllegalArgumentException("not one of the issue's figures: " + key);
        }
        figures.put(key, null);
        notMeasured.put(key, reason);
    }

    /** Why a figure was not measured, when the run said why. */
    public String notMeasuredReason(String key) {
        return notMeasured.get(key);
    }

    void detail(String key, Object value) {
        details.put(key, value);
    }

    public Double figure(String key) {
        return figures.get(key);
    }

    public Map<String, Double> figures() {
        return java.util.Collections.unmodifiableMap(figures);
    }

    public Object detail(String key) {
        return details.get(key);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(figures);
        Map<String, Object> verdicts = new LinkedHashMap<>();
        for (Target target : Target.ALL) {
            verdicts.put(target.key(), target.verdict(figures.get(target.key())));
        }
        map.put("targets", verdicts);
        map.put("not_measured", figures.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList());
        map.put("not_measured_reasons", notMeasured);
        map.putAll(details);
        return map;
    }

    void writeJson(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), toMap());
    }

    /** The console table: each figure with its target verdict. */
    String table() {
        StringBuilder table = new StringBuilder(String.format("%-26s %12s  %s%n", "figure", "value", "target"));
        for (String key : KEYS) {
            Double value = figures.get(key);
            String verdict = Target.ALL.stream().filter(t -> t.key().equals(key)).findFirst()
                    .map(t -> t.description() + ": " + (value == null ? "not measured" : t.verdict(value))).orElse("");
            table.append(String.format("%-26s %12s  %s%n", key, value == null ? "—" : format(value), verdict));
        }
        return table.toString();
    }

    String markdown(String title, String machine, String chartFile) {
        StringBuilder md = new StringBuilder("# " + title + "\n\n");
        md.append("Machine: ").append(machine).append("\n\n");
        md.append("Durability: ").append(details.get("durability_text")).append("\n\n");
        md.append("| figure | value | target |\n|---|---:|---|\n");
        for (String key : KEYS) {
            Double value = figures.get(key);
            String target = Target.ALL.stream().filter(t -> t.key().equals(key)).findFirst()
                    .map(t -> t.description() + ": " + (value == null ? "not measured" : t.verdict(value))).orElse("");
            md.append("| `").append(key).append("` | ").append(value == null ? "—" : format(value)).append(" | ")
                    .append(target).append(" |\n");
        }
        sandboxLine(md);
        missionControlLines(md);
        List<String> missing = KEYS.stream().filter(key -> figures.get(key) == null).toList();
        if (!missing.isEmpty()) {
            md.append("\n## Not measured in this run\n\n");
            missing.forEach(key -> md.append("- `").append(key).append("`: ")
                    .append(notMeasured.getOrDefault(key, "not produced")).append("\n"));
        }
        md.append("\n## Missed targets\n\n");
        boolean anyMissed = false;
        for (Target target : Target.ALL) {
            String verdict = target.verdict(figures.get(target.key()));
            if (verdict != null && !verdict.equals("met")) {
                md.append("- ").append(target.description()).append(": ").append(verdict).append("\n");
                anyMissed = true;
            }
        }
        if (!anyMissed) {
            md.append("None of the measured ones.\n");
        }
        Object hot = details.get("profile_hot_methods");
        if (hot instanceof List<?> lines) {
            md.append("\nWhere the coordinator's time goes under the throughput load (JFR, `")
                    .append(((Map<?, ?>) details.get("profile")).get("recording")).append("`, kept beside this file but not in git):\n\n```\n");
            lines.forEach(line -> md.append(line).append("\n"));
            md.append("```\n");
        } else {
            md.append("\nNo profile (JFR) was recorded with this run.\n");
        }
        hopPhases(md);
        cpuPerHop(md);
        md.append("\nThe chaos run (R1) is the e2e module's `ChaosRunIT`; it writes `chaos-<timestamp>.json` beside this file.\n");
        md.append("\n![latency percentiles and throughput](").append(chartFile).append(")\n");
        return md.toString();
    }

    /** What {@code sandbox_overhead_ms} is, in one line, with the p95s beside the p50s of the table. */
    private void sandboxLine(StringBuilder md) {
        md.append("\n`sandbox_overhead_ms`: what the droid's sandbox adds to one process it starts, the p50 wall time of "
                + "`true` in bubblewrap (`sandbox_bubblewrap_p50_ms`) minus the same unconfined (`sandbox_none_p50_ms`)");
        if (details.get("sandbox_overhead") instanceof Map<?, ?> sandbox
                && sandbox.get("none") instanceof Map<?, ?> none && sandbox.get("bubblewrap") instanceof Map<?, ?> bwrap) {
            md.append(", ").append(none.get("count")).append(" alternating runs of each in this run (p95 ")
                    .append(bwrap.get("p95_ms")).append(" vs ").append(none.get("p95_ms")).append(" ms)");
        }
        md.append(".\n");
    }

    /** What the dashboard's figures are, each with the baseline this run measured beside it. */
    private void missionControlLines(StringBuilder md) {
        if (!(details.get("mission_control") instanceof Map<?, ?> ui)) {
            return;
        }
        md.append("\nMission Control, on ").append(ui.get("missions_in_table")).append(" stored missions (")
                .append(ui.get("missions_stored_by_the_bench")).append(" of them written by the bench straight into the "
                        + "coordinator's tables, with their subtasks and timelines; the rest from this run):\n\n");
        if (ui.get("list") instanceof Map<?, ?> list && list.get("ui_missions_page") instanceof Map<?, ?> page
                && list.get("api_get_missions") instanceof Map<?, ?> api) {
            md.append("- `ui_list_p50_ms`, `ui_list_p95_ms`: GET /ui/missions signed in, from request to last byte on a "
                    + "kept-alive loopback connection, over its default view and filtered, searched and paged ones (")
                    .append(page.get("count")).append(" requests); beside it the API's GET /missions with the same filters, "
                            + "which the page calls, alternating with it: p50 ").append(api.get("p50_ms")).append(" ms, p95 ")
                    .append(api.get("p95_ms")).append(" ms\n");
        }
        if (ui.get("browser") instanceof Map<?, ?> browser && browser.get("first_render") instanceof Map<?, ?> render
                && browser.get("update") instanceof Map<?, ?> update) {
            md.append("- `ui_first_render_ms`: a mission page's first contentful paint in headless Chromium ")
                    .append(browser.get("chromium")).append(", median of ")
                    .append(((Map<?, ?>) render.get("mission_page_first_contentful_paint")).get("count"))
                    .append(" missions; beside it the sign-in page's (the same frame, no mission): ")
                    .append(((Map<?, ?>) render.get("baseline_sign_in_page_first_contentful_paint")).get("p50_ms"))
                    .append(" ms\n");
            md.append("- `ui_update_ms`: from a pause's timeline event (written in the transaction that paused the mission) "
                    + "to the open mission page showing PAUSED (a MutationObserver in the page), median of ")
                    .append(((Map<?, ?>) update.get("page_shows_it_after_the_event")).get("count"))
                    .append(" running missions; beside it the API's own event stream delivering the same events to a plain "
                            + "client: ")
                    .append(((Map<?, ?>) update.get("baseline_api_stream_delivers_it_after_the_event")).get("p50_ms"))
                    .append(" ms\n");
        } else if (ui.get("browser_not_measured") != null) {
            md.append("- `ui_first_render_ms`, `ui_update_ms`: not measured: ").append(ui.get("browser_not_measured"))
                    .append("\n");
        }
    }

    /** Where a P1 hop's time goes, read from the coordinator's own rows. */
    private void hopPhases(StringBuilder md) {
        if (!(details.get("p1_hop_latency") instanceof Map<?, ?> p1) || !(p1.get("phases") instanceof Map<?, ?> phases)) {
            return;
        }
        md.append("\nWhere a P1 hop's time goes (ms):\n\n| phase | p50 | p99 |\n|---|---:|---:|\n");
        phases.forEach((phase, distribution) -> {
            Map<?, ?> d = (Map<?, ?>) distribution;
            md.append("| ").append(phase).append(" | ").append(d.get("p50_ms")).append(" | ").append(d.get("p99_ms"))
                    .append(" |\n");
        });
    }

    /** What one hop costs each process, in CPU, at each throughput level: the profile's view across processes. */
    private void cpuPerHop(StringBuilder md) {
        if (!(details.get("p2_throughput") instanceof List<?> levels) || levels.isEmpty()) {
            return;
        }
        md.append("\nCPU milliseconds per hop, per process, at each throughput level:\n\n");
        boolean header = true;
        for (Object level : levels) {
            Map<?, ?> map = (Map<?, ?>) level;
            if (!(map.get("cpu_ms_per_hop") instanceof Map<?, ?> cpu)) {
                continue;
            }
            if (header) {
                md.append("| in flight | ").append(String.join(" | ", cpu.keySet().stream().map(String::valueOf).toList()))
                        .append(" |\n|---:").append("|---:".repeat(cpu.size())).append("|\n");
                header = false;
            }
            md.append("| ").append(map.get("missions_in_flight")).append(" | ").append(String.join(" | ",
                    cpu.values().stream().map(String::valueOf).toList())).append(" |\n");
        }
    }

    static String format(double value) {
        return value >= 100 ? String.format("%.0f", value) : value >= 10 ? String.format("%.1f", value)
                : String.format("%.2f", value);
    }
}
