package dev.missions.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Missions as the coordinator stores them, written straight into its PostgreSQL tables (the migrations' schema), so
 * that the API and Mission Control read thousands of them the way they read their own: statuses, sources and
 * repositories of every kind, created over the last thirty days, three subtasks each (code, test, review) and a
 * timeline of a few events. Nothing runs them: an in-flight subtask's lease ends a day from now and nothing is due
 * for a retry or a re-plan, so the coordinator's timers leave them alone. Every one is marked by its correlation id
 * ({@value #MARK}n), and its plan note says where it came from.
 */
final class StoredMissions {

    static final String MARK = "bench-ui-";
    static final List<String> REPOSITORIES = List.of("billing", "checkout", "search", "identity", "notifications",
            "inventory", "gateway", "reports", "mobile-api", "web", "payments", "scheduler").stream()
            .map(name -> "https://git.example.com/acme/" + name).toList();
    /** A word some goals hold and most do not: what the text-search variant looks for. */
    static final String SEARCH_WORD = "webhook";

    private static final String MISSIONS = """
            with g as (
                select n, gen_random_uuid() as id,
                       now() - make_interval(secs => (?::double precision - n) * ? + (n * 37) % 900) as at,
                       (n * 7919) % 100 as s, (n * 31) % 20 as o,
                       (array['billing','checkout','search','identity','notifications','inventory','gateway','reports',
                              'mobile-api','web','payments','scheduler'])[1 + n % 12] as repo,
                       (array['Fix','Add','Refactor','Document','Speed up','Test'])[1 + n % 6] || ' '
                         || (array['retry handling','pagination','the sign-in flow','a flaky integration test',
                                   'rate limiting','the CSV export','webhook signatures','cache invalidation',
                                   'the audit log','time zones in reports','the release notes'])[1 + (n / 6) % 11] as what
                from generate_series(1, ?) n)
            insert into mission (id, goal, title, context, repository, base_branch, mission_branch, kind, status, source,
                source_reference, source_url, correlation_id, created_at, updated_at, plan_source, plan_note,
                rework_rounds, blocked_reason, result, handoff_approved, replans)
            select id, what || ' in ' || repo || ' (#' || n || ')',
                   case when n % 4 = 0 then null else what end,
                   case when n % 3 = 0 then 'Reported by a customer; see the linked issue.' end,
                   'https://git.example.com/acme/' || repo, 'main', 'missions/' || left(id::text, 8),
                   case when n % 10 = 0 then 'CI_FIX' else 'FEATURE' end,
                   st, src,
                   case src when 'API' then null when 'GITHUB' then 'acme/' || repo || '#' || n
                            when 'GITLAB' then 'acme/' || repo || '!' || n when 'LINEAR' then 'ENG-' || n
                            else 'C024BE91L/' || n end,
                   case src when 'API' then null when 'GITHUB' then 'https://github.com/acme/' || repo || '/issues/' || n
                            when 'GITLAB' then 'https://gitlab.com/acme/' || repo || '/-/issues/' || n
                            when 'LINEAR' then 'https://linear.app/acme/issue/ENG-' || n
                            else 'https://acme.slack.com/archives/C024BE91L/p' || n end,
                   'bench-ui-' || n, at, at + interval '20 minutes',
                   case when n % 5 = 0 then 'PLANNER' else 'TEMPLATE' end,
                   'stored by the bench (dashboard figures)',
                   case when st = 'SUCCEEDED' and n % 7 = 0 then 1 else 0 end,
                   case when st = 'BLOCKED' then 'test failed 3 attempts: the suite does not compile' end,
                   case when st = 'SUCCEEDED' then '{"branch":"missions/' || left(id::text, 8) || '","summary":"'
                        || what || ' done"}' end,
                   st = 'SUCCEEDED' and n % 2 = 0, 0
            from (select g.*,
                         case when s < 55 then 'SUCCEEDED' when s < 63 then 'FAILED' when s < 68 then 'CANCELLED'
                              when s < 72 then 'BLOCKED' when s < 84 then 'RUNNING' when s < 88 then 'PAUSED'
                              when s < 94 then 'AWAITING_APPROVAL' when s < 97 then 'PLANNING' else 'REQUESTED' end as st,
                         case when o < 8 then 'API' when o < 13 then 'GITHUB' when o < 16 then 'LINEAR'
                              when o < 18 then 'GITLAB' else 'SLACK' end as src
                  from g) m""";

    /** Three subtasks each; what state each is in follows from its mission's status. */
    private static final String SUBTASKS = """
            insert into subtask (id, mission_id, position, role, title, instructions, status, attempt, provider, model,
                summary, created_at, updated_at, plan_key, milestone, depends_on, acceptance_criteria, lease_expires_at,
                last_error, input_tokens, output_tokens, cached_tokens, cost_usd, steps)
            select gen_random_uuid(), m.id, p - 1, r.role, r.title || ': ' || coalesce(m.title, m.goal),
                   'Work in ' || m.repository || ' towards: ' || m.goal, x.st, x.attempt, 'noop', 'stub',
                   case when x.st = 'SUCCEEDED' then r.title || ' done; ' || (p * 3) || ' files changed' end,
                   m.created_at + make_interval(mins => p), m.created_at + make_interval(mins => p * 5),
                   r.key, 'deliver', r.depends, 'the change is covered by a test',
                   case when x.st = 'RUNNING' then now() + interval '1 day' end,
                   case when x.st = 'DEAD' then 'exit code 1: 3 tests failed' end,
                   case when x.st = 'SUCCEEDED' then 8000 + (hashtext(m.id::text) & 4095) else 0 end,
                   case when x.st = 'SUCCEEDED' then 1500 + (hashtext(m.goal) & 1023) else 0 end,
                   case when x.st = 'SUCCEEDED' then 4000 else 0 end,
                   case when x.st = 'SUCCEEDED' then 0.042 else 0 end,
                   case when x.st = 'SUCCEEDED' then 12 else 0 end
            from mission m
            cross join generate_series(1, 3) p
            join (values (1, 'CODE', 'Code', 'code', ''), (2, 'TEST', 'Test', 'test', 'code'),
                         (3, 'REVIEW', 'Review', 'review', 'test')) r(pos, role, title, key, depends) on r.pos = p
            cross join lateral (select case
                    when m.status = 'SUCCEEDED' then 'SUCCEEDED'
                    when m.status in ('FAILED', 'BLOCKED') then (array['SUCCEEDED', 'DEAD', 'PENDING'])[p]
                    when m.status = 'RUNNING' then (array['SUCCEEDED', 'RUNNING', 'PENDING'])[p]
                    when m.status in ('PAUSED', 'CANCELLED') then (array['SUCCEEDED', 'PENDING', 'PENDING'])[p]
                    else 'PENDING' end as st) s
            cross join lateral (select s.st, case s.st when 'PENDING' then 0 when 'DEAD' then 3 else 1 end as attempt) x
            where m.correlation_id like 'bench-ui-%'""";

    private static final String USAGE = """
            update mission m set input_tokens = u.i, output_tokens = u.o, cached_tokens = u.c, cost_usd = u.cost, steps = u.steps
            from (select mission_id, sum(input_tokens) i, sum(output_tokens) o, sum(cached_tokens) c, sum(cost_usd) cost,
                         sum(steps) steps
                  from subtask group by mission_id) u
            where u.mission_id = m.id and m.correlation_id like 'bench-ui-%'""";

    /** ACCEPTED; PLANNED once planned; one per succeeded subtask; the final or paused event; oldest first, by id. */
    private static final String EVENTS = """
            insert into mission_event (mission_id, event_id, type, status, subtask_id, role, attempt, message, attributes,
                occurred_at)
            select mission_id, gen_random_uuid()::text, type, status, subtask_id, role, attempt, message, null, at
            from (
                select m.id as mission_id, 'ACCEPTED' as type, 'REQUESTED' as status, null::uuid as subtask_id,
                       null as role, null::int as attempt, 'accepted from ' || m.source as message, m.created_at as at
                from mission m where m.correlation_id like 'bench-ui-%'
                union all
                select m.id, 'PLANNED', case when m.status = 'AWAITING_APPROVAL' then 'AWAITING_APPROVAL' else 'RUNNING' end,
                       null, null, null, 'planned 3 subtasks (' || m.plan_source || ')', m.created_at + interval '30 seconds'
                from mission m where m.correlation_id like 'bench-ui-%' and m.status not in ('REQUESTED', 'PLANNING')
                union all
                select s.mission_id, 'SUBTASK_SUCCEEDED', 'RUNNING', s.id, s.role, s.attempt, s.summary, s.updated_at
                from subtask s join mission m on m.id = s.mission_id
                where m.correlation_id like 'bench-ui-%' and s.status = 'SUCCEEDED'
                union all
                select m.id, m.status, m.status, null, null, null, lower(m.status) || ' (stored by the bench)', m.updated_at
                from mission m where m.correlation_id like 'bench-ui-%' and m.status in ('SUCCEEDED', 'FAILED', 'CANCELLED', 'BLOCKED', 'PAUSED')
            ) e
            order by at""";

    private StoredMissions() {
    }

    /** What was stored, and how long it took. */
    record Stored(int missions, long subtasks, long events, double seconds, long missionsInTable) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("missions_stored_by_the_bench", missions);
            map.put("subtasks_stored", subtasks);
            map.put("events_stored", events);
            map.put("seconds_to_store", Figures.round(seconds));
            map.put("missions_in_table", missionsInTable);
            return map;
        }
    }

    /** Stores {@code count} missions spread over thirty days, in one transaction, then updates the planner's statistics. */
    static Stored store(Connection db, int count) throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        int missions;
        long subtasks;
        long events;
        try (PreparedStatement insert = db.prepareStatement(MISSIONS); Statement sql = db.createStatement()) {
            insert.setInt(1, count);
            insert.setDouble(2, 30.0 * 24 * 3600 / count);
            insert.setInt(3, count);
            missions = insert.executeUpdate();
            subtasks = sql.executeUpdate(SUBTASKS);
            sql.executeUpdate(USAGE);
            events = sql.executeUpdate(EVENTS);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
        try (Statement sql = db.createStatement()) {
            // as autovacuum would soon after such a load: the plans must be those of a table this size
            sql.execute("analyze mission, subtask, mission_event");
        }
        return new Stored(missions, subtasks, events, (System.nanoTime() - started) / 1e9, count(db, "select count(*) from mission"));
    }

    /** Up to {@code limit} stored missions in {@code status}, newest first; any status when it is null. */
    static List<String> ids(Connection db, String status, int limit) throws SQLException {
        String query = "select id::text from mission where correlation_id like '" + MARK + "%'"
                + (status == null ? "" : " and status = ?") + " order by created_at desc limit ?";
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(query)) {
            int i = 1;
            if (status != null) {
                select.setString(i++, status);
            }
            select.setInt(i, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static long count(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
