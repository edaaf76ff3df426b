package dev.missions.bench;

import dev.missions.stack.Home;
import dev.missions.stack.MissionsClient;
import dev.missions.stack.Models;
import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark: one stack on stub droids (the real droid runtime, cast to {@code noop}) with the production
 * durability settings; the floor of the hardware, P1 hop latency, P2 throughput, the DBOS peer, P3 coordinator
 * and droid recovery, P4 scale and P5 footprint, measured in one run against the same broker and database, the
 * sandbox's cost to one process, and Mission Control on thousands of stored missions. Prints a table and writes
 * JSON, Markdown and a chart.
 */
public final class Bench {

    static final Models STUB_DROIDS = new Models("noop", "stub",
            "STUB DROIDS: every role is cast to noop, so everything but the model and the repository runs");

    private final BenchSize size;
    private final Path home;
    private final Path resultsDir;

    public Bench(BenchSize size, Path home, Path resultsDir) {
        this.size = size;
        this.home = home;
        this.resultsDir = resultsDir;
    }

    public static void main(String[] args) throws Exception {
        Path home = Home.find();
        Path results = Path.of(System.getProperty("bench.results", home.resolve("bench/results").toString()));
        new Bench(BenchSize.fromSystemProperties(), home, results).run();
        // the broker's and the JDBC driver's non-daemon threads must not keep a finished run alive
        System.exit(0);
    }

    public Report run() throws Exception {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Map<String, Object> machine = Machine.describe();
        Path dataDir = Files.createDirectories(home.resolve("bench/target/run-" + stamp));
        System.out.println("missions bench (" + size.name() + ") on " + Machine.oneLine(machine));
        Footprint footprint = new Footprint();
        ChartData charts;
        Report report = new Report();
        report.detail("size", size.name());
        report.detail("machine", machine);
        // before the stack: on a quiet machine, and a host without bubblewrap fails the run at once, with its reason
        sandboxOverhead(report);
        Path services = ServiceSnapshot.take(home, dataDir.resolve("services"));
        try (Stack stack = Stack.start(new Stack.Options(services, dataDir, false, line -> {
            footprint.progress(line);
            System.out.println("  " + line);
        }, STUB_DROIDS, stubDroidConfig()));
                Connection db = stack.database().connect("coordinator")) {
            footprint.attach(stack, dataDir.resolve("postgres"));
            charts = measure(stack, db, footprint, report, resultsDir.resolve(stamp + "-coordinator.jfr"));
        } finally {
            ServiceSnapshot.discard(services);
        }
        report.detail("footprint", footprint.toMap());
        writeResults(report, stamp, machine, charts);
        return report;
    }

    /** The sandbox's cost: a trivial command through the droid's bubblewrap sandbox and unconfined, side by side. */
    private void sandboxOverhead(Report report) throws Exception {
        SandboxOverhead.Outcome sandbox = SandboxOverhead.measure(size.sandboxRuns(), System.getenv());
        System.out.printf("sandbox: '%s' p50 %s p95 %s unconfined, p50 %s p95 %s in %s; overhead p50 %s%n",
                String.join(" ", SandboxOverhead.COMMAND), Figures.ms(sandbox.unconfined().p50()),
                Figures.ms(sandbox.unconfinedP95()), Figures.ms(sandbox.sandboxed().p50()),
                Figures.ms(sandbox.sandboxedP95()), sandbox.sandbox(), Figures.ms(sandbox.overheadMs()));
        report.figure("sandbox_none_p50_ms", sandbox.unconfined().p50());
        report.figure("sandbox_bubblewrap_p50_ms", sandbox.sandboxed().p50());
        report.figure("sandbox_overhead_ms", sandbox.overheadMs());
        report.detail("sandbox_overhead", sandbox.toMap());
    }

