create table mission (
    id               uuid primary key,
    goal             text        not null,
    title            text,
    context          text,
    repository       text        not null,
    base_branch      text        not null,
    mission_branch   text        not null,
    kind             text        not null,
    status           text        not null,
    source           text        not null,
    source_reference text,
    source_url       text,
    correlation_id   text        not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index mission_status on mission (status);

create table subtask (
    id           uuid primary key,
    mission_id   uuid        not null references mission (id),
    position     int         not null,
    role         text        not null,
    title        text        not null,
    instructions text        not null,
    status       text        not null,
    attempt      int         not null,
    provider     text        not null,
    model        text        not null,
    summary      text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (mission_id, position)
);
create index subtask_mission on subtask (mission_id);

-- one row per applied result: the (subtask, attempt) key makes a second application impossible
create table subtask_result (
    subtask_id uuid        not null references subtask (id),
    attempt    int         not null,
    event_id   text        not null,
    outcome    text        not null,
    droid_id   text        not null,
    summary    text        not null,
    applied_at timestamptz not null,
    primary key (subtask_id, attempt)
);

-- every consumed event id, written in the transaction of its effect
create table inbox (
    event_id    text primary key,
    topic       text        not null,
    received_at timestamptz not null
);

-- events waiting to be published, written in the transaction of the change that caused them
create table outbox (
    id           bigserial primary key,
    topic        text        not null,
    message_key  text        not null,
    record_class text        not null,
    payload      bytea       not null,
    created_at   timestamptz not null,
    sent_at      timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;
