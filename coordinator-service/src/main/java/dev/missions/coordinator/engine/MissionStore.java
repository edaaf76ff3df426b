package dev.missions.coordinator.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The missions' store: one statement reads missions with their subtasks, one statement writes their decisions. The
 * write is a single statement, so it is its own transaction: a mission's rows apply only if its version is still the
 * one the read saw, and then every row of its decisions goes in together (mission, subtasks, outbox, timeline, dead
 * letters, the consumed events and the applied results); otherwise none of that mission's do and the caller reads it
 * again. Plain SQL on the
 * reactive client, not entities: two round trips a decision, no BEGIN or COMMIT, no flush ordering (decision 0051).
 */
@ApplicationScoped
public class MissionStore {

    /**
     * Missions ($1) with their subtasks, one row per subtask in position order, each row carrying which of the events
     * ($2) the inbox already holds. Columns are named, never {@code m.*}: a prepared statement cached on a connection
     * fails once a migration adds a column to a table it selects all of.
     */
    static final String LOAD = """
            select m.id, m.goal, m.title, m.context, m.repository, m.base_branch, m.mission_branch, m.kind, m.source,
                   m.source_reference, m.source_url, m.correlation_id, m.plan_source, m.status, m.created_at, m.updated_at,
                   m.budget_max_tokens, m.budget_max_cost_usd, m.budget_max_wall_clock_seconds, m.input_tokens,
                   m.output_tokens, m.cached_tokens, m.cost_usd, m.steps, m.rework_rounds, m.replans, m.replan_reason,
                   m.blocked_reason, m.handoff_approved, m.plan_note, m.result, m.version,
                   (select array_agg(i.event_id) from inbox i where i.event_id = any($2::text[])) as delivered,
                   s.id as s_id, s.position as s_position, s.plan_key as s_plan_key, s.milestone as s_milestone,
                   s.role as s_role, s.title as s_title, s.instructions as s_instructions,
                   s.acceptance_criteria as s_acceptance_criteria, s.depends_on as s_depends_on, s.inputs as s_inputs,
                   s.artifacts as s_artifacts, s.status as s_status, s.attempt as s_attempt, s.provider as s_provider,
                   s.model as s_model, s.lease_expires_at as s_lease_expires_at, s.due_at as s_due_at,
                   s.last_error as s_last_error, s.summary as s_summary, s.input_tokens as s_input_tokens,
                   s.output_tokens as s_output_tokens, s.cached_tokens as s_cached_tokens, s.cost_usd as s_cost_usd,
                   s.steps as s_steps, s.last_heartbeat_at as s_last_heartbeat_at, s.last_step as s_last_step,
                   s.updated_at as s_updated_at
              from mission m left join subtask s on s.mission_id = m.id
             where m.id = any($1::uuid[])
             order by m.id, s.position""";

    /** The mission's own columns a decision sets. */
    private static final String STATE_COLUMNS = "status, updated_at, budget_max_tokens, budget_max_cost_usd,"
            + " budget_max_wall_clock_seconds, input_tokens, output_tokens, cached_tokens, cost_usd, steps, rework_rounds,"
            + " replans, replan_reason, blocked_reason, handoff_approved, plan_note, result";

    /** One row per mission: its id ($1), the version its read saw ($2) and its next state ($3 to $19). */
    private static final String DECIDED = """
            with d as (
                select * from unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], $5::bigint[], $6::float8[],
                                     $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::float8[], $12::int[],
                                     $13::int[], $14::int[], $15::text[], $16::text[], $17::boolean[], $18::text[],
                                     $19::text[])
                       as d(id, version, %s))
            """.formatted(STATE_COLUMNS);

    private static final String UPDATE = DECIDED + """
            , m as (
                update mission set (%s, version) = (%s, mission.version + 1)
                  from d
                 where mission.id = d.id and mission.version = d.version
                returning mission.id)
            """.formatted(STATE_COLUMNS, prefixed("d.", STATE_COLUMNS));

