-- The timeline is the outbox of missions.events: an event is written once, with its Avro payload, and the relay
-- publishes it from here. A row holds its payload until the broker has it; the relay then clears the payload and
-- stamps sent_at, so "not yet published" is "has a payload". Rows from before this have none: they went out
-- through the outbox table.
alter table mission_event add column payload bytea;
alter table mission_event add column sent_at timestamptz;
create index mission_event_unsent on mission_event (id) where payload is not null;
