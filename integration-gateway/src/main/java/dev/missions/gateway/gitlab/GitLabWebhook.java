package dev.missions.gateway.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.Source;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.ci.CiFailure;
import dev.missions.gateway.ci.CiFailureIntake;
import dev.missions.gateway.http.BodySizeLimit;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.Rejection;
import dev.missions.gateway.metrics.Refusal;
import dev.missions.gateway.signature.Signatures;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * GitLab CI: a Pipeline Hook with {@code status=failed} on a configured branch starts a CI_FIX mission, one
 * per (project, head SHA, pipeline name). GitLab signs nothing; it sends the shared token, compared in
 * constant time before the body is looked at.
 */
@Path("/webhooks/gitlab")
public class GitLabWebhook implements CiFailureIntake.Reading {

    static final String PROVIDER = "gitlab";

    @Inject
    GatewayConfig config;

    @Inject
    CiFailureIntake ci;

    @Inject
    GitLabJobs jobs;

    @POST
    public Response receive(@HeaderParam("X-Gitlab-Token") String token,
            @HeaderParam("X-Gitlab-Event") String event,
            @HeaderParam("X-Gitlab-Event-UUID") String deliveryId,
            byte[] rawBody) {
        byte[] body = BodySizeLimit.check(rawBody, config.maxBodyBytes());
        String expected = config.gitlab().webhookToken().filter(s -> !s.isBlank()).orElseThrow(() -> Rejection.unauthorized(
                Refusal.MISSING_SECRET, "webhook not configured",
                "no GitLab webhook token configured (set missions.gateway.gitlab.webhook-token)"));
        if (token == null) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "missing X-Gitlab-Token header");
        }
        if (!Signatures.tokenEquals(expected, token)) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "invalid token", "X-Gitlab-Token does not match the configured token");
        }
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 200) {
            throw Rejection.badRequest("missing X-Gitlab-Event-UUID header");
        }
        if (!"Pipeline Hook".equals(event)) {
            throw Rejection.badRequest(Refusal.UNSUPPORTED, "unsupported event type '" + (event == null ? "" : event)
                    + "': enable only pipeline events on this webhook");
        }
        return ci.admit(PROVIDER, "GitLab", deliveryId, body, this);
    }

    @Override
    public List<CiFailure.FailedJob> failedJobs(JsonNode payload, CiFailure failure) {
        return jobs.failedJobs(Json.number(payload, "/project/id"), Json.optionalText(payload, "/project/web_url"),
                payload.path("builds"));
    }

    @Override
    public String ignoredBecause(JsonNode payload) {
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

    @Override
    public CiFailure failure(JsonNode payload) {
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
