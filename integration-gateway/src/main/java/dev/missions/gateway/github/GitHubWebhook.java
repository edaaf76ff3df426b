package dev.missions.gateway.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.Source;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.ci.CiFailure;
import dev.missions.gateway.ci.CiFailureIntake;
import dev.missions.gateway.http.Answers;
import dev.missions.gateway.http.BodySizeLimit;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.Rejection;
import dev.missions.gateway.metrics.DeliveryOutcome;
import dev.missions.gateway.metrics.Refusal;
import dev.missions.gateway.signature.Signatures;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GitHub Actions: a {@code workflow_run} that completed with {@code failure} on a configured branch starts a
 * CI_FIX mission, one per (repository, head SHA, workflow). The signature is checked on the raw bytes before
 * anything else is looked at.
 */
@Path("/webhooks/github")
public class GitHubWebhook implements CiFailureIntake.Reading {

    static final String PROVIDER = "github";
    private static final Pattern FULL_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    @Inject
    GatewayConfig config;

    @Inject
    CiFailureIntake ci;

    @Inject
    GitHubActions actions;

    @Inject
    DeliveryOutcome outcome;

    @POST
    public Response receive(@HeaderParam("X-Hub-Signature-256") String signature,
            @HeaderParam("X-GitHub-Event") String event,
            @HeaderParam("X-GitHub-Delivery") String deliveryId,
            byte[] rawBody) {
        byte[] body = BodySizeLimit.check(rawBody, config.maxBodyBytes());
        verify(signature, body);
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 200) {
            throw Rejection.badRequest("missing X-GitHub-Delivery header");
        }
        if ("ping".equals(event)) {
            return Answers.ignored(outcome, "pong");
        }
        if (!"workflow_run".equals(event)) {
            throw Rejection.badRequest(Refusal.UNSUPPORTED, "unsupported event type '" + (event == null ? "" : event)
                    + "': subscribe this webhook to workflow_run events only");
        }
        return ci.admit(PROVIDER, "GitHub", deliveryId, body, this);
    }

    @Override
    public List<CiFailure.FailedJob> failedJobs(JsonNode payload, CiFailure failure) {
        return actions.failedJobs(failure.repositoryName(), Json.number(payload, "/workflow_run/id"));
    }

    private void verify(String signature, byte[] body) {
        String secret = config.github().webhookSecret().filter(s -> !s.isBlank()).orElseThrow(() -> Rejection.unauthorized(
                Refusal.MISSING_SECRET, "webhook not configured",
                "no GitHub webhook secret configured (set missions.gateway.github.webhook-secret)"));
        if (signature == null || !signature.startsWith("sha256=")) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "missing or malformed X-Hub-Signature-256 header");
        }
        if (!Signatures.hexEquals(Signatures.hmacSha256Hex(secret, body), signature.substring("sha256=".length()))) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "invalid signature", "X-Hub-Signature-256 does not match the body");
        }
    }

    /** Why a verified workflow_run starts nothing, or null when it asks for a fix. */
    @Override
    public String ignoredBecause(JsonNode payload) {
        String action = Json.optionalText(payload, "/action");
        String conclusion = Json.optionalText(payload, "/workflow_run/conclusion");
        String branch = Json.optionalText(payload, "/workflow_run/head_branch");
        if (!"completed".equals(action)) {
            return "workflow_run " + action + ": only completed runs matter";
        }
        if (!"failure".equals(conclusion)) {
            return "workflow_run concluded " + conclusion + ", not failure";
        }
        if (branch == null) {
            return "workflow_run without a head branch";
        }
        String headRepository = Json.optionalText(payload, "/workflow_run/head_repository/full_name");
        String repository = Json.optionalText(payload, "/repository/full_name");
        if (headRepository != null && !headRepository.equals(repository)) {
            // a pull request from a fork: its branch may be called main, but its code is not ours to fix
            return "run of " + headRepository + ", a fork of " + repository;
        }
        if (CiFailure.onMissionBranch(branch, config.missionBranchPrefix())) {
            return "failure on mission branch " + branch + ": missions do not fix their own branches";
        }
        if (!config.github().branches().contains(branch)) {
            return "failure on branch " + branch + ", which is not one of " + config.github().branches();
        }
        return null;
    }

    @Override
    public CiFailure failure(JsonNode payload) {
        String fullName = Json.text(payload, "/repository/full_name");
        if (!FULL_NAME.matcher(fullName).matches()) {
            throw Rejection.badRequest("malformed payload: /repository/full_name must be owner/name");
        }
        String headSha = Json.text(payload, "/workflow_run/head_sha");
        String workflowId = Json.optionalText(payload, "/workflow_run/workflow_id");
        String workflow = Json.optionalText(payload, "/workflow_run/name");
        String runUrl = Json.text(payload, "/workflow_run/html_url");
        long runId = Json.number(payload, "/workflow_run/id");
        String cloneUrl = Json.optionalText(payload, "/repository/clone_url");
        String repositoryUrl = cloneUrl != null ? cloneUrl : Json.text(payload, "/repository/html_url");
        String workflowKey = workflowId != null ? workflowId : workflow;
        if (workflowKey == null) {
            throw Rejection.badRequest("malformed payload: /workflow_run/workflow_id or /workflow_run/name is needed");
        }
        return new CiFailure(Source.GITHUB, fullName, repositoryUrl, Json.text(payload, "/workflow_run/head_branch"), headSha,
                workflow == null ? "workflow " + workflowId : workflow, runUrl, fullName + "/actions/runs/" + runId,
                "github:" + fullName + ":" + headSha + ":" + workflowKey);
    }
}
