package dev.missions.gateway.slack;

import java.util.List;
import java.util.Optional;

/**
 * Which Slack workspaces may act: {@code missions.gateway.slack.team-ids}. The signing secret belongs to the app,
 * not to a workspace, so an app installed in a second workspace signs its requests just as well; only the team id
 * inside the signed body tells them apart.
 */
final class Workspaces {

    private Workspaces() {
    }

    /** Whether {@code teamId} may act; with no list configured every workspace may, with one a missing id may not. */
    static boolean allowed(Optional<List<String>> teamIds, String teamId) {
        List<String> allowed = teamIds.orElse(List.of()).stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
        return allowed.isEmpty() || (teamId != null && allowed.contains(teamId.strip()));
    }

    /** What the log says, without echoing more of an unknown id than a person needs to recognise it. */
    static String refusal(String kind, String teamId) {
        String team = teamId == null || teamId.isBlank() ? "no team_id"
                : "team " + (teamId.length() > 40 ? teamId.substring(0, 40) + "…" : teamId);
        return "Slack " + kind + " from " + team + ", which is not one of missions.gateway.slack.team-ids: refused, nothing published";
    }
}
