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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One Slack message per mission in the configured channel, posted on the first event and updated in place
 * (chat.update) on every later one, and thread replies for notable events, through Slack's official client.
 * Rate limits (HTTP 429 with Retry-After, or {@code ratelimited}) and other failures become {@link RetryLater}.
 */
@ApplicationScoped
public class SlackProgress {

    private final Pool pool;
    private final GatewayConfig config;
    private final CoordinatorApi coordinator;
    private final SlackApi slackApi;

    SlackProgress(Pool pool, GatewayConfig config, CoordinatorApi coordinator, SlackApi slackApi) {
        this.pool = pool;
        this.config = config;
        this.coordinator = coordinator;
        this.slackApi = slackApi;
    }

    void progress(MissionEvent event) {
        String missionId = event.getMeta().getMissionId();
        Optional<JsonNode> mission = coordinator.mission(UUID.fromString(missionId));
        List<LayoutBlock> blocks = ProgressView.render(event, mission);
        String text = ProgressView.fallbackText(event, mission);
        SlackMessage message = find(missionId);
        if (message == null) {
            String channel = config.outbound().slackChannel().orElseThrow();
            ChatPostMessageResponse posted = call(() -> methods().chatPostMessage(r -> r.channel(channel).text(text).blocks(blocks)));
            save(new SlackMessage(missionId, posted.getChannel() == null ? channel : posted.getChannel(), posted.getTs()));
        } else {
            call(() -> methods().chatUpdate(r -> r.channel(message.channel()).ts(message.ts()).text(text).blocks(blocks)));
        }
    }

    void threadReply(MissionEvent event, Optional<String> pullRequest) {
        String missionId = event.getMeta().getMissionId();
        SlackMessage message = find(missionId);
        if (message == null) {
            // the progress message goes first; its notification is older, so this only waits a retry
            throw new RetryLater("the mission's Slack message is not posted yet", Duration.ofSeconds(1));
        }
        String reply = ProgressView.threadReply(event, pullRequest);
        call(() -> methods().chatPostMessage(r -> r.channel(message.channel()).threadTs(message.ts()).text(reply)));
    }

    /** The mission's message, or null before it is posted. Blocks: the notifier's thread may wait. */
    private SlackMessage find(String missionId) {
        RowIterator<Row> rows = pool.preparedQuery("select mission_id, channel, ts from slack_message where mission_id = $1")
                .execute(Tuple.of(missionId)).await().indefinitely().iterator();
        if (!rows.hasNext()) {
            return null;
        }
        Row row = rows.next();
        return new SlackMessage(row.getString("mission_id"), row.getString("channel"), row.getString("ts"));
    }

    /** A plain insert, as before: a second message for the mission fails the notification, which is retried. */
    private void save(SlackMessage message) {
        pool.preparedQuery("insert into slack_message (mission_id, channel, ts, created_at) values ($1, $2, $3, $4)")
                .execute(Tuple.of(message.missionId(), message.channel(), message.ts(), OffsetDateTime.now(ZoneOffset.UTC)))
                .await().indefinitely();
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
}
