package dev.missions.bench;

import java.util.List;

/** One of the targets on a top-level figure: met, missed by how much, or not measured in this run. */
record Target(String key, String description, boolean atMost, double limit) {

    static final List<Target> ALL = List.of(
            new Target("hop_p50_ratio", "hop p50 ≤ 1.5× floor", true, 1.5),
            new Target("hop_p99_ratio", "hop p99 ≤ 2× floor", true, 2.0),
            new Target("hops_per_s_max", "≥ 1,000 hops/s", false, 1000),
            new Target("hops_p99_ms_at_max", "p99 ≤ 100 ms at the best throughput", true, 100),
            new Target("dbos_ratio", "our hops/s ≥ DBOS steps/s", false, 1.0),
            new Target("pg_statements_per_result", "≤ 4 PostgreSQL statements per applied result", true, 4),
            new Target("coordinator_cpu_ms_per_hop", "coordinator CPU ≤ 0.5 ms per hop", true, 0.5),
            new Target("coordinator_resume_s", "coordinator resumes ≤ 5 s after restart", true, 5),
            new Target("droid_redispatch_s", "re-dispatch ≤ 10 s after a droid dies", true, 10),
            new Target("scale_p99_growth", "p99 grows ≤ 20% from 10 to 10,000 in flight", true, 0.2),
            new Target("service_ready_s_max", "each service ready ≤ 2 s", true, 2),
            new Target("service_ready_alone_s_max", "each service ready ≤ 2 s when started alone", true, 2),
            new Target("service_idle_rss_mb_max", "each service idle RSS ≤ 200 MB", true, 200),
            new Target("stack_up_s", "whole stack up ≤ 15 s", true, 15),
            new Target("stack_rss_mb", "whole stack ≤ 3 GiB", true, 3072),
            new Target("ui_list_p95_ms", "missions page p95 ≤ 100 ms", true, 100),
            new Target("ui_first_render_ms", "mission page first render ≤ 1 s", true, 1000),
            new Target("ui_update_ms", "a change on screen ≤ 250 ms after its commit", true, 250));

    /** "met", "missed by …", or null when the figure was not measured. */
    String verdict(Double value) {
        if (value == null) {
            return null;
        }
        boolean met = atMost ? value <= limit : value >= limit;
        if (met) {
            return "met";
        }
        double off = atMost ? value / limit : limit / value;
        return String.format("missed: %s vs %s (%.1f× %s)", Report.format(value), Report.format(limit), off,
                atMost ? "over" : "short");
    }
}
