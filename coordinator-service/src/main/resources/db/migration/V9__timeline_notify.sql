-- the timeline streams wait for this instead of polling: a notification when a transaction that wrote events commits
-- (PostgreSQL folds a transaction's identical notifications into one)
create function mission_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('mission_event', '');
    return null;
end
$$;

create trigger mission_event_notify after insert on mission_event
    for each statement execute function mission_event_notify();
