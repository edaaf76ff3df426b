package dev.missions.coordinator.planning.model;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/** A WireMock server on a real port, standing in for an OpenAI-compatible provider; the planner is cast on it. */
public class PlannerModelResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface PlannerModel {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of(
                "missions.casting.planner.provider", "openai",
                "missions.casting.planner.model", "planner-test",
                "quarkus.langchain4j.openai.planner.base-url", server.baseUrl() + "/v1/",
                "quarkus.langchain4j.openai.planner.api-key", "test-key",
                "quarkus.langchain4j.openai.planner.timeout", "5s",
                "quarkus.langchain4j.openai.planner.max-retries", "1");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(PlannerModel.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
