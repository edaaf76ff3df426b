package dev.missions.coordinator.ui;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The coordinator with an OpenID Connect provider configured (on WireMock); every other test keeps the token sign-in. */
public class OidcProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcProviderResource.class));
    }
}
