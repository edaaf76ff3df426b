package dev.missions.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hop latencies read back from the coordinator's database: from the dispatch (the SUBTASK_STARTED timeline row,
 * written in the dispatch's transaction) to the result (the subtask_result row, written in the result's
 * transaction). Both instants come from the coordinator's clock just before each commit, so a hop is measured
 * the way the coordinator lived it, not as a polling client saw it.
 */
final class HopLog {

    private static final String HOPS = """
            select extract(epoch from (r.applied_at - e.occurred_at)) * 1000.0
            from mission m
            join subtask s on s.mission_id = m.id
            join mission_event e on e.subtask_id = s.id and e.type = 'SUBTASK_STARTED' and e.attempt = 1
            join subtask_result r on r.subtask_id = s.id and r.attempt = 1
            where m.goal like ? and r.applied_at >= ? and r.applied_at < ?""";

    private final Connection db;

    HopLog(Connection db) {
        this.db = db;
    }

    /** Latencies (ms) of first attempts whose result was applied in [from, to), of missions whose goal starts so. */
    List<Double> hops(String goalPrefix, Instant from, Instant to) throws SQLException {
        List<Double> latencies = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(HOPS)) {
            query.setString(1, goalPrefix + "%");
            query.setTimestamp(2, Timestamp.from(from));
            query.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    latencies.add(rs.getDouble(1));
                }
            }
        }
        return latencies;
    }

    List<Double> hops(String goalPrefix) throws SQLException {
        return hops(goalPrefix, Instant.EPOCH, Instant.now().plusSeconds(3600));
    }

    /**
     * Where a hop's time goes, from the coordinator's rows: the dispatch's decision to the relay's mark of its task
     * (the task's outbox row, matched to its SUBTASK_STARTED by their order within the mission; the mark follows the
     * broker's ack), the mark to the result's arrival (its inbox row: broker, droid, broker), and the arrival to the
     * applied result. The store writes the inbox row in the statement that applies the result, so the last is about 0.
     */
    Map<String, Distribution> phases(String goalPrefix) throws SQLException {
        List<Double> relay = new ArrayList<>();
        List<Double> droid = new ArrayList<>();
        List<Double> apply = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                with e as (select mission_id, subtask_id, occurred_at,
                                  row_number() over (partition by mission_id order by id) n
                           from mission_event where type = 'SUBTASK_STARTED'),
                     t as (select message_key::uuid mission_id, sent_at,
                                  row_number() over (partition by message_key order by id) n
                           from outbox where topic like 'droid.tasks.%')
                select extract(epoch from (t.sent_at - e.occurred_at)) * 1000.0,
                       extract(epoch from (i.received_at - t.sent_at)) * 1000.0,
                       extract(epoch from (r.applied_at - i.received_at)) * 1000.0
                from e join t on t.mission_id = e.mission_id and t.n = e.n
                join mission m on m.id = e.mission_id
                join subtask_result r on r.subtask_id = e.subtask_id and r.attempt = 1
                join inbox i on i.event_id = r.event_id
                where m.goal like ?""")) {
            query.setString(1, goalPrefix + "%");
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    relay.add(rs.getDouble(1));
                    droid.add(rs.getDouble(2));
                    apply.add(rs.getDouble(3));
                }
            }
        }
        Map<String, Distribution> phases = new LinkedHashMap<>();
        phases.put("commit_to_relay_send", Distribution.of(relay));
        phases.put("send_to_result_received", Distribution.of(droid));
        phases.put("received_to_result_applied", Distribution.of(apply));
        return phases;
    }

    /** Subtasks that needed more than one attempt: with stub droids there should be none. */
    int retried(String goalPrefix) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select count(*) from subtask s join mission m on m.id = s.mission_id where m.goal like ? and s.attempt > 1")) {
            query.setString(1, goalPrefix + "%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
