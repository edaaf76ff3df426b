package dev.missions.coordinator.engine;

import dev.missions.coordinator.core.BudgetLimits;
import dev.missions.coordinator.core.MissionState;
import dev.missions.coordinator.core.Spent;
import dev.missions.coordinator.core.SubtaskState;
import dev.missions.coordinator.core.SubtaskStatus;
import dev.missions.coordinator.mission.Json;
import dev.missions.events.MissionKind;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the rows of one mission, as {@link MissionStore#LOAD} returns them, into its charter and the core's state. */
final class MissionStates {

    private MissionStates() {
    }

    /** {@code rows}: one per subtask in position order, each with the mission's columns; a mission without subtasks has one. */
    static MissionRecord of(List<Row> rows) {
        Row first = rows.get(0);
        Charter charter = new Charter(first.getUUID("id"), first.getString("goal"), first.getString("title"),
                first.getString("context"), first.getString("repository"), first.getString("base_branch"),
                first.getString("mission_branch"), MissionKind.valueOf(first.getString("kind")),
                Source.valueOf(first.getString("source")), first.getString("source_reference"), first.getString("source_url"),
                first.getString("correlation_id"), first.getString("plan_source"));
        List<SubtaskState> subtasks = new ArrayList<>();
        for (Row row : rows) {
            if (row.getUUID("s_id") != null) {
                subtasks.add(subtask(row));
            }
        }
        MissionState state = new MissionState(charter.id(), MissionStatus.valueOf(first.getString("status")), charter.source(),
                instant(first, "created_at"), instant(first, "updated_at"),
                new BudgetLimits(first.getLong("budget_max_tokens"), first.getDouble("budget_max_cost_usd"),
                        first.getLong("budget_max_wall_clock_seconds")),
                new Spent(first.getLong("input_tokens"), first.getLong("output_tokens"), first.getLong("cached_tokens"),
                        first.getDouble("cost_usd"), first.getInteger("steps")),
                first.getInteger("rework_rounds"), first.getInteger("replans"), first.getString("replan_reason"),
                first.getString("blocked_reason"), first.getBoolean("handoff_approved"), first.getString("plan_note"),
                charter.missionBranch(), Json.read(first.getString("result")), subtasks);
        return new MissionRecord(first.getLong("version"), charter, state);
    }

    private static SubtaskState subtask(Row row) {
        SubtaskState.Builder b = new SubtaskState.Builder().stored(SubtaskStatus.valueOf(row.getString("s_status")));
        b.id = row.getUUID("s_id");
        b.position = row.getInteger("s_position");
        b.key = row.getString("s_plan_key");
        b.milestone = row.getString("s_milestone");
        b.role = Role.valueOf(row.getString("s_role"));
        b.title = row.getString("s_title");
        b.instructions = row.getString("s_instructions");
        b.criteria = lines(row.getString("s_acceptance_criteria"), "\n");
        b.dependsOn = lines(row.getString("s_depends_on"), ",");
        b.inputs = Json.read(row.getString("s_inputs"));
        b.artifacts = Json.read(row.getString("s_artifacts"));
        b.attempt = row.getInteger("s_attempt");
        b.provider = row.getString("s_provider");
        b.model = row.getString("s_model");
        b.leaseExpiresAt = instant(row, "s_lease_expires_at");
        b.dueAt = instant(row, "s_due_at");
        b.lastError = row.getString("s_last_error");
        b.summary = row.getString("s_summary");
        b.spent = new Spent(row.getLong("s_input_tokens"), row.getLong("s_output_tokens"), row.getLong("s_cached_tokens"),
                row.getDouble("s_cost_usd"), row.getInteger("s_steps"));
        b.lastHeartbeatAt = instant(row, "s_last_heartbeat_at");
        b.lastStep = row.getInteger("s_last_step");
        b.updatedAt = instant(row, "s_updated_at");
        return b.build();
    }

    private static List<String> lines(String joined, String separator) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(separator));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
