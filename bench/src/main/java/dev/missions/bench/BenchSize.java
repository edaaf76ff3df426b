package dev.missions.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much load a run drives. {@code full} is the size (at least 1,000 hops; 32, 128 and 512 missions in
 * flight; 10,000 stored missions under the dashboard); {@code smoke} only proves every figure can be produced, in well
 * under two minutes of load.
 */
public record BenchSize(String name, int floorSamples, int chainMissions, int chainLength, List<Integer> inFlightLevels,
        Duration levelDuration, int throughputChainLength, Duration drainTimeout, int recoveryMissions,
        List<Integer> scaleLevels, int scaleProbeChains, int warmUpChains, int sandboxRuns, int uiMissions,
        int uiListRounds, int uiBrowserSamples) {

    /** The coordinator accepts at most 40 subtasks per plan (PlanValidator.MAX_SUBTASKS). */
    static final int MAX_CHAIN = 40;

    public static BenchSize full() {
        return new BenchSize("full", 2000, 25, MAX_CHAIN, List.of(32, 128, 512), Duration.ofSeconds(30), 5,
                Duration.ofMinutes(3), 128, List.of(10, 100, 1_000, 10_000), 5, 64, 300, 10_000, 100, 15);
    }

    public static BenchSize smoke() {
        return new BenchSize("smoke", 100, 2, 25, List.of(8), Duration.ofSeconds(5), 5, Duration.ofSeconds(60), 8,
                List.of(10, 100), 1, 2, 30, 300, 20, 5);
    }

    /**
     * {@code -Dbench.size=full|smoke}; {@code -Dbench.level-seconds=N} shortens or lengthens each throughput level, and
     * {@code -Dbench.levels=32,128} replaces its missions-in-flight levels.
     */
    public static BenchSize fromSystemProperties() {
        BenchSize size = switch (System.getProperty("bench.size", "full")) {
            case "full" -> full();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("bench.size must be full or smoke, not "
                    + System.getProperty("bench.size"));
        };
        String seconds = System.getProperty("bench.level-seconds");
        size = seconds == null ? size : size.withLevelDuration(Duration.ofSeconds(Long.parseLong(seconds)));
        String levels = System.getProperty("bench.levels");
        return levels == null ? size : size.withInFlightLevels(java.util.Arrays.stream(levels.split(","))
                .map(String::strip).map(Integer::valueOf).toList());
    }

    public BenchSize withInFlightLevels(List<Integer> levels) {
        return new BenchSize(name, floorSamples, chainMissions, chainLength, levels, levelDuration,
                throughputChainLength, drainTimeout, recoveryMissions, scaleLevels, scaleProbeChains, warmUpChains,
                sandboxRuns, uiMissions, uiListRounds, uiBrowserSamples);
    }

    public BenchSize withLevelDuration(Duration duration) {
        return new BenchSize(name, floorSamples, chainMissions, chainLength, inFlightLevels, duration,
                throughputChainLength, drainTimeout, recoveryMissions, scaleLevels, scaleProbeChains, warmUpChains,
                sandboxRuns, uiMissions, uiListRounds, uiBrowserSamples);
    }

    public int hops() {
        return chainMissions * chainLength;
    }
}
