package dev.missions.gateway.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.LayoutBlock;
import dev.missions.events.MissionEvent;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.slack.CoordinatorApi;
import dev.missions.gateway.slack.SlackApi;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One Slack message per mission in the configured channel, posted on the first event and updated in place
 * (chat.update) on every later one, and thread replies for notable events, through Slack's official client.
 * Rate limits (HTTP 429 with Retry-After, or {@code ratelimited}) and other failures become {@link RetryLater}.
 */
@ApplicationScoped
public class SlackProgress {

    @Inject
    GatewayConfig config;

    @Inject
    CoordinatorApi coordinator;

    @Inject
    SlackApi slackApi;

    void progress(MissionEvent event) {
        String missionId = event.getMeta().getMissionId();
        Optional<JsonNode> mission = coordinator.mission(UUID.fromString(missionId));
        List<LayoutBlock> blocks = ProgressView.render(event, mission);
        String text = ProgressView.fallbackText(event, mission);
        SlackMessage message = await(() -> Panache.withSession(() -> SlackMessage.<SlackMessage>findById(missionId)));
        if (message == null) {
            String channel = config.outbound().slackChannel().orElseThrow();
            ChatPostMessageResponse posted = call(() -> methods().chatPostMessage(r -> r.channel(channel).text(text).blocks(blocks)));
            SlackMessage saved = new SlackMessage();
            saved.missionId = missionId;
            saved.channel = posted.getChannel() == null ? channel : posted.getChannel();
            saved.ts = posted.getTs();
            saved.createdAt = Instant.now();
            await(() -> Panache.withTransaction(saved::persist));
        } else {
            call(() -> methods().chatUpdate(r -> r.channel(message.channel).ts(message.ts).text(text).blocks(blocks)));
        }
    }

    void threadReply(MissionEvent event, Optional<String> pullRequest) {
        String missionId = event.getMeta().getMissionId();
        SlackMessage message = await(() -> Panache.withSession(() -> SlackMessage.<SlackMessage>findById(missionId)));
        if (message == null) {
            // the progress message goes first; its notification is older, so this only waits a retry
            throw new RetryLater("the mission's Slack message is not posted yet", Duration.ofSeconds(1));
        }
        String reply = ProgressView.threadReply(event, pullRequest);
        call(() -> methods().chatPostMessage(r -> r.channel(message.channel).threadTs(message.ts).text(reply)));
    }

    private MethodsClient methods() {
        return slackApi.methods();
    }

    interface SlackCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    private static <T extends SlackApiTextResponse> T call(SlackCall<T> call) {
        try {
            T response = call.call();
            if (!response.isOk()) {
                throw new RetryLater("Slack answered " + response.getError(), null);
            }
            return response;
        } catch (SlackApiException e) {
            String retryAfter = e.getResponse().header("Retry-After");
            Duration after = null;
            if (e.getResponse().code() == 429 && retryAfter != null && retryAfter.strip().matches("\\d{1,5}")) {
                after = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
            }
            throw new RetryLater("Slack answered HTTP " + e.getResponse().code(), after);
        } catch (IOException e) {
            throw new RetryLater("cannot reach Slack: " + e.getClass().getSimpleName(), null);
        }
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("database work failed", e);
        }
    }
}
