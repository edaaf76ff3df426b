-- plans: where the plan came from, and how many review/fix rounds ran
alter table mission add column plan_source    text not null default 'TEMPLATE';
alter table mission add column plan_note      text;
alter table mission add column rework_rounds  int  not null default 0;
alter table mission add column blocked_reason text;

-- the DAG: each subtask names the plan keys it waits for; leases and retry timers are columns, not sleeps
alter table subtask add column plan_key            text;
alter table subtask add column milestone           text;
alter table subtask add column depends_on          text not null default '';
alter table subtask add column acceptance_criteria text not null default '';
alter table subtask add column inputs              text;
alter table subtask add column artifacts           text;
alter table subtask add column lease_expires_at    timestamptz;
alter table subtask add column due_at              timestamptz;
alter table subtask add column last_error          text;
update subtask set plan_key = 'code' where plan_key is null;
alter table subtask alter column plan_key set not null;
create unique index subtask_plan_key on subtask (mission_id, plan_key);
create index subtask_lease on subtask (lease_expires_at) where status in ('DISPATCHED', 'RUNNING');
create index subtask_due on subtask (due_at) where status = 'RETRY_WAIT';

-- a subtask that used up its attempts, kept for people to inspect and retry
create table dead_letter (
    subtask_id uuid        not null references subtask (id),
    attempt    int         not null,
    mission_id uuid        not null references mission (id),
    reason     text        not null,
    created_at timestamptz not null,
    primary key (subtask_id, attempt)
);
