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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rows of missions, as {@link MissionStore#LOAD} returns them, into their charters and the core's states.
 * Columns are found by name once per read, not once per value: a lookup by name scans all sixty of them.
 */
final class MissionStates {

    private final Map<String, Integer> columns = new HashMap<>();

    MissionStates(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            columns.putIfAbsent(names.get(i), i);
        }
    }

    private int at(String column) {
        Integer index = columns.get(column);
        if (index == null) {
            throw new IllegalStateException("the mission read has no column " + column);
        }
        return index;
    }

    /** {@code rows}: one per subtask in position order, each with the mission's columns; a mission without subtasks has one. */
    MissionRecord of(List<Row> rows) {
        Row first = rows.get(0);
        Charter charter = new Charter(first.getUUID(at("id")), first.getString(at("goal")), first.getString(at("title")),
                first.getString(at("context")), first.getString(at("repository")), first.getString(at("base_branch")),
                first.getString(at("mission_branch")), MissionKind.valueOf(first.getString(at("kind"))),
                Source.valueOf(first.getString(at("source"))), first.getString(at("source_reference")), first.getString(at("source_url")),
                first.getString(at("correlation_id")), first.getString(at("plan_source")));
        List<SubtaskState> subtasks = new ArrayList<>();
        for (Row row : rows) {
            if (row.getUUID(at("s_id")) != null) {
                subtasks.add(subtask(row));
            }
        }
        MissionState state = new MissionState(charter.id(), MissionStatus.valueOf(first.getString(at("status"))), charter.source(),
                instant(first, "created_at"), instant(first, "updated_at"),
                new BudgetLimits(first.getLong(at("budget_max_tokens")), first.getDouble(at("budget_max_cost_usd")),
                        first.getLong(at("budget_max_wall_clock_seconds"))),
                new Spent(first.getLong(at("input_tokens")), first.getLong(at("output_tokens")), first.getLong(at("cached_tokens")),
                        first.getDouble(at("cost_usd")), first.getInteger(at("steps"))),
                first.getInteger(at("rework_rounds")), first.getInteger(at("replans")), first.getString(at("replan_reason")),
                first.getString(at("blocked_reason")), first.getBoolean(at("handoff_approved")), first.getString(at("plan_note")),
                charter.missionBranch(), Json.read(first.getString(at("result"))), subtasks);
        return new MissionRecord(first.getLong(at("version")), charter, state);
    }

    private SubtaskState subtask(Row row) {
        SubtaskState.Builder b = new SubtaskState.Builder().stored(SubtaskStatus.valueOf(row.getString(at("s_status"))));
        b.id = row.getUUID(at("s_id"));
        b.position = row.getInteger(at("s_position"));
        b.key = row.getString(at("s_plan_key"));
        b.milestone = row.getString(at("s_milestone"));
        b.role = Role.valueOf(row.getString(at("s_role")));
        b.title = row.getString(at("s_title"));
        b.instructions = row.getString(at("s_instructions"));
        b.criteria = lines(row.getString(at("s_acceptance_criteria")), "\n");
        b.dependsOn = lines(row.getString(at("s_depends_on")), ",");
        b.inputs = Json.read(row.getString(at("s_inputs")));
        b.artifacts = Json.read(row.getString(at("s_artifacts")));
        b.attempt = row.getInteger(at("s_attempt"));
        b.provider = row.getString(at("s_provider"));
        b.model = row.getString(at("s_model"));
        b.leaseExpiresAt = instant(row, "s_lease_expires_at");
        b.dueAt = instant(row, "s_due_at");
        b.lastError = row.getString(at("s_last_error"));
        b.summary = row.getString(at("s_summary"));
        b.spent = new Spent(row.getLong(at("s_input_tokens")), row.getLong(at("s_output_tokens")), row.getLong(at("s_cached_tokens")),
                row.getDouble(at("s_cost_usd")), row.getInteger(at("s_steps")));
        b.lastHeartbeatAt = instant(row, "s_last_heartbeat_at");
        b.lastStep = row.getInteger(at("s_last_step"));
        b.updatedAt = instant(row, "s_updated_at");
        return b.build();
    }

    private static List<String> lines(String joined, String separator) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(separator));
    }

    private Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(at(column));
        return value == null ? null : value.toInstant();
    }
}
