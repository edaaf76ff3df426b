package dev.missions.bench;

import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P4: more and more missions in flight, each waiting on a docs subtask whose stub droid takes an hour (a few run,
 * the rest queue on the topic), while a probe mission's chain of code hops is timed at each level. The coordinator's
 * live heap and its row counts are read at each level too.
 */
final class Scale {

    static final String PARKED = "bench p4 parked #";
    static final String PROBE = "bench p4 probe @";
    private static final Service PARKING_DROID = Service.DROID_DOCS;
    private static final int CREATORS = 8;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    record Level(int inFlight, Distribution probe, double liveHeapMb, Map<String, Long> rows) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("missions_in_flight", inFlight);
            map.put("probe_hop_latency", probe.toMap());
            map.put("coordinator_live_heap_mb", Figures.round(liveHeapMb));
            map.put("rows", rows);
            return map;
        }
    }

    record Outcome(List<Level> levels, boolean parkingDroidReady) {

        /** How much the probe's hop p99 grew from the first level to the last: 0.2 is 20%. */
        double p99Growth() {
            double first = levels.get(0).probe().p99();
            return (levels.get(levels.size() - 1).probe().p99() - first) / first;
        }
    }

    private Scale() {
    }

    static Outcome measure(Stack stack, MissionDriver driver, HopLog hops, Connection db, BenchSize size) throws Exception {
        stack.process(PARKING_DROID).kill();
        stack.start(PARKING_DROID, Map.of("missions.droid.noop-delay", "1h"));
        List<Level> levels = new ArrayList<>();
        int parked = 0;
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        try {
            for (int inFlight : size.scaleLevels()) {
                park(driver, creators, parked, inFlight);
                parked = inFlight;
                Distribution probe = probe(driver, hops, inFlight, size);
                Level level = new Level(inFlight, probe, liveHeapMb(stack.process(Service.COORDINATOR).pid()), rows(db));
                System.out.printf("P4: %d in flight: probe hop p50 %s p99 %s; coordinator live heap %.0f MB; rows %s%n",
                        inFlight, Figures.ms(probe.p50()), Figures.ms(probe.p99()), level.liveHeapMb(), level.rows());
                levels.add(level);
            }
        } finally {
            creators.shutdownNow();
        }
        // its tasks waited on the topic far longer than the connector's default age check: the droid must still be up
        boolean ready = stack.process(PARKING_DROID).isAlive() && stack.process(PARKING_DROID).isReady();
        return new Outcome(levels, ready);
    }

    private static void park(MissionDriver driver, ExecutorService creators, int from, int to) throws Exception {
        List<Future<String>> created = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String goal = PARKED + i;
            created.add(creators.submit(() -> driver.create(goal, 1, "docs")));
        }
        for (Future<String> mission : created) {
            mission.get();
        }
    }

    private static Distribution probe(MissionDriver driver, HopLog hops, int inFlight, BenchSize size) throws Exception {
        String goal = PROBE + inFlight + " #";
        for (int i = 0; i < size.scaleProbeChains(); i++) {
            String status = driver.await(driver.create(goal + i, BenchSize.MAX_CHAIN), Duration.ofMinutes(3));
            if (!status.equals("SUCCEEDED")) {
                throw new IllegalStateException("probe mission at " + inFlight + " in flight ended " + status);
            }
        }
        return Distribution.of(hops.hops(goal));
    }

    /** The heap still reachable after a full collection: what the missions in flight really hold. */
    static double liveHeapMb(long pid) throws Exception {
        Profile.run(Profile.jdkTool("jcmd"), Long.toString(pid), "GC.run");
        long usedKb = 0;
        for (String line : Profile.run(Profile.jdkTool("jcmd"), Long.toString(pid), "GC.heap_info").split("\n")) {
            Matcher used = USED.matcher(line);
            // the spaces (one per generation, or G1's one heap) start at the margin; their parts are indented
            if (!line.startsWith(" ") && line.contains(" total ") && used.find()) {
                usedKb += Long.parseLong(used.group(1));
            }
        }
        return usedKb / 1024.0;
    }

    private static Map<String, Long> rows(Connection db) throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement query = db.createStatement()) {
            for (String table : List.of("mission", "subtask", "subtask_result", "mission_event", "inbox", "outbox")) {
                try (ResultSet rs = query.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        }
        return rows;
    }
}
