-- Timeline rows are written only by the statement that updates or inserts their mission (the mission store's one
-- write), and missions are never deleted: the key cannot dangle. Its deferred check cost a locking lookup of the
-- mission per event at every commit, about three per applied result.
alter table mission_event drop constraint mission_event_mission_id_fkey;
