package dev.missions.gateway.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.MissionEvent;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.OutsideHttp;
import dev.missions.gateway.slack.CoordinatorApi;
import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens the pull request (GitHub) or merge request (GitLab) of a succeeded mission, from its branch onto its
 * base, with a summary body. The repository, branches and goal come from the coordinator's view of the
 * mission. A repository on neither configured host, or a host without a token, gets none. A request that
 * already exists (a retry after a lost answer) counts as opened.
 */
@ApplicationScoped
public class PullRequests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final GatewayConfig config;
    private final OutsideHttp http;
    private final CoordinatorApi coordinator;

    PullRequests(Pool pool, GatewayConfig config, OutsideHttp http, CoordinatorApi coordinator) {
        this.pool = pool;
        this.config = config;
        this.http = http;
        this.coordinator = coordinator;
    }

    /** Whether a pull request could be opened at all: a token for some host. */
    boolean enabled() {
        return config.github().token().isPresent() || config.gitlab().token().isPresent();
    }

    void open(MissionEvent event) {
        String missionId = event.getMeta().getMissionId();
        JsonNode mission = coordinator.mission(UUID.fromString(missionId))
                .orElseThrow(() -> new RetryLater("the coordinator did not show mission " + missionId, null));
        String repository = mission.path("repository").asText("");
        String head = Optional.ofNullable(event.getAttributes().get("missionBranch")).orElse(mission.path("missionBranch").asText(null));
        String base = mission.path("baseBranch").asText("main");
        if (head == null) {
            Log.infof("mission %s has no branch: no pull request", missionId);
            return;
        }
        String title = mission.path("title").isTextual() ? mission.path("title").asText() : mission.path("goal").asText("Mission " + missionId);
        String body = body(event, mission);
        String url;
        if (config.github().token().isPresent() && path(repository, config.github().webUrl()) != null) {
            url = github(path(repository, config.github().webUrl()), head, base, title, body);
            commentOnFailedRun(event, url);
        } else if (config.gitlab().token().isPresent() && path(repository, config.gitlab().webUrl()) != null) {
            url = gitlab(path(repository, config.gitlab().webUrl()), head, base, title, body);
            noteOnFailedPipeline(event, url);
        } else {
            Log.infof("mission %s is on %s, no configured GitHub or GitLab: no pull request", missionId, repository);
            return;
        }
        // the first one recorded stays: a retry that found the request again changes nothing
        pool.preparedQuery("insert into pull_request (mission_id, url, created_at) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(missionId, url, OffsetDateTime.now(ZoneOffset.UTC)))
                .await().indefinitely();
        Log.infof("mission %s: pull request %s", missionId, url);
    }

    /**
     * A fix mission from a failed GitHub run: the pull requests that run belonged to are told where the fix is.
     * The origin keeps the run as {@code owner/name/actions/runs/<id>}; the run names its pull requests.
     */
    private void commentOnFailedRun(MissionEvent event, String fixUrl) {
        if (event.getOrigin() == null || event.getOrigin().getSource() != dev.missions.events.Source.GITHUB
                || event.getOrigin().getReference() == null) {
            return;
        }
        java.util.regex.Matcher run = java.util.regex.Pattern.compile("([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)/actions/runs/(\\d+)")
                .matcher(event.getOrigin().getReference());
        if (!run.matches()) {
            return;
        }
        Map<String, String> headers = githubHeaders();
        String api = config.github().apiUrl().endsWith("/") ? config.github().apiUrl() : config.github().apiUrl() + "/";
        HttpResponse<String> found = get(api + "repos/" + run.group(1) + "/actions/runs/" + run.group(2), headers);
        if (found.statusCode() != 200) {
            return;
        }
        for (JsonNode pull : Json.object(found.body(), "workflow run").path("pull_requests")) {
            if (!pull.path("number").canConvertToLong()) {
                continue;
            }
            HttpResponse<String> commented = post(api + "repos/" + run.group(1) + "/issues/" + pull.path("number").asLong() + "/comments",
                    Map.of("body", "The failed CI run " + event.getOrigin().getUrl() + " has a fix: " + fixUrl), headers);
            if (commented.statusCode() != 201) {
                Log.warnf("GitHub answered %d commenting on pull request %d of %s", commented.statusCode(),
                        pull.path("number").asLong(), run.group(1));
            }
        }
    }

    /**
     * A fix mission from a failed GitLab pipeline: the open merge requests of the commit that pipeline ran on are
     * told where the fix is. The origin keeps the pipeline as {@code group/project/-/pipelines/<id>}; GitLab names
     * its commit, and the commit its merge requests.
     */
    private void noteOnFailedPipeline(MissionEvent event, String fixUrl) {
        if (event.getOrigin() == null || event.getOrigin().getSource() != dev.missions.events.Source.GITLAB
                || event.getOrigin().getReference() == null) {
            return;
        }
        java.util.regex.Matcher pipeline = java.util.regex.Pattern.compile("([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+)/-/pipelines/(\\d+)")
                .matcher(event.getOrigin().getReference());
        if (!pipeline.matches()) {
            return;
        }
        Map<String, String> headers = Map.of("PRIVATE-TOKEN", config.gitlab().token().orElseThrow());
        String api = config.gitlab().apiUrl().endsWith("/") ? config.gitlab().apiUrl() : config.gitlab().apiUrl() + "/";
        String project = api + "projects/" + URLEncoder.encode(pipeline.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> found = get(project + "/pipelines/" + pipeline.group(2), headers);
        String sha = found.statusCode() == 200 ? Json.object(found.body(), "pipeline").path("sha").asText("") : "";
        if (!sha.matches("[0-9a-f]{7,64}")) {
            return;
        }
        HttpResponse<String> listed = get(project + "/repository/commits/" + sha + "/merge_requests", headers);
        JsonNode mergeRequests = listed.statusCode() == 200 ? readArray(listed.body()) : null;
        if (mergeRequests == null || !mergeRequests.isArray()) {
            return;
        }
        for (JsonNode mergeRequest : mergeRequests) {
            if (!"opened".equals(mergeRequest.path("state").asText()) || !mergeRequest.path("iid").canConvertToLong()) {
                continue;
            }
            long iid = mergeRequest.path("iid").asLong();
            HttpResponse<String> noted = post(project + "/merge_requests/" + iid + "/notes",
                    Map.of("body", "The failed CI pipeline " + event.getOrigin().getUrl() + " has a fix: " + fixUrl), headers);
            if (noted.statusCode() != 201) {
                Log.warnf("GitLab answered %d adding a note to merge request !%d of %s", noted.statusCode(), iid, pipeline.group(1));
            }
        }
    }

    private Map<String, String> githubHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        headers.put("Authorization", "Bearer " + config.github().token().orElseThrow());
        return headers;
    }

    /** The pull request opened for a mission, if any. */
    Optional<String> of(String missionId) {
        RowIterator<Row> rows = pool.preparedQuery("select url from pull_request where mission_id = $1")
                .execute(Tuple.of(missionId)).await().indefinitely().iterator();
        return rows.hasNext() ? Optional.of(rows.next().getString("url")) : Optional.empty();
    }

    static String body(MissionEvent event, JsonNode mission) {
        Map<String, String> attributes = event.getAttributes();
        StringBuilder body = new StringBuilder("## Goal\n").append(mission.path("goal").asText("")).append("\n\n## What changed\n");
        body.append(attributes.getOrDefault("commits", "see the commits of this branch")).append('\n');
        if (attributes.containsKey("filesChanged")) {
            body.append("Files: ").append(attributes.get("filesChanged")).append('\n');
        }
        body.append("\n## Tests\n").append(attributes.getOrDefault("tests", "no test report")).append('\n');
        body.append("\n## Review\n").append(attributes.getOrDefault("verdict", "no verdict")).append('\n');
        if (event.getOrigin() != null && event.getOrigin().getUrl() != null) {
            body.append("\n---\nRequested from ").append(event.getOrigin().getSource().name().toLowerCase(java.util.Locale.ROOT))
                    .append(": ").append(event.getOrigin().getUrl()).append('\n');
        }
        body.append("Mission `").append(event.getMeta().getMissionId()).append("`\n");
        return body.toString();
    }

    /** owner/name (or group/sub/project) of a repository URL under {@code webUrl}, or null. */
    static String path(String repository, String webUrl) {
        String prefix = webUrl.endsWith("/") ? webUrl : webUrl + "/";
        if (!repository.startsWith(prefix)) {
            return null;
        }
        String path = repository.substring(prefix.length());
        path = path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return path.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+") ? path : null;
    }

    private String github(String path, String head, String base, String title, String body) {
        Map<String, String> headers = githubHeaders();
        String api = config.github().apiUrl().endsWith("/") ? config.github().apiUrl() : config.github().apiUrl() + "/";
        Map<String, String> request = Map.of("title", title, "head", head, "base", base, "body", body);
        HttpResponse<String> response = post(api + "repos/" + path + "/pulls", request, headers);
        if (response.statusCode() == 201) {
            return Json.object(response.body(), "pull request").path("html_url").asText();
        }
        if (response.statusCode() == 422 && response.body().contains("already exists")) {
            // opened by an earlier try whose answer was lost: find it
            HttpResponse<String> found = get(api + "repos/" + path + "/pulls?state=all&head="
                    + URLEncoder.encode(path.substring(0, path.indexOf('/')) + ":" + head, StandardCharsets.UTF_8), headers);
            JsonNode list = found.statusCode() == 200 ? readArray(found.body()) : null;
            if (list != null && list.isArray() && !list.isEmpty()) {
                return list.path(0).path("html_url").asText();
            }
        }
        throw new RetryLater("GitHub answered " + response.statusCode() + " opening the pull request", null);
    }

    private String gitlab(String path, String head, String base, String title, String body) {
        Map<String, String> headers = Map.of("PRIVATE-TOKEN", config.gitlab().token().orElseThrow());
        String api = config.gitlab().apiUrl().endsWith("/") ? config.gitlab().apiUrl() : config.gitlab().apiUrl() + "/";
        String project = api + "projects/" + URLEncoder.encode(path, StandardCharsets.UTF_8);
        Map<String, String> request = Map.of("source_branch", head, "target_branch", base, "title", title, "description", body);
        HttpResponse<String> response = post(project + "/merge_requests", request, headers);
        if (response.statusCode() == 201) {
            return Json.object(response.body(), "merge request").path("web_url").asText();
        }
        if (response.statusCode() == 409) {
            HttpResponse<String> found = get(project + "/merge_requests?state=opened&source_branch="
                    + URLEncoder.encode(head, StandardCharsets.UTF_8), headers);
            JsonNode list = found.statusCode() == 200 ? readArray(found.body()) : null;
            if (list != null && list.isArray() && !list.isEmpty()) {
                return list.path(0).path("web_url").asText();
            }
        }
        throw new RetryLater("GitLab answered " + response.statusCode() + " opening the merge request", null);
    }

    private HttpResponse<String> post(String url, Map<String, String> json, Map<String, String> headers) {
        try {
            return http.postJson(url, Json.mapper().writeValueAsString(json), headers, TIMEOUT);
        } catch (IOException e) {
            throw new RetryLater("cannot reach " + java.net.URI.create(url).getHost() + ": " + e.getClass().getSimpleName(), null);
        }
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) {
        try {
            return http.get(url, headers, TIMEOUT);
        } catch (IOException e) {
            throw new RetryLater("cannot reach " + java.net.URI.create(url).getHost() + ": " + e.getClass().getSimpleName(), null);
        }
    }

    private static JsonNode readArray(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
