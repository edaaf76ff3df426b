package dev.missions.gateway.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import dev.missions.events.CommandType;
import dev.missions.gateway.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may approve, reject and cancel from Slack: {@code missions.gateway.slack.approvers}, user ids and user groups.
 * Anyone in an allowed workspace may start, pause and resume; these three decide what ships or is thrown away, so
 * they belong to named people. Fails closed: no list, an unknown user, or a group whose members cannot be read
 * means no.
 */
@ApplicationScoped
public class Approvers {

    /** The commands only approvers may send. */
    static final Set<CommandType> GUARDED = EnumSet.of(CommandType.APPROVE, CommandType.REJECT, CommandType.CANCEL);

    static final String KEY = "missions.gateway.slack.approvers";

    /** The members of one user group, or why they could not be read. */
    interface Groups {
        Set<String> members(String groupId) throws GroupUnreadable;
    }

    static final class GroupUnreadable extends Exception {
        GroupUnreadable(String message) {
            super(message);
        }
    }

    private record Members(Set<String> ids, Instant readAt) {
    }

    private final GatewayConfig config;
    private final SlackApi slack;
    private final Map<String, Members> groups = new ConcurrentHashMap<>();

    public Approvers(GatewayConfig config, SlackApi slack) {
        this.config = config;
        this.slack = slack;
    }

    void announce(@Observes StartupEvent started) {
        if (listed(config.slack().approvers()).isEmpty()) {
            Log.warnf("%s is empty: nobody may approve, reject or cancel missions from Slack until it names user ids "
                    + "(U…) or user groups (S…)", KEY);
        }
    }

    /** Why {@code userId} may not send {@code command}, or empty when they may (or the command is not guarded). */
    public Optional<String> refusal(CommandType command, String userId) {
        if (!GUARDED.contains(command)) {
            return Optional.empty();
        }
        return refusal(listed(config.slack().approvers()), userId, this::members);
    }

    /** The rule itself: a listed user, or a member of a listed group that could be read. */
    static Optional<String> refusal(List<String> approvers, String userId, Groups groups) {
        if (approvers.isEmpty()) {
            return Optional.of(KEY + " is empty, so nobody may approve, reject or cancel from Slack");
        }
        if (userId == null || userId.isBlank()) {
            return Optional.of("the request names no Slack user");
        }
        if (approvers.stream().filter(id -> !group(id)).anyMatch(userId::equals)) {
            return Optional.empty();
        }
        StringBuilder unread = new StringBuilder();
        for (String group : approvers) {
            if (!group(group)) {
                continue;
            }
            try {
                if (groups.members(group).contains(userId)) {
                    return Optional.empty();
                }
            } catch (GroupUnreadable e) {
                unread.append("; the members of ").append(group).append(" could not be read (").append(e.getMessage()).append(')');
            }
        }
        return Optional.of("user " + abbreviate(userId) + " is not one of " + KEY + unread);
    }

    private Set<String> members(String group) throws GroupUnreadable {
        Members cached = groups.get(group);
        Instant now = Instant.now();
        if (cached != null && cached.readAt().plus(config.slack().approverGroupsTtl()).isAfter(now)) {
            return cached.ids();
        }
        if (slack.token().isEmpty()) {
            throw new GroupUnreadable("no Slack bot token: set missions.gateway.outbound.slack-token");
        }
        try {
            UsergroupsUsersListResponse response = slack.quickMethods().usergroupsUsersList(r -> r.usergroup(group));
            if (!response.isOk()) {
                throw new GroupUnreadable("Slack answered " + response.getError()
                        + (response.getNeeded() == null ? "" : ", needs scope " + response.getNeeded()));
            }
            Set<String> ids = Set.copyOf(response.getUsers() == null ? List.of() : response.getUsers());
            // only answers are remembered: a failure is asked again next time, and refuses meanwhile
            groups.put(group, new Members(ids, now));
            return ids;
        } catch (SlackApiException e) {
            throw new GroupUnreadable("Slack answered HTTP " + e.getResponse().code());
        } catch (IOException e) {
            throw new GroupUnreadable("cannot reach Slack: " + e.getClass().getSimpleName());
        }
    }

    /** Slack's user group ids start with S; user ids with U or W. */
    private static boolean group(String id) {
        return id.startsWith("S");
    }

    static List<String> listed(Optional<List<String>> approvers) {
        return approvers.orElse(List.of()).stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    }

    /** What the person is told; the why (with ids and Slack's errors) goes to the log. */
    static String told(CommandType command) {
        return "Only the approvers named in `" + KEY + "` may " + command.name().toLowerCase(java.util.Locale.ROOT)
                + " a mission, and you are not one of them: nothing was sent. Ask the missions operators.";
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
