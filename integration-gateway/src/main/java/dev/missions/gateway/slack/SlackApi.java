package dev.missions.gateway.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.missions.gateway.GatewayConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Slack's Web API through its official client, at {@code missions.gateway.outbound.slack-api-url} (WireMock in tests),
 * with the bot token. Two clients: one for progress, sent in the background, and one for lookups a person is waiting
 * for, whose calls end within {@code missions.gateway.slack.answer-within} so Slack's 3 s are kept.
 */
@ApplicationScoped
public class SlackApi {

    private final GatewayConfig config;
    private volatile Slack background;
    private volatile Slack quick;

    public SlackApi(GatewayConfig config) {
        this.config = config;
    }

    @PreDestroy
    void close() throws Exception {
        for (Slack slack : new Slack[] {background, quick}) {
            if (slack != null) {
                slack.close();
            }
        }
    }

    /** The bot token; unset = Slack cannot be called. */
    public Optional<String> token() {
        return config.outbound().slackToken().filter(token -> !token.isBlank());
    }

    /** For work nobody waits on (progress messages); needs {@link #token()}. */
    public MethodsClient methods() {
        if (background == null) {
            synchronized (this) {
                if (background == null) {
                    background = Slack.getInstance(slackConfig(null));
                }
            }
        }
        return background.methods(token().orElseThrow());
    }

    /** For lookups inside a Slack request (approver groups); needs {@link #token()}. */
    public MethodsClient quickMethods() {
        if (quick == null) {
            synchronized (this) {
                if (quick == null) {
                    quick = Slack.getInstance(slackConfig(config.slack().answerWithin()));
                }
            }
        }
        return quick.methods(token().orElseThrow());
    }

    private SlackConfig slackConfig(Duration callTimeout) {
        SlackConfig slackConfig = new SlackConfig();
        String url = config.outbound().slackApiUrl();
        slackConfig.setMethodsEndpointUrlPrefix(url.endsWith("/") ? url : url + "/");
        slackConfig.setStatsEnabled(false);
        if (callTimeout != null) {
            slackConfig.setHttpClientCallTimeoutMillis((int) callTimeout.toMillis());
            slackConfig.setHttpClientReadTimeoutMillis((int) callTimeout.toMillis());
        }
        return slackConfig;
    }
}
