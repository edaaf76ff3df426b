package dev.missions.coordinator.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the pages show, made from the API's JSON: ready-to-print values, so the templates only lay them out. The API's
 * statuses and sources are read as text, not as the coordinator's types, which the dashboard does not share.
 */
final class Views {

    static final List<String> STATUSES = List.of("REQUESTED", "PLANNING", "AWAITING_APPROVAL", "RUNNING", "PAUSED", "BLOCKED",
            "SUCCEEDED", "FAILED", "CANCELLED");
    static final List<String> SOURCES = List.of("API", "LINEAR", "GITHUB", "GITLAB", "SLACK");
    static final List<String> KINDS = List.of("FEATURE", "CI_FIX");
    private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private Views() {
    }

    /** Around every page: who is signed in and the CSRF value of the sign-out form; no name on the sign-in page. */
    public record Chrome(String title, String name, String csrf) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record Count(String status, String label, long count, String href, boolean current) {
    }

    public record Row(String id, String status, String statusLabel, String label, String href, String source, String sourceHref,
            String repository, String age, String duration, String cost, String progress) {
    }

    public record Listing(Map<String, String> filters, List<Count> counts, List<Row> rows, List<Option> statuses,
            List<Option> sources, String repository, String q, String rowsHref, String showing, String previousHref,
            String nextHref) {
    }

    public record Usage(String role, String tokens, String cost) {
    }

    public record SubtaskRow(String key, String href, String title, String role, String status, String cast, int attempt,
            String lastError, String summary) {
    }

    public record Entry(String id, String at, String type, String status, String message) {
    }

    /** A command the page offers; {@code budget}: with fields to raise the budget (resuming). */
    public record Action(String command, String label, String confirm, String hint, boolean budget) {

        Action(String command, String label, String confirm, String hint) {
            this(command, label, confirm, hint, false);
        }
    }

    public record Screen(String id, String label, String goal, String status, String statusLabel, String kind, String origin,
            String originHref, String repository, String baseBranch, String missionBranch, String planSource, String planNote,
            String blockedReason, String budget, String spend, List<Usage> usage, String dag, List<SubtaskRow> subtasks,
            List<Entry> timeline, List<Action> actions, String csrf, String liveHref, String sseTrigger) {
    }

    public record Flash(String kind, String message) {
        static Flash none() {
            return new Flash(null, null);
        }
    }

    /** The new-mission form: what was entered, and the API's complaint beside each field it named. */
    public record Draft(String goal, String repository, String baseBranch, String kind, String maxTokens, String maxCostUsd,
            String plan, List<Option> kinds, Map<String, String> errors, String error, String csrf) {

        static final List<String> FIELDS = List.of("goal", "repository", "baseBranch", "kind", "maxTokens", "maxCostUsd", "plan");

        /** The API's complaint about a field, or null: {@code draft.error('goal')} in the template. */
        public String error(String field) {
            return errors.get(field);
        }

        static Draft empty(String csrf) {
            return new Draft("", "", "main", "FEATURE", "", "", "", kindOptions("FEATURE"), Map.of(), null, csrf);
        }

        static List<Option> kindOptions(String selected) {
            return KINDS.stream().map(kind -> new Option(kind, label(kind), kind.equals(selected))).toList();
        }
    }

    static Listing listing(JsonNode page, Map<String, String> filters, Instant now) {
        List<Count> counts = new ArrayList<>();
        for (String status : STATUSES) {
            Map<String, String> only = new LinkedHashMap<>(filters);
            only.put("status", status);
            only.remove("offset");
            counts.add(new Count(status, label(status), page.path("counts").path(status).asLong(0), "/ui/missions" + query(only),
                    status.equals(filters.get("status"))));
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            rows.add(row(item, now));
        }
        long total = page.path("total").asLong();
        int limit = page.path("limit").asInt(50);
        int offset = page.path("offset").asInt(0);
        String showing = total == 0 ? "No missions" : (offset + 1) + "–" + (offset + rows.size()) + " of " + total;
        return new Listing(filters, counts, rows, options(STATUSES, filters.get("status"), "Any status"),
                options(SOURCES, filters.get("source"), "Any source"), filters.getOrDefault("repository", ""),
                filters.getOrDefault("q", ""), "/ui/missions/rows" + query(filters), showing,
                offset > 0 ? "/ui/missions" + query(withOffset(filters, Math.max(0, offset - limit))) : null,
                offset + rows.size() < total ? "/ui/missions" + query(withOffset(filters, offset + limit)) : null);
    }

    private static Row row(JsonNode item, Instant now) {
        String id = item.path("id").asText();
        String status = item.path("status").asText();
        Instant created = instant(item.path("createdAt"));
        Instant updated = instant(item.path("updatedAt"));
        Instant end = FINAL.contains(status) && updated != null ? updated : now;
        String title = text(item.path("title"));
        JsonNode progress = item.path("progress");
        return new Row(id, status, label(status), title == null ? text(item.path("goal")) : title, "/ui/missions/" + id,
                origin(item), safeHref(text(item.path("sourceUrl"))), text(item.path("repository")),
                created == null ? "" : span(Duration.between(created, now)) + " ago",
                created == null ? "" : span(Duration.between(created, end)), usd(item.path("usage").path("costUsd").asDouble()),
                progress.path("done").asLong() + "/" + progress.path("total").asLong());
    }

