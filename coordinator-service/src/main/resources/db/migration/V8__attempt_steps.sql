-- an attempt's steps as its droid summarized them (redacted), for people following it; a step sent twice, by a
-- heartbeat and again by the result, is kept once
create table attempt_step (
    subtask_id uuid        not null references subtask (id),
    attempt    int         not null,
    number     int         not null,
    started_at timestamptz not null,
    body       jsonb       not null,
    primary key (subtask_id, attempt, number)
);

-- the lease's last word from the droid
alter table subtask add column last_heartbeat_at timestamptz;
alter table subtask add column last_step int;

-- why an attempt failed, kept per attempt (the subtask's last_error holds only the latest)
alter table subtask_result add column failure_reason text;
