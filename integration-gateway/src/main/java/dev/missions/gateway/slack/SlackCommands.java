package dev.missions.gateway.slack;

import dev.missions.events.CommandType;
import dev.missions.events.MissionCommand;
import dev.missions.events.MissionKind;
import dev.missions.events.MissionRequested;
import dev.missions.events.Source;
import dev.missions.events.SourceRef;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.http.BodySizeLimit;
import dev.missions.gateway.http.Rejection;
import dev.missions.gateway.inbound.Intake;
import dev.missions.gateway.inbound.Verdict;
import dev.missions.gateway.metrics.DeliveryOutcome;
import dev.missions.gateway.metrics.Refusal;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code /mission start <repo> <goal>}, {@code /mission status <id>}, {@code /mission list}, and
 * {@code /mission approve|reject|cancel <id> [reason]} for the {@link Approvers}; anything else gets the usage. Slack waits 3 s: a lookup that takes longer answers "working on it" now and the result through
 * the request's response_url when it is there.
 */
@Path("/slack/commands")
@Singleton
public class SlackCommands {

    static final String USAGE = """
            Usage:
            • `/mission start <repository> <goal>`: start a mission (repository: a configured alias or an allowed URL)
            • `/mission status <mission id>`: where a mission stands
            • `/mission list`: the latest missions
            • `/mission approve|reject|cancel <mission id> [reason]`: for the approvers only""";

    @Inject
    GatewayConfig config;

    @Inject
    Intake intake;

    @Inject
    CoordinatorApi coordinator;

    @Inject
    ResponseUrl responseUrl;

    @Inject
    Approvers approvers;

