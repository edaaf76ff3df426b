package dev.missions.coordinator.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The missions' store: one statement reads a mission with its subtasks, one statement writes a whole decision. The
 * write is a single statement, so it is its own transaction: it applies only if the mission's version is still the one
 * the read saw, and then every row of the decision goes in together (mission, subtasks, outbox, timeline, dead letters,
 * the consumed event and the applied result); otherwise nothing does and the caller reads again. Plain SQL on the
 * reactive client, not entities: two round trips a decision, no BEGIN or COMMIT, no flush ordering (decision 0051).
 */
@ApplicationScoped
public class MissionStore {

    static final String LOAD = """
            select m.*, exists (select 1 from inbox i where i.event_id = $2) as delivered,
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
             where m.id = $1
             order by s.position""";

    /** The mission's own columns a decision sets, $1 to $17; $18 is its id and $19 the version the read saw. */
    private static final String STATE_COLUMNS = "status, updated_at, budget_max_tokens, budget_max_cost_usd,"
            + " budget_max_wall_clock_seconds, input_tokens, output_tokens, cached_tokens, cost_usd, steps, rework_rounds,"
            + " replans, replan_reason, blocked_reason, handoff_approved, plan_note, result";

    private static final String STATE_VALUES = "$1::text, $2::timestamptz, $3::bigint, $4::float8, $5::bigint, $6::bigint,"
            + " $7::bigint, $8::bigint, $9::float8, $10::int, $11::int, $12::int, $13::text, $14::text, $15::boolean,"
            + " $16::text, $17::text";

    private static final String UPDATE = """
            with m as (
                update mission set (%s, version) = (%s, version + 1)
                 where id = $18::uuid and version = $19::bigint
                returning id)
            """.formatted(STATE_COLUMNS, STATE_VALUES);

    /** A new mission: its charter, $73 to $85, beside the state; a request delivered twice inserts nothing the second time. */
    private static final String INSERT = """
            with m as (
                insert into mission (%s, version, id, goal, title, context, repository, base_branch, mission_branch, kind,
                                     source, source_reference, source_url, correlation_id, plan_source, created_at)
                values (%s, $19::bigint + 1, $18::uuid, $73::text, $74::text, $75::text, $76::text, $77::text, $78::text,
                        $79::text, $80::text, $81::text, $82::text, $83::text, $84::text, $85::timestamptz)
                on conflict (id) do nothing
                returning id)
            """.formatted(STATE_COLUMNS, STATE_VALUES);

    /**
     * Everything else a decision writes, each part only when {@code m} wrote the mission. Subtasks are upserted, the
     * changed ones before the added ones, so a dropped subtask leaves the live-key index before its successor takes
     * the key. Outbox and timeline rows keep the decision's order in their ids.
     */
    private static final String REST = """
            , consumed as (
                insert into inbox (event_id, topic, received_at)
                select $20::text, $21::text, now() from m where $20::text is not null
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
                  from m, unnest($22::uuid[], $23::int[], $24::text[], $25::text[], $26::text[], $27::text[], $28::text[],
                                 $29::text[], $30::text[], $31::text[], $32::text[], $33::text[], $34::int[], $35::text[],
                                 $36::text[], $37::timestamptz[], $38::timestamptz[], $39::text[], $40::text[],
                                 $41::bigint[], $42::bigint[], $43::bigint[], $44::float8[], $45::int[],
                                 $46::timestamptz[], $47::int[], $48::timestamptz[])
                       with ordinality as u(id, position, plan_key, milestone, role, title, instructions,
                                            acceptance_criteria, depends_on, inputs, artifacts, status, attempt, provider,
                                            model, lease_expires_at, due_at, last_error, summary, input_tokens,
                                            output_tokens, cached_tokens, cost_usd, steps, last_heartbeat_at, last_step,
                                            updated_at, n)
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
                insert into outbox (topic, message_key, record_class, payload, created_at)
                select u.topic, u.message_key, u.record_class, u.payload, now()
                  from m, unnest($49::text[], $50::text[], $51::text[], $52::bytea[])
                       with ordinality as u(topic, message_key, record_class, payload, n)
                 order by u.n)
            , announced as (
                insert into mission_event (mission_id, event_id, type, status, subtask_id, role, attempt, message,
                                           attributes, occurred_at)
                select m.id, u.event_id, u.type, u.status, u.subtask_id, u.role, u.attempt, u.message, u.attributes,
                       u.occurred_at
                  from m, unnest($53::text[], $54::text[], $55::text[], $56::uuid[], $57::text[], $58::int[], $59::text[],
                                 $60::text[], $61::timestamptz[])
                       with ordinality as u(event_id, type, status, subtask_id, role, attempt, message, attributes,
                                            occurred_at, n)
                 order by u.n)
            , dead as (
                insert into dead_letter (subtask_id, attempt, mission_id, reason, created_at)
                select u.subtask_id, u.attempt, m.id, u.reason, now()
                  from m, unnest($62::uuid[], $63::int[], $64::text[]) as u(subtask_id, attempt, reason)
                on conflict do nothing)
            , applied as (
                insert into subtask_result (subtask_id, attempt, event_id, outcome, droid_id, summary, applied_at,
                                            failure_reason)
                select $65::uuid, $66::int, $67::text, $68::text, $69::text, $70::text, now(), $71::text
                  from m where $65::uuid is not null
                on conflict do nothing)
            , stepped as (
            %s)
            select count(*) as written from m""".formatted(AttemptSteps.insert(
                    "(select $65::uuid as subtask_id, $66::int as attempt, $72::text as steps from m where $65::uuid is not null) r"));

    private final Pool client;

    public MissionStore(Pool client) {
        this.client = client;
    }

    /** The mission as it is now, null when there is none; {@code eventId} (may be null) is looked up in the inbox. */
    public Uni<MissionRecord> load(UUID missionId, String eventId) {
        return client.preparedQuery(LOAD).execute(Tuple.of(missionId, eventId)).map(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            return all.isEmpty() ? null : MissionStates.of(all);
        });
    }

    /** True when the decision was written; false when the mission changed since it was read, and nothing was. */
    public Uni<Boolean> write(Writes writes) {
        return client.preparedQuery(UPDATE + REST).execute(writes.tuple()).map(MissionStore::written);
    }

    /** True when the new mission was written; false when one with its id already was, and nothing more is. */
    public Uni<Boolean> insert(Writes writes) {
        return client.preparedQuery(INSERT + REST).execute(writes.tuple()).map(MissionStore::written);
    }

    private static boolean written(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        return rows.iterator().next().getLong("written") == 1;
    }
}