    static Screen screen(JsonNode mission, String csrf) {
        String id = mission.path("id").asText();
        String status = mission.path("status").asText();
        String title = text(mission.path("title"));
        List<Dag.Node> nodes = new ArrayList<>();
        List<SubtaskRow> subtasks = new ArrayList<>();
        for (JsonNode subtask : mission.path("subtasks")) {
            String subtaskStatus = subtask.path("status").asText();
            if (subtaskStatus.equals("REPLACED")) {
                continue; // dropped by a re-plan: no longer part of the plan drawn
            }
            List<String> dependsOn = new ArrayList<>();
            subtask.path("dependsOn").forEach(dependency -> dependsOn.add(dependency.asText()));
            String key = subtask.path("key").asText();
            nodes.add(new Dag.Node(key, text(subtask.path("role")), text(subtask.path("title")), subtaskStatus, dependsOn));
            String provider = text(subtask.path("provider"));
            String model = text(subtask.path("model"));
            subtasks.add(new SubtaskRow(key, "/ui/missions/" + id + "/subtasks/" + subtask.path("id").asText(),
                    text(subtask.path("title")), label(text(subtask.path("role"))), subtaskStatus,
                    provider == null ? "" : provider + "/" + (model == null ? "?" : model), subtask.path("attempt").asInt(),
                    text(subtask.path("lastError")), text(subtask.path("summary"))));
        }
        List<Usage> usage = new ArrayList<>();
        mission.path("usageByRole").properties().forEach(role -> usage.add(new Usage(label(role.getKey()),
                tokens(role.getValue()), usd(role.getValue().path("costUsd").asDouble()))));
        List<Entry> timeline = new ArrayList<>();
        for (JsonNode event : mission.path("timeline")) {
            Instant at = instant(event.path("occurredAt"));
            timeline.add(new Entry(event.path("id").asText(), at == null ? "" : at.toString(), event.path("type").asText(),
                    event.path("status").asText(), text(event.path("message"))));
        }
        JsonNode budget = mission.path("budget");
        JsonNode spend = mission.path("usage");
        return new Screen(id, title == null ? text(mission.path("goal")) : title, text(mission.path("goal")), status, label(status),
                label(text(mission.path("kind"))), origin(mission), safeHref(text(mission.path("sourceUrl"))),
                text(mission.path("repository")), text(mission.path("baseBranch")), text(mission.path("missionBranch")),
                text(mission.path("planSource")), text(mission.path("planNote")), text(mission.path("blockedReason")),
                limits(budget), tokens(spend) + ", " + usd(spend.path("costUsd").asDouble()), usage, Dag.svg(nodes), subtasks,
                timeline, actions(status), csrf, "/ui/missions/" + id + "/live", "sse:mission-" + id + " delay:50ms");
    }

    /** The commands that apply to a mission in this status, as the API decides them. */
    static List<Action> actions(String status) {
        List<Action> actions = new ArrayList<>();
        switch (status) {
            case "AWAITING_APPROVAL" -> {
                actions.add(new Action("APPROVE", "Approve", "Approve this mission's plan or hand-off?", "Work goes on."));
                actions.add(new Action("REJECT", "Reject", "Reject? The mission fails.", "The mission fails."));
            }
            case "RUNNING" -> actions.add(new Action("PAUSE", "Pause", "Pause this mission?", "Nothing new is dispatched."));
            case "PAUSED" -> actions.add(new Action("RESUME", "Resume", "Resume this mission?",
                    "Dispatch goes on; a mission paused at its budget needs a raised one.", true));
            case "BLOCKED" -> actions.add(new Action("RETRY", "Retry", "Retry the blocked work?", "One more attempt or round."));
            default -> {
            }
        }
        if (!FINAL.contains(status)) {
            actions.add(new Action("CANCEL", "Cancel", "Cancel this mission? This cannot be undone.", "Stops all work for good."));
        }
        return actions;
    }

    private static String limits(JsonNode budget) {
        List<String> parts = new ArrayList<>();
        if (budget.hasNonNull("maxTokens")) {
            parts.add(String.format(Locale.ROOT, "%,d tokens", budget.path("maxTokens").asLong()));
        }
        if (budget.hasNonNull("maxCostUsd")) {
            parts.add(usd(budget.path("maxCostUsd").asDouble()));
        }
        if (budget.hasNonNull("maxWallClockSeconds")) {
            parts.add(span(Duration.ofSeconds(budget.path("maxWallClockSeconds").asLong())) + " wall clock");
        }
        return parts.isEmpty() ? "no limit" : String.join(", ", parts);
    }

    private static String tokens(JsonNode spend) {
        return String.format(Locale.ROOT, "%,d tokens", spend.path("inputTokens").asLong() + spend.path("outputTokens").asLong());
    }

    private static String origin(JsonNode mission) {
        String source = text(mission.path("source"));
        String reference = text(mission.path("sourceReference"));
        return source == null ? "" : label(source) + (reference == null ? "" : " · " + reference);
    }

    /** Only web links become links: a source URL comes from outside and must not run script. */
    private static String safeHref(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    static String label(String constant) {
        if (constant == null) {
            return "";
        }
        String words = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String usd(double amount) {
        return String.format(Locale.ROOT, amount < 1 && amount > 0 ? "$%.4f" : "$%.2f", amount);
    }

    static String span(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86400) {
            return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
        }
        return seconds / 86400 + " d " + (seconds % 86400) / 3600 + " h";
    }

    static String query(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    private static Map<String, String> withOffset(Map<String, String> filters, int offset) {
        Map<String, String> moved = new LinkedHashMap<>(filters);
        moved.put("offset", Integer.toString(offset));
        return moved;
    }

    private static List<Option> options(List<String> values, String selected, String any) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", any, selected == null || selected.isBlank()));
        values.forEach(value -> options.add(new Option(value, label(value), value.equals(selected))));
        return options;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static Instant instant(JsonNode node) {
        String text = text(node);
        return text == null ? null : Instant.parse(text);
    }
}
