package dev.missions.bench;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Workflow;
import dev.missions.testsupport.EmbeddedDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The peer: DBOS Transact for Java running the same shape as a P2 mission (a 5-step durable workflow whose steps do
 * nothing) at the same concurrency, against the same PostgreSQL server (its own database there, as DBOS keeps its
 * own system tables). Each DBOS step checkpoints in PostgreSQL only; each of our hops also crosses Kafka twice.
 */
final class DbosPeer {

    static final String DATABASE = "dbos_bench";

    /** A DBOS workflow is called through a proxy of an interface. */
    public interface Chain {
        int run(int steps);
    }

    /** Records how long each no-op step took, checkpoint included. */
    public static final class ChainWorkflow implements Chain {

        private final DBOS dbos;
        private final ConcurrentLinkedQueue<double[]> steps = new ConcurrentLinkedQueue<>();

        ChainWorkflow(DBOS dbos) {
            this.dbos = dbos;
        }

        @Workflow(name = "bench-chain")
        @Override
        public int run(int count) {
            for (int i = 0; i < count; i++) {
                int step = i;
                long started = System.nanoTime();
                dbos.runStep(() -> step, "step-" + step);
                long finished = System.nanoTime();
                steps.add(new double[] {finished, (finished - started) / 1e6});
            }
            return count;
        }
    }

    record Level(int inFlight, double seconds, int steps, double stepsPerSecond, Distribution stepLatency) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("workflows_in_flight", inFlight);
            map.put("window_s", Figures.round(seconds));
            map.put("steps", steps);
            map.put("steps_per_s", Figures.round(stepsPerSecond));
            map.put("step_latency", stepLatency.toMap());
            return map;
        }
    }

    private DbosPeer() {
    }

    static List<Level> measure(EmbeddedDatabase database, BenchSize size) throws Exception {
        database.ensureDatabase(DATABASE);
        DBOSConfig config = DBOSConfig.defaults("missions-bench").withDatabaseUrl(database.jdbcUrl(DATABASE))
                .withDbUser(EmbeddedDatabase.USER).withDbPassword(EmbeddedDatabase.PASSWORD).disableAdminServer();
        List<Level> levels = new ArrayList<>();
        try (DBOS dbos = new DBOS(config)) {
            ChainWorkflow workflow = new ChainWorkflow(dbos);
            Chain chain = dbos.registerProxy(Chain.class, workflow);
            dbos.launch();
            for (int i = 0; i < 20; i++) {
                chain.run(size.throughputChainLength()); // warm-up: class loading and JIT, as our warm-up mission
            }
            for (int inFlight : size.inFlightLevels()) {
                levels.add(level(chain, workflow, inFlight, size));
            }
        }
        return levels;
    }

    /** {@code inFlight} callers, each running one workflow after another, like missions replaced as they finish. */
    private static Level level(Chain chain, ChainWorkflow workflow, int inFlight, BenchSize size) throws Exception {
        workflow.steps.clear();
        long startNanos = System.nanoTime();
        long endNanos = startNanos + size.levelDuration().toNanos();
        long windowStart = startNanos + Math.min(size.levelDuration().toNanos() / 4, Duration.ofSeconds(5).toNanos());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < endNanos && failure.get() == null) {
                    try {
                        chain.run(size.throughputChainLength());
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join(size.drainTimeout().toMillis());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a DBOS workflow failed at " + inFlight + " in flight", failure.get());
        }
        List<Double> latencies = new ArrayList<>();
        for (double[] step : workflow.steps) {
            if (step[0] >= windowStart && step[0] < endNanos) {
                latencies.add(step[1]);
            }
        }
        double seconds = (endNanos - windowStart) / 1e9;
        return new Level(inFlight, seconds, latencies.size(), latencies.size() / seconds, Distribution.of(latencies));
    }
}
