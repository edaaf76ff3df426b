package dev.missions.gateway.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.ci.CiFailure;
import dev.missions.gateway.ci.LogTail;
import dev.missions.gateway.http.OutsideHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The failed jobs of a pipeline come with the Pipeline Hook ({@code builds}); their traces are read through
 * the GitLab API. A trace that cannot be read does not stop the mission: it says so in its place.
 */
@ApplicationScoped
public class GitLabJobs {

    @Inject
    GatewayConfig config;

    @Inject
    OutsideHttp http;

    public List<CiFailure.FailedJob> failedJobs(long projectId, String projectWebUrl, JsonNode builds) {
        List<CiFailure.FailedJob> jobs = new ArrayList<>();
        java.time.Instant deadline = java.time.Instant.now().plus(config.ci().fetchBudget());
        for (JsonNode build : builds) {
            if (!"failed".equals(build.path("status").asText()) || build.path("allow_failure").asBoolean(false)
                    || !build.path("id").canConvertToLong()) {
                continue;
            }
            if (jobs.size() == config.ci().maxJobs()) {
                break;
            }
            long jobId = build.path("id").asLong();
            String url = projectWebUrl == null ? null : projectWebUrl + "/-/jobs/" + jobId;
            jobs.add(new CiFailure.FailedJob(build.path("name").asText("job " + jobId), url, java.time.Instant.now().isAfter(deadline)
                    ? "(the trace was not read: the time for reading logs was spent)" : trace(projectId, jobId)));
        }
        return jobs;
    }

    private String trace(long projectId, long jobId) {
        GatewayConfig.Ci ci = config.ci();
        String base = config.gitlab().apiUrl().endsWith("/") ? config.gitlab().apiUrl() : config.gitlab().apiUrl() + "/";
        try {
            HttpResponse<InputStream> response = http.stream(base + "projects/" + projectId + "/jobs/" + jobId + "/trace",
                    headers(), ci.fetchTimeout());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return "(the trace could not be read: GitLab answered " + response.statusCode() + ")";
                }
                return LogTail.of(body, ci.logTailLines(), ci.logTailChars());
            }
        } catch (IOException | RuntimeException e) {
            return "(the trace could not be read: " + e.getClass().getSimpleName() + ")";
        }
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "missions-integration-gateway");
        config.gitlab().token().ifPresent(token -> headers.put("PRIVATE-TOKEN", token));
        return headers;
    }
}
