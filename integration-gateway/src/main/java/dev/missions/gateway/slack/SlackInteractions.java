package dev.missions.gateway.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.CommandType;
import dev.missions.events.MissionCommand;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.http.BodySizeLimit;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.Rejection;
import dev.missions.gateway.inbound.Intake;
import dev.missions.gateway.inbound.Verdict;
import dev.missions.gateway.metrics.DeliveryOutcome;
import dev.missions.gateway.metrics.Refusal;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The buttons on a mission's Slack message: approve, reject, pause, resume, cancel. Each is a block action
 * whose {@code action_id} names the command ({@code approve} or {@code mission.approve}) and whose
 * {@code value} is the mission id; it becomes a MissionCommand on missions.commands. Approve, reject and cancel are
 * taken only from the {@link Approvers}.
 */
@Path("/slack/interactions")
public class SlackInteractions {

    private static final Map<String, CommandType> BUTTONS = Map.of(
            "approve", CommandType.APPROVE,
            "reject", CommandType.REJECT,
            "pause", CommandType.PAUSE,
            "resume", CommandType.RESUME,
            "cancel", CommandType.CANCEL);

    @Inject
    GatewayConfig config;

    @Inject
    Intake intake;

    @Inject
    Approvers approvers;

    @Inject
    ResponseUrl responseUrl;

    @Inject
    DeliveryOutcome outcome;

    @POST
    public Response interact(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, byte[] rawBody) {
        byte[] body = BodySizeLimit.check(rawBody, config.maxBodyBytes());
        SlackRequest request = SlackRequest.verify(config.slack(), timestamp, signature, body);
        JsonNode payload = Json.object(request.require("payload"), "payload");
        String type = Json.text(payload, "/type");
        if (!"block_actions".equals(type)) {
            throw Rejection.badRequest(Refusal.UNSUPPORTED, "unsupported interaction type '" + type + "': only block_actions");
        }
        String team = Optional.ofNullable(Json.optionalText(payload, "/team/id")).orElse(Json.optionalText(payload, "/user/team_id"));
        if (!Workspaces.allowed(config.slack().teamIds(), team)) {
            throw Rejection.forbidden(Refusal.UNKNOWN_WORKSPACE, Workspaces.refusal("button", team));
        }
        JsonNode action = payload.path("actions").path(0);
        String actionId = Json.text(action, "/action_id").toLowerCase(Locale.ROOT);
        CommandType command = BUTTONS.get(actionId.startsWith("mission.") ? actionId.substring("mission.".length()) : actionId);
        if (command == null) {
            throw Rejection.badRequest(Refusal.UNSUPPORTED, "unknown action '" + abbreviate(actionId) + "': expected one of " + BUTTONS.keySet());
        }
        String missionId = missionId(Json.text(action, "/value"));
        String userId = Json.optionalText(payload, "/user/id");
        Optional<String> refusal = approvers.refusal(command, userId);
        if (refusal.isPresent()) {
            // recorded, so a replay of the refused request is refused as one too
            if (intake.record(request.delivery()) == Verdict.REPLAYED) {
                throw SlackCommands.replayed();
            }
            outcome.refused(Refusal.NOT_APPROVER);
            Log.warnf("Slack button %s on mission %s refused: %s; nothing published", command, missionId, refusal.get());
            // a button's answer body is not shown: the ephemeral refusal goes through the response_url
            responseUrl.postLater(Json.optionalText(payload, "/response_url"), Approvers.told(command));
            return SlackCommands.reply(Approvers.told(command));
        }
        String actor = "slack:" + Optional.ofNullable(Json.optionalText(payload, "/user/username"))
                .or(() -> Optional.ofNullable(Json.optionalText(payload, "/user/name")))
                .orElse(Json.text(payload, "/user/id"));
        MissionCommand missionCommand = MissionCommand.newBuilder()
                .setMeta(Metas.first(missionId))
                .setCommand(command)
                .setActor(actor)
                .setReason("pressed " + command.name().toLowerCase(Locale.ROOT) + " in Slack")
                .build();
        Verdict verdict = intake.publish(request.delivery(), null, Topic.MISSION_COMMANDS, missionId, missionCommand);
        if (verdict == Verdict.REPLAYED) {
            throw SlackCommands.replayed();
        }
        Log.infof("Slack button %s on mission %s by %s", command, missionId, actor);
        return SlackCommands.reply(command.name().charAt(0) + command.name().substring(1).toLowerCase(Locale.ROOT)
                + " sent for mission `" + missionId + "`.");
    }

    private static String missionId(String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest("malformed payload: the action's value must be a mission id");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
