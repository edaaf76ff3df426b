package dev.missions.e2e.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one chaos run: one line for the log, and a JSON file beside the benchmark results
 * ({@code bench/results/chaos-<timestamp>.json}) whose top-level numbers compare across runs.
 */
final class ChaosReport {

    private final Map<String, Object> json = new LinkedHashMap<>();

    ChaosReport(ChaosSize size, ChaosAudit audit, Killer killer, Map<String, Integer> deadLetters, double drainSeconds,
            double runSeconds, long seed) {
        json.put("chaos_missions", audit.missions());
        json.put("chaos_kills", killer.kills());
        json.put("chaos_lost", audit.lost());
        json.put("chaos_applied_twice", audit.appliedTwice());
        json.put("chaos_executed_twice", audit.executedTwice());
        json.put("chaos_drain_s", round(drainSeconds));
        json.put("chaos_run_s", round(runSeconds));
        json.put("size", size.toMap());
        json.put("seed", seed);
        json.put("kills_by_service", killer.killsByService());
        json.put("broker_restarted", killer.brokerRestarted());
        json.put("postgres_restarted", killer.databaseRestarted());
        json.put("restart_failures", killer.failures().stream().map(f -> f.what() + ": " + f.why()).toList());
        json.put("dead_lettered", deadLetters);
        json.put("audit", audit.toMap());
        json.put("timeline", killer.log());
    }

    String line() {
        return String.format("chaos: missions %s, kills %s, lost %s, applied twice %s, executed twice %s, "
                + "time to drain %.1f s (run %.1f s); dead-lettered %s", json.get("chaos_missions"), json.get("chaos_kills"),
                json.get("chaos_lost"), json.get("chaos_applied_twice"), json.get("chaos_executed_twice"),
                (Double) json.get("chaos_drain_s"), (Double) json.get("chaos_run_s"), json.get("dead_lettered"));
    }

    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = dir.resolve("chaos-" + stamp + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        return file;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
