package dev.missions.bench;

import dev.missions.stack.MissionsClient;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates missions through the REST API, as users do, and learns that they finished from the database: one query
 * for any number of missions keeps the watching cheap next to the load it watches.
 */
final class MissionDriver {

    private static final String FINISHED = """
            select id::text, status from mission
            where id = any(?) and status in ('SUCCEEDED', 'FAILED', 'CANCELLED', 'BLOCKED')""";

    private final MissionsClient client;
    private final Connection db;

    MissionDriver(MissionsClient client, Connection db) {
        this.client = client;
        this.db = db;
    }

    String create(String goal, int chainLength) {
        return create(goal, chainLength, "code");
    }

    String create(String goal, int chainLength, String role) {
        return client.create(ChainPlan.mission(goal, chainLength, role)).path("id").asText();
    }

    /** Of {@code missionIds}, those that reached a final status, with that status. */
    Map<String, String> finished(Collection<String> missionIds) throws SQLException {
        Map<String, String> finished = new HashMap<>();
        if (missionIds.isEmpty()) {
            return finished;
        }
        Array ids = db.createArrayOf("uuid", missionIds.toArray());
        try (PreparedStatement query = db.prepareStatement(FINISHED)) {
            query.setArray(1, ids);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    finished.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return finished;
    }

    /** Waits until one mission is final and returns its status. */
    String await(String missionId, Duration timeout) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String status = finished(java.util.List.of(missionId)).get(missionId);
            if (status != null) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("mission " + missionId + " not final within " + timeout);
    }
}
