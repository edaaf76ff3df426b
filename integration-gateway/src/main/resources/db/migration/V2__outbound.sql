-- every consumed missions.events id, written in the transaction that queues its notifications
create table event_inbox (
    event_id    text primary key,
    received_at timestamptz not null
);

-- notifications to send, one per (event, target); sent in id order per mission and target, retried with backoff,
-- and after the last attempt kept as dead (dead_at, last_error): dead-lettered, not lost
create table notification (
    id          bigserial primary key,
    mission_id  text        not null,
    target      text        not null,
    payload     bytea       not null,
    attempts    int         not null default 0,
    due_at      timestamptz not null,
    done_at     timestamptz,
    dead_at     timestamptz,
    last_error  text,
    created_at  timestamptz not null
);
create index notification_open on notification (mission_id, target, id) where done_at is null and dead_at is null;

-- the one Slack message of a mission, updated in place
create table slack_message (
    mission_id text primary key,
    channel    text        not null,
    ts         text        not null,
    created_at timestamptz not null
);

-- the pull (merge) request opened for a finished mission
create table pull_request (
    mission_id text primary key,
    url        text        not null,
    created_at timestamptz not null
);
