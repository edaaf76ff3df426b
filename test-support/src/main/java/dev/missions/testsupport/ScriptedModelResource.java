package dev.missions.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Casts provider {@code scripted} of a droid under test to the JVM's {@link ScriptedModel}. */
public class ScriptedModelResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("missions.providers.scripted.kind", "openai",
                "missions.providers.scripted.base-url", ScriptedModel.shared().baseUrl(),
                "missions.providers.scripted.api-key", "scripted-not-a-secret");
    }

    @Override
    public void stop() {
        // shared by every Quarkus app of this JVM
    }
}