    /**
     * Stub droids keep every durability default; only their task slots are raised, because the stub droid stands
     * for a fleet that scales out, and four slots per role would measure the fleet's size, not the control plane.
     */
    private static Map<String, String> stubDroidConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        // the noop delay stays at its default, 0 s: a hop then costs only the control plane
        config.put("missions.droid.max-concurrent-tasks", "64");
        return config;
    }

    private ChartData measure(Stack stack, Connection db, Footprint footprint, Report report, Path recording)
            throws Exception {
        Durability durability = Durability.read(db);
        System.out.println("durability: " + durability);
        report.detail("durability", durability.toMap());
        report.detail("durability_text", durability.toString());
        if (!durability.production()) {
            throw new IllegalStateException("not the production durability settings (" + durability
                    + "): no figure may come from weaker settings than users get");
        }
        footprint.sampleIdle();
        footprint.figure(report);
        Map<String, Double> alone = ReadyAlone.measure(stack);
        System.out.println("ready, each service started alone: " + alone);
        report.figure("service_ready_alone_s_max", alone.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        report.detail("service_ready_alone_s", alone);

        Distribution kafka = KafkaFloor.measure(stack.kafka().bootstrapServers(), size.floorSamples());
        Distribution commit = CommitFloor.measure(db, size.floorSamples());
        double floorHop = 2 * kafka.p50() + 2 * commit.p50();
        System.out.printf("floor: kafka one-way p50 %s p99 %s; commit p50 %s p99 %s; hop floor %s%n", Figures.ms(kafka.p50()),
                Figures.ms(kafka.p99()), Figures.ms(commit.p50()), Figures.ms(commit.p99()), Figures.ms(floorHop));
        report.figure("floor_kafka_oneway_p50_ms", kafka.p50());
        report.figure("floor_pg_commit_p50_ms", commit.p50());
        report.figure("floor_hop_p50_ms", floorHop);
        report.detail("floor_kafka_oneway", kafka.toMap());
        report.detail("floor_pg_commit", commit.toMap());

        MissionDriver driver = new MissionDriver(new MissionsClient(stack.url(Service.COORDINATOR), stack.apiToken()), db);
        HopLog hops = new HopLog(db);
        warmUp(driver, size);

        HopLatency.Outcome p1 = HopLatency.measure(driver, hops, size);
        System.out.printf("P1: %d hops p50 %s p90 %s p99 %s max %s%n", p1.hops().count(), Figures.ms(p1.hops().p50()),
                Figures.ms(p1.hops().p90()), Figures.ms(p1.hops().p99()), Figures.ms(p1.hops().max()));
        report.figure("hop_p50_ms", p1.hops().p50());
        report.figure("hop_p99_ms", p1.hops().p99());
        report.figure("hop_p50_ratio", p1.hops().p50() / floorHop);
        report.figure("hop_p99_ratio", p1.hops().p99() / floorHop);
        Map<String, Object> p1Detail = new LinkedHashMap<>(p1.hops().toMap());
        p1Detail.put("missions", p1.missions());
        p1Detail.put("chain_length", size.chainLength());
        p1Detail.put("missions_not_succeeded", p1.failedMissions());
        p1Detail.put("subtasks_retried", p1.retriedSubtasks());
        Map<String, Object> phases = new LinkedHashMap<>();
        p1.phases().forEach((phase, distribution) -> phases.put(phase, distribution.toMap()));
        p1Detail.put("phases", phases);
        p1.phases().forEach((phase, d) -> System.out.printf("    %s: p50 %s p99 %s%n", phase, Figures.ms(d.p50()),
                Figures.ms(d.p99())));
        report.detail("p1_hop_latency", p1Detail);

        CpuTime cpu = new CpuTime(stack, footprint.postgresData());
        Statements statements = new Statements(db);
        List<Throughput.Level> levels = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(footprint::sampleLoaded, 1, 1, TimeUnit.SECONDS);
        Files.createDirectories(resultsDir);
        // the coordinator is where a hop's time is spent beyond the floor: profile it under the throughput load
        Profile profile = Profile.start(stack.process(Service.COORDINATOR).pid(), recording);
        try {
            for (int inFlight : size.inFlightLevels()) {
                Throughput.Level level = Throughput.run(driver, hops, cpu, statements, inFlight, size);
                System.out.printf("P2: %d in flight: %d hops in %.1f s = %.1f hops/s, p99 %s%s%n", inFlight, level.hops(),
                        level.seconds(), level.hopsPerSecond(), Figures.ms(level.latency().p99()),
                        level.drained() ? "" : " (did not drain in time)");
                System.out.println("    CPU ms per hop: " + level.cpuMsPerHop() + "; PostgreSQL statements per result: "
                        + Figures.round(level.statementsPerResult()));
                level.topStatements().forEach(line -> System.out.println("      " + line));
                levels.add(level);
            }
        } finally {
            sampler.shutdownNow();
            Path hotMethods = profile.stop();
            report.detail("profile", Map.of("recording", recording.getFileName().toString(),
                    "hot_methods", hotMethods.getFileName().toString()));
            report.detail("profile_hot_methods", Files.readAllLines(hotMethods).stream().limit(30).toList());
        }
        Throughput.Level best = levels.stream().max((a, b) -> Double.compare(a.hopsPerSecond(), b.hopsPerSecond()))
                .orElseThrow();
        report.figure("hops_per_s_max", best.hopsPerSecond());
        report.figure("hops_p99_ms_at_max", best.latency().p99());
        report.figure("pg_statements_per_result", best.statementsPerResult());
        report.figure("coordinator_cpu_ms_per_hop", ((Number) best.cpuMsPerHop().get("coordinator")).doubleValue());
        report.detail("p2_throughput", levels.stream().map(Throughput.Level::toMap).toList());
        report.figure("stack_rss_mb", footprint.stackRss());

        List<DbosPeer.Level> peer = DbosPeer.measure(stack.database(), size);
        for (DbosPeer.Level level : peer) {
            System.out.printf("DBOS: %d in flight: %d steps in %.1f s = %.1f steps/s, step p99 %s%n", level.inFlight(),
                    level.steps(), level.seconds(), level.stepsPerSecond(), Figures.ms(level.stepLatency().p99()));
        }
        double peerBest = peer.stream().mapToDouble(DbosPeer.Level::stepsPerSecond).max().orElseThrow();
        report.figure("dbos_steps_per_s", peerBest);
        report.figure("dbos_ratio", best.hopsPerSecond() / peerBest);
        report.detail("dbos_peer", peer.stream().map(DbosPeer.Level::toMap).toList());

        // after the load: it kills the coordinator; what follows warms the new one up first
        Recovery.Outcome recovery = Recovery.coordinatorCrash(stack, driver, db, size);
        System.out.printf("P3: coordinator SIGKILLed with %d hops pending: first resumed hop %.2f s after restart "
                + "(ready after %.2f s); hops lost %d, missions not succeeded %d%n", recovery.hopsPendingAtKill(),
                recovery.resumeSeconds(), recovery.restartToReadySeconds(), recovery.hopsLost(),
                recovery.missionsNotSucceeded());
        report.figure("coordinator_resume_s", recovery.resumeSeconds());
        report.detail("p3_coordinator_crash", recovery.toMap());

        DroidRecovery.Outcome droidCrash = DroidRecovery.droidCrash(stack, driver, db);
        System.out.printf("P3: review droid SIGKILLed mid-task: dispatched again %.2f s after the kill; mission %s%n",
                droidCrash.redispatchSeconds(), droidCrash.missionStatus());
        report.figure("droid_redispatch_s", droidCrash.redispatchSeconds());
        report.detail("p3_droid_crash", droidCrash.toMap());

        warmUp(driver, size); // the restarted coordinator, before the probe times it
        Scale.Outcome scale = Scale.measure(stack, driver, hops, db, size);
        report.figure("scale_p99_growth", scale.p99Growth());
        report.detail("p4_scale", Map.of("levels", scale.levels().stream().map(Scale.Level::toMap).toList(),
                "parking_droid_ready", scale.parkingDroidReady()));

        // last: thousands of stored missions would change what the figures before measured
        missionControl(stack, db, report);

        Map<String, Distribution> latencies = new LinkedHashMap<>();
        latencies.put("kafka one-way", kafka);
        latencies.put("pg commit", commit);
        latencies.put("P1 hop", p1.hops());
        for (Throughput.Level level : levels) {
            latencies.put("P2 hop @" + level.inFlight(), level.latency());
        }
        for (DbosPeer.Level level : peer) {
            latencies.put("DBOS step @" + level.inFlight(), level.stepLatency());
        }
        report.detail("chart_series", latencies.keySet());
        return new ChartData(latencies, levels, peer);
    }

    /** The dashboard on thousands of stored missions: the missions page's time, a first render, a change on screen. */
    private void missionControl(Stack stack, Connection db, Report report) throws Exception {
        MissionControl.Outcome ui = new MissionControl(stack.url(Service.COORDINATOR), stack.apiToken(), db, size)
                .measure(home.resolve("bench/target"));
        report.figure("ui_list_p50_ms", ui.list().page().p50());
        report.figure("ui_list_p95_ms", ui.list().page().p95());
        if (ui.browser() != null) {
            report.figure("ui_first_render_ms", ui.browser().missionPaint().p50());
            report.figure("ui_update_ms", ui.browser().shownAfterEvent().p50());
        } else {
            report.notMeasured("ui_first_render_ms", ui.browserNotMeasured());
            report.notMeasured("ui_update_ms", ui.browserNotMeasured());
        }
        report.detail("mission_control", ui.toMap());
    }

    /**
     * The first thousands of hops pay for class loading and JIT in every service: chains side by side first, not
     * measured, so that P1 and P4 time the steady state (P5 times the start).
     */
    private static void warmUp(MissionDriver driver, BenchSize size) throws Exception {
        List<String> chains = new ArrayList<>();
        for (int i = 0; i < size.warmUpChains(); i++) {
            chains.add(driver.create("bench warm-up", BenchSize.MAX_CHAIN));
        }
        for (String chain : chains) {
            driver.await(chain, Duration.ofMinutes(3));
        }
    }

    /** What the chart is drawn from. */
    private record ChartData(Map<String, Distribution> latencies, List<Throughput.Level> levels,
            List<DbosPeer.Level> peer) {
    }

    private void writeResults(Report report, String stamp, Map<String, Object> machine, ChartData charts) throws Exception {
        Files.createDirectories(resultsDir);
        Path base = resultsDir.resolve(stamp);
        List<Path> chartFiles = Chart.write(base, charts.latencies(), charts.levels(), charts.peer());
        report.detail("chart", chartFiles.stream().map(p -> p.getFileName().toString()).toList());
        Path json = resultsDir.resolve(stamp + ".json");
        report.writeJson(json);
        Path markdown = resultsDir.resolve(stamp + ".md");
        Files.writeString(markdown, report.markdown("missions bench " + stamp + " (" + size.name() + ")",
                Machine.oneLine(machine), chartFiles.get(0).getFileName().toString()));
        System.out.println();
        System.out.print(report.table());
        System.out.println();
        System.out.println("results: " + json + ", " + markdown + ", " + chartFiles);
    }
}
