package dev.missions.outbox;

import dev.missions.schemas.Topic;

/**
 * A service's timeline that is also the outbox of one topic: each row holds its record's payload until the relay has
 * published it, then the relay clears the payload and stamps {@code sent_at}. The row's key is its {@code mission_id}.
 * A service that has one produces this bean; {@link OutboxRelay} then publishes from it besides the outbox table.
 */
public record RelayedTimeline(String table, Topic topic) {
}
