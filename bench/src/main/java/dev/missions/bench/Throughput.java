package dev.missions.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * P2: keeps a fixed number of missions in flight (a finished one is replaced at once) for a fixed time and counts
 * the hops whose result was applied inside the measuring window. The first quarter of the level (at most 5 s) is
 * ramp-up and not counted, so the figure is the sustained rate, not the start.
 */
final class Throughput {

    static final String GOAL = "bench p2 level";
    /** Creating missions is part of the load, but must not be its bottleneck: a few requests at a time. */
    private static final int CREATORS = 8;

    record Level(int inFlight, double seconds, int hops, double hopsPerSecond, Distribution latency, int missionsFinished,
            int missionsFailed, boolean drained, Map<String, Object> cpuMsPerHop, double statementsPerResult,
            List<String> topStatements) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("missions_in_flight", inFlight);
            map.put("window_s", Figures.round(seconds));
            map.put("hops", hops);
            map.put("hops_per_s", Figures.round(hopsPerSecond));
            map.put("hop_latency", latency.toMap());
            map.put("missions_finished", missionsFinished);
            map.put("missions_failed", missionsFailed);
            map.put("drained", drained);
            map.put("cpu_ms_per_hop", cpuMsPerHop);
            map.put("pg_statements_per_result", Figures.round(statementsPerResult));
            map.put("pg_top_statements", topStatements);
            return map;
        }
    }

    private Throughput() {
    }

    static Level run(MissionDriver driver, HopLog log, CpuTime cpu, Statements statements, int inFlight, BenchSize size)
            throws Exception {
        String goal = GOAL + " " + inFlight + " #";
        Set<String> flying = ConcurrentHashMap.newKeySet();
        AtomicInteger creating = new AtomicInteger();
        AtomicReference<RuntimeException> createFailure = new AtomicReference<>();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        statements.reset();
        Map<String, Double> cpuBefore = cpu.sample();
        Instant start = Instant.now();
        Instant end = start.plus(size.levelDuration());
        Duration rampUp = min(size.levelDuration().dividedBy(4), Duration.ofSeconds(5));
        Runnable createOne = () -> {
            try {
                flying.add(driver.create(goal + sequence.incrementAndGet(), size.throughputChainLength()));
            } catch (RuntimeException e) {
                createFailure.compareAndSet(null, e);
            } finally {
                creating.decrementAndGet();
            }
        };
        int finished = 0;
        int failed = 0;
        try {
            for (int i = 0; i < inFlight; i++) {
                creating.incrementAndGet();
                creators.execute(createOne);
            }
            while (Instant.now().isBefore(end)) {
                Map<String, String> done = driver.finished(new ArrayList<>(flying));
                for (Map.Entry<String, String> mission : done.entrySet()) {
                    flying.remove(mission.getKey());
                    finished++;
                    failed += mission.getValue().equals("SUCCEEDED") ? 0 : 1;
                    creating.incrementAndGet();
                    creators.execute(createOne);
                }
                if (createFailure.get() != null) {
                    throw new IllegalStateException("creating a mission failed at " + inFlight + " in flight",
                            createFailure.get());
                }
                Thread.sleep(50);
            }
            Map<String, Double> cpuAfter = cpu.sample();
            long calls = statements.calls();
            List<String> top = statements.top(12);
            int hopsInLevel = log.hops(goal, start, Instant.now()).size();
            boolean drained = drain(driver, flying, creating, size.drainTimeout());
            Instant windowStart = start.plus(rampUp);
            List<Double> hops = log.hops(goal, windowStart, end);
            double seconds = Duration.between(windowStart, end).toNanos() / 1e9;
            return new Level(inFlight, seconds, hops.size(), hops.size() / seconds, Distribution.of(hops), finished,
                    failed, drained, CpuTime.perHop(cpuBefore, cpuAfter, hopsInLevel), (double) calls / Math.max(1, hopsInLevel), top);
        } finally {
            creators.shutdown();
            creators.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** Lets the level's missions finish so that the next level starts on an idle coordinator. */
    private static boolean drain(MissionDriver driver, Set<String> flying, AtomicInteger creating, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            flying.removeAll(driver.finished(new ArrayList<>(flying)).keySet());
            if (flying.isEmpty() && creating.get() == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
