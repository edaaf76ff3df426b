package dev.missions.gateway.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server on a real port standing in for GitHub, GitLab, Slack's response_url and the
 * coordinator's REST API, each under a path of its own. Tests stub and verify it through {@link #server()}.
 */
public class ExternalApis implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        String base = server().baseUrl();
        Map<String, String> config = new java.util.HashMap<>();
        config.put("missions.gateway.github.api-url", base + "/github");
        config.put("missions.gateway.gitlab.api-url", base + "/gitlab/api/v4");
        config.put("missions.gateway.coordinator.url", base + "/coordinator");
        config.put("missions.gateway.slack.response-url-prefixes", base + "/slack-hooks/");
        config.put("missions.gateway.ci.fetch-timeout", "2s");
        config.put("missions.gateway.outbound.slack-api-url", base + "/slack-api/");
        config.put("missions.gateway.outbound.linear-api-url", base + "/linear/graphql");
        return config;
    }

    @Override
    public void stop() {
        // the server outlives one Quarkus app: the next test class in this JVM reuses it
    }
}
