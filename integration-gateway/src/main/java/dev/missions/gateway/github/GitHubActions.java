package dev.missions.gateway.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.ci.CiFailure;
import dev.missions.gateway.ci.LogTail;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.OutsideHttp;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the failed jobs of a run and their logs through the GitHub REST API: list the run's jobs, then each
 * failed job's log (GitHub answers with a redirect to the log file, which is followed). A log that cannot be
 * read does not stop the mission: it says so in its place.
 */
@ApplicationScoped
public class GitHubActions {

    @Inject
    GatewayConfig config;

    @Inject
    OutsideHttp http;

    public List<CiFailure.FailedJob> failedJobs(String repositoryFullName, long runId) {
        GatewayConfig.Ci ci = config.ci();
        String base = stripSlash(config.github().apiUrl()) + "/repos/" + path(repositoryFullName);
        List<CiFailure.FailedJob> jobs = new ArrayList<>();
        java.time.Instant deadline = java.time.Instant.now().plus(ci.fetchBudget());
        try {
            HttpResponse<String> listed = http.get(base + "/actions/runs/" + runId + "/jobs?filter=latest&per_page=100",
                    headers(), ci.fetchTimeout());
            if (listed.statusCode() != 200) {
                Log.warnf("GitHub answered %d listing the jobs of run %d of %s; the mission goes without logs",
                        listed.statusCode(), runId, repositoryFullName);
                return jobs;
            }
            for (JsonNode job : Json.object(listed.body(), "jobs list").path("jobs")) {
                String conclusion = job.path("conclusion").asText("");
                if (!conclusion.equals("failure") && !conclusion.equals("timed_out")) {
                    continue;
                }
                if (jobs.size() == ci.maxJobs()) {
                    break;
                }
                jobs.add(new CiFailure.FailedJob(job.path("name").asText("job " + job.path("id").asText()),
                        job.path("html_url").isTextual() ? job.path("html_url").asText() : null,
                        java.time.Instant.now().isAfter(deadline) ? "(the log was not read: the time for reading logs was spent)"
                                : log(base, job.path("id").asLong())));
            }
        } catch (IOException | RuntimeException e) {
            Log.warnf("cannot list the jobs of run %d of %s (%s); the mission goes without logs", runId,
                    repositoryFullName, e.toString());
        }
        return jobs;
    }

    private String log(String base, long jobId) {
        GatewayConfig.Ci ci = config.ci();
        try {
            HttpResponse<InputStream> response = http.stream(base + "/actions/jobs/" + jobId + "/logs", headers(), ci.fetchTimeout());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return "(the log could not be read: GitHub answered " + response.statusCode() + ")";
                }
                return LogTail.of(body, ci.logTailLines(), ci.logTailChars());
            }
        } catch (IOException e) {
            return "(the log could not be read: " + e.getClass().getSimpleName() + ")";
        }
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        headers.put("User-Agent", "missions-integration-gateway");
        config.github().token().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return headers;
    }

    /** owner/name, each part encoded: a payload cannot steer the call to another path. */
    private static String path(String fullName) {
        int slash = fullName.indexOf('/');
        return URLEncoder.encode(fullName.substring(0, slash), StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(fullName.substring(slash + 1), StandardCharsets.UTF_8);
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
