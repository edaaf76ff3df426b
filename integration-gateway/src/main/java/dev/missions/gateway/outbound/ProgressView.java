package dev.missions.gateway.outbound;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Block Kit progress view of a mission: status, milestones and subtasks done of total, the current step,
 * spend against budget, and the buttons that apply to the status (their action ids are what
 * {@code SlackInteractions} understands, their value the mission id). Counts and spend come from the
 * coordinator's view of the mission when it can be had; the status is the event's.
 */
final class ProgressView {

    private ProgressView() {
    }

    static String title(MissionEvent event, Optional<JsonNode> mission) {
        String title = mission.map(m -> m.path("title").isTextual() ? m.path("title").asText() : m.path("goal").asText(null)).orElse(null);
        if (title == null) {
            title = "Mission " + event.getMeta().getMissionId().substring(0, 8);
        }
        return title.length() > 140 ? title.substring(0, 137) + "..." : title;
    }

    static String fallbackText(MissionEvent event, Optional<JsonNode> mission) {
        return title(event, mission) + ": " + event.getStatus();
    }

    static List<LayoutBlock> render(MissionEvent event, Optional<JsonNode> mission) {
        String missionId = event.getMeta().getMissionId();
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Status*\n" + event.getStatus()));
        mission.ifPresent(m -> {
            int total = 0;
            int done = 0;
            Map<String, boolean[]> milestones = new LinkedHashMap<>();
            for (JsonNode subtask : m.path("subtasks")) {
                boolean succeeded = "SUCCEEDED".equals(subtask.path("status").asText());
                if ("CANCELLED".equals(subtask.path("status").asText()) || "SUPERSEDED".equals(subtask.path("status").asText())) {
                    continue;
                }
                total++;
                done += succeeded ? 1 : 0;
                boolean[] allDone = milestones.computeIfAbsent(subtask.path("milestone").asText(""), k -> new boolean[] {true});
                allDone[0] &= succeeded;
            }
            if (total > 0) {
                long milestonesDone = milestones.values().stream().filter(b -> b[0]).count();
                fields.add(markdownText("*Milestones*\n" + milestonesDone + " of " + milestones.size()));
                fields.add(markdownText("*Subtasks*\n" + done + " of " + total));
            }
            fields.add(markdownText("*Spend*\n" + spend(m)));
        });
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(title(event, mission)))));
        blocks.add(section(s -> s.fields(fields)));
        if (event.getMessage() != null) {
            String step = event.getMessage().length() > 2900 ? event.getMessage().substring(0, 2900) + "…" : event.getMessage();
            blocks.add(section(s -> s.text(markdownText("*Now:* " + step))));
        }
        List<BlockElement> buttons = buttons(event.getStatus(), missionId);
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId("mission-actions").elements(buttons)));
        }
        StringBuilder context = new StringBuilder("Mission `").append(missionId).append('`');
        if (event.getOrigin() != null && event.getOrigin().getUrl() != null) {
            context.append(" · <").append(event.getOrigin().getUrl()).append('|')
                    .append(event.getOrigin().getReference() == null ? event.getOrigin().getSource() : event.getOrigin().getReference())
                    .append('>');
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(context.toString())))));
        return blocks;
    }

    static List<BlockElement> buttons(MissionStatus status, String missionId) {
        List<BlockElement> buttons = new ArrayList<>();
        switch (status) {
            case AWAITING_APPROVAL -> {
                buttons.add(button("approve", "Approve", "primary", missionId));
                buttons.add(button("reject", "Reject", "danger", missionId));
            }
            case RUNNING, REQUESTED -> {
                buttons.add(button("pause", "Pause", null, missionId));
                buttons.add(button("cancel", "Cancel", "danger", missionId));
            }
            case PAUSED, BLOCKED -> {
                buttons.add(button("resume", "Resume", "primary", missionId));
                buttons.add(button("cancel", "Cancel", "danger", missionId));
            }
            default -> {
                // finished: nothing left to steer
            }
        }
        return buttons;
    }

    private static ButtonElement button(String action, String label, String style, String missionId) {
        return ButtonElement.builder().actionId(action).text(plainText(label)).value(missionId).style(style).build();
    }

    private static String spend(JsonNode mission) {
        double cost = mission.path("usage").path("costUsd").asDouble(0);
        long tokens = mission.path("usage").path("inputTokens").asLong(0) + mission.path("usage").path("outputTokens").asLong(0);
        JsonNode budget = mission.path("budget");
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "$%.2f", cost));
        if (budget.path("maxCostUsd").isNumber()) {
            text.append(String.format(Locale.ROOT, " of $%.2f", budget.path("maxCostUsd").asDouble()));
        }
        text.append(", ").append(tokens).append(" tokens");
        if (budget.path("maxTokens").isNumber()) {
            text.append(" of ").append(budget.path("maxTokens").asLong());
        }
        return text.toString();
    }

    /** The thread reply for a notable event. */
    static String threadReply(MissionEvent event, Optional<String> pullRequest) {
        String message = event.getMessage() == null ? "" : event.getMessage();
        return switch (event.getType()) {
            case SUBTASK_FAILED -> ":warning: Subtask failed" + (event.getRole() == null ? "" : " (" + event.getRole().name().toLowerCase(Locale.ROOT)
                    + (event.getAttempt() == null ? "" : ", attempt " + event.getAttempt()) + ")") + ": " + message;
            case BLOCKED -> ":no_entry: Mission blocked: " + message;
            case BUDGET_EXCEEDED -> ":moneybag: Budget exceeded: " + message;
            case AWAITING_APPROVAL -> ":raised_hand: Waiting for approval: " + message;
            case SUCCEEDED -> ":white_check_mark: Done: " + message + link(event, pullRequest);
            case FAILED -> ":x: Mission failed: " + message;
            default -> message;
        };
    }

    /** The pull request when one was opened or the event names one, else the branch. */
    static String link(MissionEvent event, Optional<String> pullRequest) {
        if (pullRequest.isPresent()) {
            return "\nPull request: " + pullRequest.get();
        }
        Map<String, String> attributes = event.getAttributes() == null ? Map.of() : event.getAttributes();
        for (String key : List.of("pullRequestUrl", "pullRequest", "prUrl")) {
            if (attributes.containsKey(key)) {
                return "\nPull request: " + attributes.get(key);
            }
        }
        return attributes.containsKey("missionBranch") ? "\nBranch: `" + attributes.get("missionBranch") + "`" : "";
    }
}
