package dev.missions.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** P1: one mission at a time, each a chain of sequential subtasks, so every hop runs on an otherwise idle system. */
final class HopLatency {

    static final String GOAL = "bench p1 chain";

    record Outcome(Distribution hops, int missions, int failedMissions, int retriedSubtasks,
            Map<String, Distribution> phases) {
    }

    private HopLatency() {
    }

    static Outcome measure(MissionDriver driver, HopLog log, BenchSize size) throws Exception {
        int failed = 0;
        for (int i = 0; i < size.chainMissions(); i++) {
            String id = driver.create(GOAL + " " + (i + 1) + "/" + size.chainMissions(), size.chainLength());
            String status = driver.await(id, Duration.ofSeconds(30L + size.chainLength() * 3L));
            if (!status.equals("SUCCEEDED")) {
                failed++;
            }
        }
        List<Double> hops = new ArrayList<>(log.hops(GOAL));
        return new Outcome(Distribution.of(hops), size.chainMissions(), failed, log.retried(GOAL), log.phases(GOAL));
    }
}