    /** A new mission: its charter, $82 to $94, beside the state; a request delivered twice inserts nothing the second time. */
    private static final String INSERT = DECIDED + """
            , m as (
                insert into mission (%s, version, id, goal, title, context, repository, base_branch, mission_branch, kind,
                                     source, source_reference, source_url, correlation_id, plan_source, created_at)
                select %s, d.version + 1, d.id, $82::text, $83::text, $84::text, $85::text, $86::text, $87::text,
                       $88::text, $89::text, $90::text, $91::text, $92::text, $93::text, $94::timestamptz
                  from d
                on conflict (id) do nothing
                returning id)
            """.formatted(STATE_COLUMNS, prefixed("d.", STATE_COLUMNS));

    /**
     * Everything else the decisions write, each row with its mission's id and only when {@code m} wrote that mission.
     * Subtasks are upserted, the changed ones before the added ones, so a dropped subtask leaves the live-key index
     * before its successor takes the key. Outbox and timeline rows keep the decisions' order in their ids.
     */
    private static final String REST = """
            , consumed as (
                insert into inbox (event_id, topic, received_at)
                select u.event_id, u.topic, now()
                  from unnest($20::uuid[], $21::text[], $22::text[]) as u(mission_id, event_id, topic)
                  join m on m.id = u.mission_id
                on conflict do nothing)
            , subtasks as (
                insert into subtask (id, mission_id, position, plan_key, milestone, role, title, instructions,
                                     acceptance_criteria, depends_on, inputs, artifacts, status, attempt, provider, model,
                                     lease_expires_at, due_at, last_error, summary, input_tokens, output_tokens, cached_tokens,
                                     cost_usd, steps, last_heartbeat_at, last_step, updated_at, created_at)
                select u.id, m.id, u.position, u.plan_key, u.milestone, u.role, u.title, u.instructions,
                       u.acceptance_criteria, u.depends_on, u.inputs, u.artifacts, u.status, u.attempt, u.provider, u.model,
                       u.lease_expires_at, u.due_at, u.last_error, u.summary, u.input_tokens, u.output_tokens,
                       u.cached_tokens, u.cost_usd, u.steps, u.last_heartbeat_at, u.last_step, u.updated_at, u.updated_at
                  from unnest($23::uuid[], $24::uuid[], $25::int[], $26::text[], $27::text[], $28::text[], $29::text[],
                              $30::text[], $31::text[], $32::text[], $33::text[], $34::text[], $35::text[], $36::int[],
                              $37::text[], $38::text[], $39::timestamptz[], $40::timestamptz[], $41::text[], $42::text[],
                              $43::bigint[], $44::bigint[], $45::bigint[], $46::float8[], $47::int[],
                              $48::timestamptz[], $49::int[], $50::timestamptz[])
                       with ordinality as u(mission_id, id, position, plan_key, milestone, role, title, instructions,
                                            acceptance_criteria, depends_on, inputs, artifacts, status, attempt, provider,
                                            model, lease_expires_at, due_at, last_error, summary, input_tokens,
                                            output_tokens, cached_tokens, cost_usd, steps, last_heartbeat_at, last_step,
                                            updated_at, n)
                  join m on m.id = u.mission_id
                 order by u.n
                on conflict (id) do update set
                    position = excluded.position, plan_key = excluded.plan_key, milestone = excluded.milestone,
                    role = excluded.role, title = excluded.title, instructions = excluded.instructions,
                    acceptance_criteria = excluded.acceptance_criteria, depends_on = excluded.depends_on,
                    inputs = excluded.inputs, artifacts = excluded.artifacts, status = excluded.status,
                    attempt = excluded.attempt, provider = excluded.provider, model = excluded.model,
                    lease_expires_at = excluded.lease_expires_at, due_at = excluded.due_at,
                    last_error = excluded.last_error, summary = excluded.summary, input_tokens = excluded.input_tokens,
                    output_tokens = excluded.output_tokens, cached_tokens = excluded.cached_tokens,
                    cost_usd = excluded.cost_usd, steps = excluded.steps, last_heartbeat_at = excluded.last_heartbeat_at,
                    last_step = excluded.last_step, updated_at = excluded.updated_at)
            , relayed as (
                insert into outbox (topic, message_key, record_class, payload, trace_parent, created_at)
                select u.topic, u.message_key, u.record_class, u.payload, u.trace_parent, now()
                  from unnest($51::uuid[], $52::text[], $53::text[], $54::text[], $55::bytea[], $80::text[])
                       with ordinality as u(mission_id, topic, message_key, record_class, payload, trace_parent, n)
                  join m on m.id = u.mission_id
                 order by u.n)
            , announced as (
                insert into mission_event (mission_id, event_id, type, status, subtask_id, role, attempt, message,
                                           attributes, occurred_at, payload, trace_parent)
                select m.id, u.event_id, u.type, u.status, u.subtask_id, u.role, u.attempt, u.message, u.attributes,
                       u.occurred_at, u.payload, u.trace_parent
                  from unnest($56::uuid[], $57::text[], $58::text[], $59::text[], $60::uuid[], $61::text[], $62::int[],
                              $63::text[], $64::text[], $65::timestamptz[], $66::bytea[], $81::text[])
                       with ordinality as u(mission_id, event_id, type, status, subtask_id, role, attempt, message,
                                            attributes, occurred_at, payload, trace_parent, n)
                  join m on m.id = u.mission_id
                 order by u.n)
            , dead as (
                insert into dead_letter (subtask_id, attempt, mission_id, reason, created_at)
                select u.subtask_id, u.attempt, m.id, u.reason, now()
                  from unnest($67::uuid[], $68::uuid[], $69::int[], $70::text[]) as u(mission_id, subtask_id, attempt, reason)
                  join m on m.id = u.mission_id
                on conflict do nothing)
            , reported as (
                select u.*
                  from unnest($71::uuid[], $72::uuid[], $73::int[], $74::text[], $75::text[], $76::text[], $77::text[],
                              $78::text[], $79::text[])
                       as u(mission_id, subtask_id, attempt, event_id, outcome, droid_id, summary, failure_reason, steps)
                  join m on m.id = u.mission_id)
            , applied as (
                insert into subtask_result (subtask_id, attempt, event_id, outcome, droid_id, summary, applied_at,
                                            failure_reason)
                select r.subtask_id, r.attempt, r.event_id, r.outcome, r.droid_id, r.summary, now(), r.failure_reason
                  from reported r
                on conflict do nothing)
            , stepped as (
            %s)
            select m.id from m""".formatted(AttemptSteps.insert("reported r"));

