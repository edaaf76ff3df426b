package dev.missions.coordinator.planning.model;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The one profile of every planner-model test: the planner cast on WireMock (one Quarkus restart in all). */
public class PlannerModelProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PlannerModelResource.class));
    }
}
