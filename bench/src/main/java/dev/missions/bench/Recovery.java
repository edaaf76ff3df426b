package dev.missions.bench;

import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P3, the coordinator: SIGKILL it while missions are mid-chain, start it again, and time from that restart to the
 * first hop it completes; then let every mission finish and count the hops that never completed (must be 0).
 * The missions are all created before the kill, so no request meets a dead API: what is tested is the resume.
 */
final class Recovery {

    static final String GOAL = "bench p3 coordinator crash #";

    record Outcome(double resumeSeconds, double restartToReadySeconds, int hopsPendingAtKill, int hopsLost,
            int missionsNotSucceeded) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("restart_to_first_resumed_hop_s", Figures.round(resumeSeconds));
            map.put("restart_to_ready_s", Figures.round(restartToReadySeconds));
            map.put("hops_pending_at_kill", hopsPendingAtKill);
            map.put("hops_lost", hopsLost);
            map.put("missions_not_succeeded", missionsNotSucceeded);
            return map;
        }
    }

    private Recovery() {
    }

    static Outcome coordinatorCrash(Stack stack, MissionDriver driver, Connection db, BenchSize size) throws Exception {
        List<String> missions = new ArrayList<>();
        for (int i = 0; i < size.recoveryMissions(); i++) {
            missions.add(driver.create(GOAL + i, size.throughputChainLength()));
        }
        int total = size.recoveryMissions() * size.throughputChainLength();
        // kill once the chains are moving but far from done
        awaitApplied(db, Instant.EPOCH, Math.max(1, total / 10), Duration.ofMinutes(1));
        stack.process(Service.COORDINATOR).kill();
        Instant killed = Instant.now();
        int pending = total - applied(db, Instant.EPOCH);
        Instant restarted = Instant.now();
        stack.start(Service.COORDINATOR);
        Instant ready = Instant.now();
        Instant firstResumed = awaitApplied(db, killed, 1, Duration.ofMinutes(2));
        Instant deadline = Instant.now().plus(size.drainTimeout());
        while (driver.finished(missions).size() < missions.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        int notSucceeded = missions.size() - (int) driver.finished(missions).values().stream()
                .filter("SUCCEEDED"::equals).count();
        return new Outcome(Duration.between(restarted, firstResumed).toNanos() / 1e9,
                Duration.between(restarted, ready).toNanos() / 1e9, pending, total - succeededHops(db), notSucceeded);
    }

    /** Waits until {@code count} results of this run's missions were applied after {@code after}; returns the first. */
    private static Instant awaitApplied(Connection db, Instant after, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (PreparedStatement query = db.prepareStatement("""
                    select count(*), min(r.applied_at) from subtask_result r join subtask s on s.id = r.subtask_id
                    join mission m on m.id = s.mission_id where m.goal like ? and r.applied_at > ?""")) {
                query.setString(1, GOAL + "%");
                query.setTimestamp(2, Timestamp.from(after));
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= count) {
                        return rs.getTimestamp(2).toInstant();
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("fewer than " + count + " hops completed after " + after + " within " + timeout);
    }

    private static int applied(Connection db, Instant after) throws SQLException {
        return count(db, """
                select count(*) from subtask_result r join subtask s on s.id = r.subtask_id
                join mission m on m.id = s.mission_id where m.goal like ? and r.applied_at > ?""", GOAL + "%",
                Timestamp.from(after));
    }

    private static int succeededHops(Connection db) throws SQLException {
        return count(db, """
                select count(*) from subtask s join mission m on m.id = s.mission_id
                where m.goal like ? and s.status = 'SUCCEEDED'""", GOAL + "%");
    }

    private static int count(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
