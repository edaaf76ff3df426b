package dev.missions.coordinator.attempt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missions.coordinator.api.MissionView.SubtaskView;
import dev.missions.coordinator.core.SubtaskState;
import dev.missions.coordinator.engine.MissionEngine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads a subtask's attempts in one statement: each one's dispatch (from the timeline), result and steps. */
@ApplicationScoped
public class AttemptHistory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTEMPTS = """
            with started as (
                select attempt, min(occurred_at) as at from mission_event
                where mission_id = $1 and subtask_id = $2 and type = 'SUBTASK_STARTED' and attempt is not null
                group by attempt),
            attempts as (
                select attempt from started
                union select attempt from subtask_result where subtask_id = $2
                union select attempt from attempt_step where subtask_id = $2)
            select a.attempt, started.at as dispatched_at, r.applied_at, r.outcome, r.droid_id, r.summary, r.failure_reason,
                coalesce((select jsonb_agg(s.body order by s.number) from attempt_step s
                          where s.subtask_id = $2 and s.attempt = a.attempt), '[]'::jsonb)::text as steps
            from attempts a
            left join started on started.attempt = a.attempt
            left join subtask_result r on r.subtask_id = $2 and r.attempt = a.attempt
            order by a.attempt""";

    private final Pool client;
    private final MissionEngine engine;

    public AttemptHistory(Pool client, MissionEngine engine) {
        this.client = client;
        this.engine = engine;
    }

    /** The subtask of that mission with its attempts, or null when the mission has no such subtask. */
    public Uni<SubtaskDetail> of(UUID missionId, UUID subtaskId) {
        return engine.read(missionId).flatMap(record -> {
            SubtaskState subtask = record == null ? null : record.state().subtask(subtaskId).orElse(null);
            return subtask == null ? Uni.createFrom().nullItem()
                    : client.preparedQuery(ATTEMPTS).execute(Tuple.of(missionId, subtaskId)).map(rows -> {
                        List<AttemptView> attempts = new ArrayList<>();
                        rows.forEach(row -> attempts.add(attempt(row)));
                        return new SubtaskDetail(SubtaskView.of(subtask), attempts);
                    });
        });
    }

    private static AttemptView attempt(Row row) {
        try {
            return new AttemptView(row.getInteger("attempt"), instant(row.getOffsetDateTime("dispatched_at")),
                    instant(row.getOffsetDateTime("applied_at")), row.getString("outcome"), row.getString("droid_id"),
                    row.getString("summary"), row.getString("failure_reason"), JSON.readTree(row.getString("steps")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the steps of an attempt are not JSON", e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
