-- the mission timeline: every announced event, written in the transaction that announced it.
-- The foreign key is checked at commit: Hibernate may insert the event before it flushes a new mission.
create table mission_event (
    id          bigserial primary key,
    mission_id  uuid        not null references mission (id) deferrable initially deferred,
    event_id    text        not null unique,
    type        text        not null,
    status      text        not null,
    subtask_id  uuid,
    role        text,
    attempt     int,
    message     text,
    attributes  text,
    occurred_at timestamptz not null
);
create index mission_event_mission on mission_event (mission_id, id);

-- the mission list (newest first) and analytics (since)
create index mission_created on mission (created_at desc, id desc);