    @Inject
    DeliveryOutcome outcome;

    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
    }

    @POST
    public Response command(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, byte[] rawBody) {
        byte[] body = BodySizeLimit.check(rawBody, config.maxBodyBytes());
        SlackRequest request = SlackRequest.verify(config.slack(), timestamp, signature, body);
        if (!Workspaces.allowed(config.slack().teamIds(), request.field("team_id"))) {
            // an ephemeral answer, not an error status: Slack shows the person only "failed" for those
            Log.warn(Workspaces.refusal("command", request.field("team_id")));
            outcome.refused(Refusal.UNKNOWN_WORKSPACE);
            return reply("This Slack workspace may not run `/mission` here: ask the missions operators to add its team id.");
        }
        String text = Optional.ofNullable(request.field("text")).orElse("");
        String[] words = text.isBlank() ? new String[0] : text.strip().split("\\s+", 3);
        String verb = words.length == 0 ? "" : words[0].toLowerCase(java.util.Locale.ROOT);
        return switch (verb) {
            case "start" -> start(request, words);
            case "status" -> lookup(request, () -> words.length < 2 ? USAGE : status(words[1]));
            case "list" -> lookup(request, coordinator::list);
            case "approve", "reject", "cancel" -> steer(request, CommandType.valueOf(verb.toUpperCase(java.util.Locale.ROOT)), words);
            default -> {
                remember(request);
                yield reply((verb.isEmpty() || verb.equals("help") ? "" : "Unknown command `" + verb + "`.\n") + USAGE);
            }
        };
    }

    private Response start(SlackRequest request, String[] words) {
        if (words.length < 3) {
            remember(request);
            return reply("`/mission start` needs a repository and a goal.\n" + USAGE);
        }
        Optional<String> repository = repository(words[1]);
        if (repository.isEmpty()) {
            remember(request);
            return reply("Unknown repository `" + words[1] + "`. Use one of " + config.slack().repositories().keySet()
                    + config.slack().allowedRepositoryPrefixes().map(p -> " or a URL starting with " + p).orElse("") + ".");
        }
        String goal = words[2].strip();
        String missionId = UUID.randomUUID().toString();
        String channel = request.field("channel_id");
        String user = Optional.ofNullable(request.field("user_name")).orElse(request.field("user_id"));
        MissionRequested mission = MissionRequested.newBuilder()
                .setMeta(Metas.first(missionId))
                .setGoal(goal)
                .setTitle(goal.length() > 80 ? goal.substring(0, 77) + "..." : goal)
                .setRepository(repository.get())
                .setBaseBranch(config.slack().baseBranch())
                .setKind(MissionKind.FEATURE)
                .setContext("Requested in Slack by " + user + (channel == null ? "" : " in channel " + channel) + ".")
                .setOrigin(SourceRef.newBuilder().setSource(Source.SLACK).setReference(channel).build())
                .build();
        Verdict verdict = intake.publish(request.delivery(), null, Topic.MISSION_REQUESTS, missionId, mission);
        if (verdict == Verdict.REPLAYED) {
            throw replayed();
        }
        Log.infof("Slack /mission start by %s: mission %s on %s", user, missionId, repository.get());
        return reply("Mission `" + missionId + "` requested on " + repository.get() + ": " + goal);
    }

    /** Approve, reject or cancel by command: the same approvers as the buttons, and the same command on the bus. */
    private Response steer(SlackRequest request, CommandType command, String[] words) {
        String verb = command.name().toLowerCase(java.util.Locale.ROOT);
        UUID missionId = words.length < 2 ? null : uuid(words[1]);
        if (missionId == null) {
            remember(request);
            return reply("`/mission " + verb + "` needs a mission id.\n" + USAGE);
        }
        Optional<String> refusal = approvers.refusal(command, request.field("user_id"));
        if (refusal.isPresent()) {
            remember(request);
            outcome.refused(Refusal.NOT_APPROVER);
            Log.warnf("Slack /mission %s on mission %s refused: %s; nothing published", verb, missionId, refusal.get());
            return reply(Approvers.told(command));
        }
        String actor = "slack:" + Optional.ofNullable(request.field("user_name")).orElse(request.field("user_id"));
        String reason = words.length > 2 && !words[2].isBlank() ? abbreviate(words[2].strip(), 2000)
                : "sent with /mission " + verb + " in Slack";
        MissionCommand missionCommand = MissionCommand.newBuilder()
                .setMeta(Metas.first(missionId.toString()))
                .setCommand(command)
                .setActor(actor)
                .setReason(reason)
                .build();
        if (intake.publish(request.delivery(), null, Topic.MISSION_COMMANDS, missionId.toString(), missionCommand) == Verdict.REPLAYED) {
            throw replayed();
        }
        Log.infof("Slack /mission %s on mission %s by %s", verb, missionId, actor);
        return reply(command.name().charAt(0) + verb.substring(1) + " sent for mission `" + missionId + "`.");
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }

    private String status(String id) {
        UUID missionId;
        try {
            missionId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return "`" + id.substring(0, Math.min(id.length(), 60)) + "` is not a mission id.\n" + USAGE;
        }
        return coordinator.status(missionId);
    }

    /** Runs a coordinator lookup; answers with it if it takes less than Slack waits, else later through response_url. */
    private Response lookup(SlackRequest request, Supplier<String> work) {
        remember(request);
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(work, lookups);
        try {
            return reply(answer.get(config.slack().answerWithin().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            String url = request.field("response_url");
            if (!responseUrl.allowed(url)) {
                answer.cancel(true);
                return reply("The coordinator is slow to answer; try again in a moment.");
            }
            answer.thenAccept(text -> responseUrl.post(url, text));
            return reply("Working on it…");
        } catch (ExecutionException e) {
            return reply("The lookup failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reply("Interrupted; try again.");
        }
    }

    private void remember(SlackRequest request) {
        if (intake.record(request.delivery()) == Verdict.REPLAYED) {
            throw replayed();
        }
    }

    private Optional<String> repository(String given) {
        if (config.slack().repositories().containsKey(given)) {
            return Optional.of(config.slack().repositories().get(given));
        }
        boolean allowed = config.slack().allowedRepositoryPrefixes().orElse(List.of()).stream().anyMatch(given::startsWith)
                && !given.contains("..") && given.chars().noneMatch(Character::isWhitespace);
        return allowed ? Optional.of(given) : Optional.empty();
    }

    static Rejection replayed() {
        return Rejection.badRequest(Refusal.DUPLICATE, "replayed request: this signed Slack request was received before");
    }

    static Response reply(String text) {
        return Response.ok(Map.of("response_type", "ephemeral", "text", text), MediaType.APPLICATION_JSON).build();
    }
}
