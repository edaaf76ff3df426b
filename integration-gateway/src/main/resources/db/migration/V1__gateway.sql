-- every verified delivery (provider + its delivery id), so a replay is refused; cleaned up after missions.gateway.delivery-ttl
create table delivery (
    provider    text        not null,
    delivery_id text        not null,
    received_at timestamptz not null,
    primary key (provider, delivery_id)
);
create index delivery_received on delivery (received_at);

-- one mission per key, kept for good: a Linear issue, a (repository, head SHA, workflow) of a failed CI run
create table mission_key (
    mission_key text primary key,
    mission_id  uuid        not null,
    created_at  timestamptz not null
);

-- records waiting to be published, written in the transaction that recorded their delivery
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
