package dev.missions.e2e.chaos;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the coordinator holds as true, read from its PostgreSQL: the missions, their subtasks, the applied results
 * ({@code subtask_result}, one row per applied (subtask, attempt)) and the announced timeline ({@code mission_event}).
 */
record CoordinatorRecord(Map<String, String> missionStatus, List<SubtaskRow> subtasks, List<ResultRow> results,
        List<EventRow> events) {

    record SubtaskRow(String missionId, String subtaskId, String planKey, String status, int attempt) {
    }

    record ResultRow(String missionId, String subtaskId, int attempt, String outcome, String droidId) {
    }

    record EventRow(String missionId, String subtaskId, String type, String eventId) {
    }

    private static final String STATUS = "select id::text, status from mission where id = any(?)";

    static CoordinatorRecord read(Connection db, Collection<String> missionIds) throws SQLException {
        Array ids = db.createArrayOf("uuid", missionIds.toArray());
        Map<String, String> missions = statuses(db, missionIds);
        List<SubtaskRow> subtasks = new ArrayList<>();
        query(db, ids, "select mission_id::text, id::text, plan_key, status, attempt from subtask where mission_id = any(?)",
                rs -> subtasks.add(new SubtaskRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5))));
        List<ResultRow> results = new ArrayList<>();
        query(db, ids, """
                select s.mission_id::text, r.subtask_id::text, r.attempt, r.outcome, r.droid_id
                from subtask_result r join subtask s on s.id = r.subtask_id where s.mission_id = any(?)""",
                rs -> results.add(new ResultRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5))));
        List<EventRow> events = new ArrayList<>();
        query(db, ids, "select mission_id::text, subtask_id::text, type, event_id from mission_event where mission_id = any(?)",
                rs -> events.add(new EventRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))));
        return new CoordinatorRecord(missions, subtasks, results, events);
    }

    /** The status of each of {@code missionIds} that exists. */
    static Map<String, String> statuses(Connection db, Collection<String> missionIds) throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        query(db, db.createArrayOf("uuid", missionIds.toArray()), STATUS, rs -> statuses.put(rs.getString(1), rs.getString(2)));
        return statuses;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection db, Array ids, String sql, Row row) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, ids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }
}
