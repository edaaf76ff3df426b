package dev.missions.gateway.outbound;

/** The one Slack message of a mission (a row of {@code slack_message}): where it is, so it can be updated in place and replied to. */
record SlackMessage(String missionId, String channel, String ts) {
}