    private final Pool client;

    public MissionStore(Pool client) {
        this.client = client;
    }

    /** Missions as they are now, by id (an unknown one is missing), and which of {@code eventIds} were applied before. */
    public Uni<Loaded> load(Collection<UUID> missionIds, Collection<String> eventIds) {
        return client.preparedQuery(LOAD).execute(Tuple.of(missionIds.toArray(UUID[]::new), eventIds.toArray(String[]::new)))
                .map(rows -> {
                    MissionStates states = new MissionStates(rows.columnsNames());
                    Map<UUID, List<Row>> byMission = new LinkedHashMap<>();
                    Set<String> delivered = new HashSet<>();
                    for (Row row : rows) {
                        if (byMission.isEmpty()) {
                            String[] applied = row.getArrayOfStrings("delivered"); // the same on every row
                            delivered.addAll(applied == null ? List.of() : List.of(applied));
                        }
                        byMission.computeIfAbsent(row.getUUID("id"), id -> new ArrayList<>()).add(row);
                    }
                    Map<UUID, MissionRecord> missions = new LinkedHashMap<>();
                    byMission.forEach((id, missionRows) -> missions.put(id, states.of(missionRows)));
                    return new Loaded(missions, delivered);
                });
    }

    /** The ids of the missions whose decisions were written; a mission that changed since its read wrote nothing. */
    public Uni<Set<UUID>> write(List<Writes> writes) {
        return client.preparedQuery(UPDATE + REST).execute(Writes.tuple(writes)).map(MissionStore::written);
    }

    /** True when the new mission was written; false when one with its id already was, and nothing more is. */
    public Uni<Boolean> insert(Writes writes) {
        return client.preparedQuery(INSERT + REST).execute(Writes.tuple(List.of(writes))).map(rows -> !written(rows).isEmpty());
    }

    /** What one read found. */
    public record Loaded(Map<UUID, MissionRecord> missions, Set<String> delivered) {
    }

    private static Set<UUID> written(RowSet<Row> rows) {
        Set<UUID> ids = new HashSet<>();
        rows.forEach(row -> ids.add(row.getUUID("id")));
        return ids;
    }

    private static String prefixed(String prefix, String columns) {
        return Arrays.stream(columns.split(",")).map(c -> prefix + c.strip()).collect(Collectors.joining(", "));
    }
}
