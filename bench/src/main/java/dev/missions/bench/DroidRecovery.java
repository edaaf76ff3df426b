package dev.missions.bench;

import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * P3, a droid: SIGKILL a review droid in the middle of a task (its stub takes minutes), with the coordinator's default
 * lease, and time from the kill to the dispatch of the next attempt. A new droid of that role starts meanwhile, as
 * a Deployment would start one, and finishes the mission.
 */
final class DroidRecovery {

    static final String GOAL = "bench p3 droid crash";
    private static final Service DROID = Service.DROID_REVIEW;

    record Outcome(double redispatchSeconds, String missionStatus) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("kill_to_next_dispatch_s", Figures.round(redispatchSeconds));
            map.put("droid", DROID.module());
            map.put("mission_status", missionStatus);
            return map;
        }
    }

    private DroidRecovery() {
    }

    static Outcome droidCrash(Stack stack, MissionDriver driver, Connection db) throws Exception {
        stack.process(DROID).kill();
        stack.start(DROID, Map.of("missions.droid.noop-delay", "10m"));
        String mission = driver.create(GOAL, 1, "review");
        awaitRunning(db, mission, Duration.ofMinutes(1));
        stack.process(DROID).kill();
        Instant killed = Instant.now();
        CompletableFuture<?> replacement = CompletableFuture.runAsync(() -> stack.start(DROID));
        Instant redispatched = awaitSecondDispatch(db, mission, Duration.ofMinutes(2));
        replacement.join();
        String status = driver.await(mission, Duration.ofMinutes(3));
        return new Outcome(Duration.between(killed, redispatched).toNanos() / 1e9, status);
    }

    /** A heartbeat of attempt 1 arrived: the droid has the task and is working on it. */
    private static void awaitRunning(Connection db, String mission, Duration timeout) throws Exception {
        poll(db, "select 1 from subtask where mission_id = ? and attempt = 1 and status = 'RUNNING'", mission, timeout);
    }

    /** When attempt 2 was dispatched: its SUBTASK_STARTED row is written in the dispatch's transaction. */
    private static Instant awaitSecondDispatch(Connection db, String mission, Duration timeout) throws Exception {
        return poll(db, "select occurred_at from mission_event where mission_id = ? and type = 'SUBTASK_STARTED' and attempt = 2",
                mission, timeout);
    }

    private static Instant poll(Connection db, String sql, String mission, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (PreparedStatement query = db.prepareStatement(sql)) {
                query.setObject(1, UUID.fromString(mission));
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        Object value = rs.getObject(1);
                        return value instanceof Timestamp at ? at.toInstant() : Instant.now();
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("mission " + mission + ": not seen within " + timeout + ": " + sql);
    }
}
