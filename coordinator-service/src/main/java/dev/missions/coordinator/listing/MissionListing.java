package dev.missions.coordinator.listing;

import dev.missions.coordinator.mission.Mission;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Finds missions for GET /missions. */
@ApplicationScoped
public class MissionListing {

    // id breaks ties, so pages do not overlap when missions share a creation instant
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    @WithSession
    public Uni<MissionPage> page(MissionFilter filter) {
        String where = filter.where();
        PanacheQuery<Mission> query = where.isEmpty() ? Mission.findAll(NEWEST_FIRST)
                : Mission.find(where, NEWEST_FIRST, filter.parameters());
        Uni<Long> total = where.isEmpty() ? Mission.count() : Mission.count(where, filter.parameters());
        int lastIndex = (int) Math.min((long) filter.offset() + filter.limit() - 1, Integer.MAX_VALUE);
        return query.range(filter.offset(), lastIndex).list()
                .flatMap(missions -> total.map(count -> new MissionPage(
                        missions.stream().map(MissionPage.Summary::of).toList(), count, filter.limit(), filter.offset())));
    }
}
