package dev.missions.e2e.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How big a chaos run is, from system properties ({@code -Dchaos.missions=1000 -Dchaos.kill-every=15s}); the defaults
 * are the CI size. Missions are asked for evenly over {@code submitOver}, so the kills land on missions at every stage.
 */
public record ChaosSize(int missions, int subtasks, Duration killEvery, Duration submitOver, Duration delayMax,
        Duration drainTimeout, boolean restartDatabase) {

    public static ChaosSize fromSystemProperties() {
        return from(System::getProperty);
    }

    static ChaosSize from(Function<String, String> properties) {
        int missions = Integer.parseInt(value(properties, "chaos.missions", "30"));
        Duration killEvery = duration(value(properties, "chaos.kill-every", "5s"));
        // half a second per mission, at least 90 s: enough kills to hit every service at every stage of a mission
        Duration submitOver = duration(value(properties, "chaos.submit-over",
                Math.max(90, missions / 2) + "s"));
        Duration delayMax = duration(value(properties, "chaos.delay-max", "2s"));
        // after the last request: a healthy run drains in well under a minute, a stuck one should not hold CI long
        Duration drainTimeout = duration(value(properties, "chaos.drain-timeout", (150 + missions) + "s"));
        // on by default; off only to tell a failure the PostgreSQL restart causes from the others
        boolean restartDatabase = Boolean.parseBoolean(value(properties, "chaos.restart-database", "true"));
        return new ChaosSize(missions, 5, killEvery, submitOver, delayMax, drainTimeout, restartDatabase);
    }

    /** {@code 15s}, {@code 15}, {@code 500ms}, {@code 2m}, or an ISO-8601 duration ({@code PT15S}). */
    static Duration duration(String text) {
        String value = text.strip().toLowerCase();
        if (value.startsWith("p")) {
            return Duration.parse(value.toUpperCase());
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
        }
        String seconds = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
        return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
    }

    private static String value(Function<String, String> properties, String key, String fallback) {
        String value = properties.apply(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("missions", missions);
        map.put("subtasks_per_mission", subtasks);
        map.put("kill_every_s", killEvery.toMillis() / 1000.0);
        map.put("submit_over_s", submitOver.toMillis() / 1000.0);
        map.put("noop_delay_max_s", delayMax.toMillis() / 1000.0);
        map.put("postgres_restart", restartDatabase);
        return map;
    }
}
