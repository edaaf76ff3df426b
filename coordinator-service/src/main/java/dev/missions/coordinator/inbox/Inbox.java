package dev.missions.coordinator.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Remembers consumed event ids in the caller's transaction, so a redelivered event changes nothing. */
@ApplicationScoped
public class Inbox {

    /** True the first time {@code eventId} is seen; false for a duplicate. */
    public Uni<Boolean> firstDelivery(String eventId, String topic) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into inbox (event_id, topic, received_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, eventId)
                .setParameter(2, topic)
                .setParameter(3, OffsetDateTime.now())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
