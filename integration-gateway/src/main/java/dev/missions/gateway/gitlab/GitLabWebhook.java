package dev.missions.gateway.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.MissionRequested;
import dev.missions.events.Source;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.ci.CiFailure;
import dev.missions.gateway.http.Answers;
import dev.missions.gateway.http.BodySizeLimit;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.Rejection;
import dev.missions.gateway.inbound.Delivery;
import dev.missions.gateway.inbound.Intake;
import dev.missions.gateway.signature.Signatures;
import dev.missions.schemas.Topic;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * GitLab CI: a Pipeline Hook with {@code status=failed} on a configured branch starts a CI_FIX mission, one
 * per (project, head SHA, pipeline name). GitLab signs nothing; it sends the shared token, compared in
 * constant time before the body is looked at.
 */
@Path("/webhooks/gitlab")
public class GitLabWebhook {

    static final String PROVIDER = "gitlab";

    @Inject
    GatewayConfig config;

    @Inject
    Intake intake;

    @Inject
    GitLabJobs jobs;

    @POST
    public Response receive(@HeaderParam("X-Gitlab-Token") String token,
            @HeaderParam("X-Gitlab-Event") String event,
            @HeaderParam("X-Gitlab-Event-UUID") String deliveryId,
            byte[] rawBody) {
        byte[] body = BodySizeLimit.check(rawBody, config.maxBodyBytes());
        String expected = config.gitlab().webhookToken().filter(s -> !s.isBlank()).orElseThrow(() -> Rejection.unauthorized(
                "webhook not configured", "no GitLab webhook token configured (set missions.gateway.gitlab.webhook-token)"));
        if (token == null) {
            throw Rejection.unauthorized("missing X-Gitlab-Token header");
        }
        if (!Signatures.tokenEquals(expected, token)) {
            throw Rejection.unauthorized("invalid token", "X-Gitlab-Token does not match the configured token");
        }
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 200) {
            throw Rejection.badRequest("missing X-Gitlab-Event-UUID header");
        }
        if (!"Pipeline Hook".equals(event)) {
            throw Rejection.badRequest("unsupported event type '" + (event == null ? "" : event)
                    + "': enable only pipeline events on this webhook");
        }
        JsonNode payload = Json.object(body);
        Delivery delivery = new Delivery(PROVIDER, deliveryId);
        String ignored = ignoredBecause(payload);
        if (ignored != null) {
            Log.debugf("GitLab delivery %s ignored: %s", deliveryId, ignored);
            return Answers.of(intake.record(delivery), null, deliveryId, ignored);
        }
        CiFailure failure = failure(payload);
        if (intake.seen(delivery)) {
            throw Answers.replayed(deliveryId);
        }
        if (intake.started(failure.missionKey())) {
            return Answers.of(intake.record(delivery), null, deliveryId, "a mission was already started for " + failure.missionKey());
        }
        String missionId = UUID.randomUUID().toString();
        long projectId = Json.number(payload, "/project/id");
        MissionRequested request = failure.mission(missionId,
                jobs.failedJobs(projectId, Json.optionalText(payload, "/project/web_url"), payload.path("builds")));
        var verdict = intake.publish(delivery, failure.missionKey(), Topic.MISSION_REQUESTS, missionId, request);
        Log.infof("GitLab delivery %s: %s for %s", deliveryId, verdict, failure.missionKey());
        return Answers.of(verdict, missionId, deliveryId, "failure (" + failure.missionKey() + ")");
    }

    private String ignoredBecause(JsonNode payload) {
        String kind = Json.optionalText(payload, "/object_kind");
        String status = Json.optionalText(payload, "/object_attributes/status");
        String ref = Json.optionalText(payload, "/object_attributes/ref");
        if (!"pipeline".equals(kind)) {
            return "object_kind " + kind + ", not pipeline";
        }
        if (!"failed".equals(status)) {
            return "pipeline " + status + ", not failed";
        }
        if (payload.at("/object_attributes/tag").asBoolean(false)) {
            return "pipeline of a tag";
        }
        if (ref == null) {
            return "pipeline without a ref";
        }
        if (CiFailure.onMissionBranch(ref, config.missionBranchPrefix())) {
            return "failure on mission branch " + ref + ": missions do not fix their own branches";
        }
        if (!config.gitlab().branches().contains(ref)) {
            return "failure on branch " + ref + ", which is not one of " + config.gitlab().branches();
        }
        return null;
    }

    private CiFailure failure(JsonNode payload) {
        String path = Json.text(payload, "/project/path_with_namespace");
        long pipelineId = Json.number(payload, "/object_attributes/id");
        Json.number(payload, "/project/id");
        String sha = Json.text(payload, "/object_attributes/sha");
        String name = Json.optionalText(payload, "/object_attributes/name");
        String webUrl = Json.optionalText(payload, "/project/web_url");
        String httpUrl = Json.optionalText(payload, "/project/git_http_url");
        String repositoryUrl = httpUrl != null ? httpUrl : webUrl;
        if (repositoryUrl == null) {
            throw Rejection.badRequest("malformed payload: /project/git_http_url or /project/web_url is needed");
        }
        String runUrl = Json.optionalText(payload, "/object_attributes/url");
        if (runUrl == null) {
            runUrl = (webUrl == null ? repositoryUrl : webUrl) + "/-/pipelines/" + pipelineId;
        }
        String workflow = name == null || name.isBlank() ? "pipeline" : name;
        return new CiFailure(Source.GITLAB, path, repositoryUrl, Json.text(payload, "/object_attributes/ref"), sha, workflow,
                runUrl, path + "/-/pipelines/" + pipelineId, "gitlab:" + path + ":" + sha + ":" + workflow);
    }
}
