package dev.missions.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.stack.Home;
import dev.missions.stack.Models;
import dev.missions.stack.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * R1, the chaos run: missions of five sequential subtasks on stub droids (random delays), asked for over a few
 * minutes while a killer SIGKILLs a random service every few seconds and starts it again, and the broker and
 * PostgreSQL are each restarted once. Afterwards every mission must have succeeded with each planned subtask's result
 * applied exactly once; effects that ran more than once are counted (at-least-once execution is allowed).
 *
 * <p>CI size by default; the full run: {@code ./mvnw -pl e2e verify -Dit.test=ChaosRunIT
 * -Dchaos.missions=1000 -Dchaos.kill-every=15s}. Figures go to {@code bench/results/chaos-<timestamp>.json}.
 */
class ChaosRunIT {

    private static final Set<String> SETTLED = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "BLOCKED");
    private static final Models STUB_DROIDS = new Models("noop", "stub",
            "STUB DROIDS: every role is cast to noop, with a random delay and a ledger of effects");
    private static final Duration INFRA_DOWNTIME = Duration.ofSeconds(3);

    @Test
    void everyMissionSucceedsWithEachResultAppliedOnceWhileEverythingIsKilled() throws Exception {
        ChaosSize size = ChaosSize.fromSystemProperties();
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Path home = Home.find();
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chaos-");
        Path ledger = data.resolve("ledger");
        System.out.println("chaos run " + size + ", seed " + seed + ", data in " + data);

        try (Stack stack = Stack.start(new Stack.Options(home, data, false, line -> System.out.println("[stack] " + line),
                STUB_DROIDS, config(size, ledger)))) {
            List<String> missionIds = new ArrayList<>();
            Instant firstRequest;
            Instant lastRequest;
            ChaosAudit audit;
            Killer killer;
            try (MissionRequests requests = new MissionRequests(stack.kafka().bootstrapServers());
                    Killer running = new Killer(stack, size.killEvery(), size.submitOver().dividedBy(3),
                            size.restartDatabase() ? size.submitOver().multipliedBy(2).dividedBy(3) : null, INFRA_DOWNTIME,
                            seed)) {
                killer = running;
                firstRequest = Instant.now();
                for (int i = 0; i < size.missions(); i++) {
                    sleepUntil(firstRequest.plus(size.submitOver().multipliedBy(i).dividedBy(size.missions())));
                    String missionId = UUID.randomUUID().toString();
                    requests.send(ChaosPlan.request(missionId, i, size.subtasks()));
                    missionIds.add(missionId);
                }
                lastRequest = Instant.now();
                awaitSettled(stack, missionIds, size.drainTimeout());
            }
            Instant drained = Instant.now();
            try (Connection db = stack.database().connect("coordinator")) {
                audit = ChaosAudit.of(missionIds, ChaosPlan.keys(size.subtasks()), CoordinatorRecord.read(db, missionIds),
                        Ledger.read(ledger));
            }

            ChaosReport report = new ChaosReport(size, audit, killer, DeadLetters.count(stack.kafka().bootstrapServers()),
                    Duration.between(lastRequest, drained).toMillis() / 1000.0,
                    Duration.between(firstRequest, drained).toMillis() / 1000.0, seed);
            Path results = Path.of(System.getProperty("chaos.results", home.resolve("bench/results").toString())).normalize();
            System.out.println(report.line());
            System.out.println("chaos figures: " + report.write(results));

            assertEquals(List.of(), audit.problems().stream().limit(20).toList(), report.line());
            assertEquals(List.of(), killer.failures(), "services, broker or database that did not come back");
            assertTrue(killer.brokerRestarted(), "the broker was restarted");
            assertTrue(killer.databaseRestarted() || !size.restartDatabase(), "PostgreSQL was restarted");
            assertTrue(killer.kills() > 0, "the killer killed");
            assertEquals(size.missions() * size.subtasks(), audit.resultsApplied(), "one applied result per subtask");
        }
    }

    /**
     * Chaos settings for the stack. Stub droids: a random delay, the ledger, slots enough never to queue, quick
     * heartbeats. Coordinator: a 10 s lease over 1 s beats and a short retry delay, so a killed droid's work comes back
     * within the run, and more attempts than by default, because here a subtask's droid may be killed several times in
     * a row. Droids leave their group 10 s after they die, instead of 45 s, so their partitions do not stall for most
     * of the run.
     */
    private static Map<String, String> config(ChaosSize size, Path ledger) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("missions.droid.noop-delay", "0s");
        config.put("missions.droid.noop-delay-max", size.delayMax().toMillis() + "ms");
        config.put("missions.droid.noop-ledger-dir", ledger.toAbsolutePath().toString());
        config.put("missions.droid.max-concurrent-tasks", "64");
        config.put("missions.droid.heartbeat-interval", "1s");
        config.put("missions.engine.lease", "10s");
        config.put("missions.engine.pickup-timeout", "60s");
        config.put("missions.engine.max-attempts", "10");
        config.put("missions.engine.retry-delay", "500ms");
        config.put("missions.engine.max-retry-delay", "5s");
        // every service gets this config, so it goes to all Kafka clients: a channel key would create the channel
        config.put("kafka.session.timeout.ms", "10000");
        return config;
    }

    /** Polls the coordinator's database, reconnecting across the PostgreSQL restart, until every mission settled. */
    private static void awaitSettled(Stack stack, List<String> missionIds, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long settled = 0;
        while (Instant.now().isBefore(deadline)) {
            try (Connection db = stack.database().connect("coordinator")) {
                settled = CoordinatorRecord.statuses(db, missionIds).values().stream().filter(SETTLED::contains).count();
                if (settled == missionIds.size()) {
                    return;
                }
            } catch (SQLException databaseDown) {
                // restarting: ask again
            }
            Thread.sleep(1000);
        }
        System.out.println("chaos: only " + settled + " of " + missionIds.size() + " missions settled within " + timeout);
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
