package dev.missions.gateway.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The approvers' rule on its own; SlackTest drives it through Slack's real client against WireMock. */
class ApproversTest {

    private static final Map<String, Set<String>> GROUPS = Map.of("S0LEADS", Set.of("U0GRACE"));

    private static final Approvers.Groups SLACK = group -> {
        if (!GROUPS.containsKey(group)) {
            throw new Approvers.GroupUnreadable("Slack answered no_such_subteam");
        }
        return GROUPS.get(group);
    };

    @Test
    void noApproversListedMeansNobodyMay() {
        Optional<String> refusal = Approvers.refusal(List.of(), "U0ADA", SLACK);

        assertEquals(Optional.of("missions.gateway.slack.approvers is empty, so nobody may approve, reject or cancel from Slack"),
                refusal);
        assertEquals(List.of(), Approvers.listed(Optional.of(List.of(" ", ""))), "blank entries are no approvers");
    }

    @Test
    void aListedUserOrAMemberOfAListedGroupMayAndNobodyElse() {
        List<String> approvers = List.of("U0ADA", "S0LEADS");

        assertEquals(Optional.empty(), Approvers.refusal(approvers, "U0ADA", SLACK));
        assertEquals(Optional.empty(), Approvers.refusal(approvers, "U0GRACE", SLACK));
        assertEquals(Optional.of("user U0MALLORY is not one of missions.gateway.slack.approvers"),
                Approvers.refusal(approvers, "U0MALLORY", SLACK));
        assertTrue(Approvers.refusal(approvers, null, SLACK).isPresent());
        assertTrue(Approvers.refusal(approvers, "S0LEADS", SLACK).isPresent(), "a group's id is not one of its members");
    }

    @Test
    void aGroupWhoseMembersCannotBeReadLetsNobodyInThroughIt() {
        AtomicInteger asked = new AtomicInteger();
        Approvers.Groups broken = group -> {
            asked.incrementAndGet();
            throw new Approvers.GroupUnreadable("cannot reach Slack: ConnectException");
        };

        Optional<String> refusal = Approvers.refusal(List.of("U0ADA", "S0LEADS"), "U0GRACE", broken);

        assertEquals(Optional.of("user U0GRACE is not one of missions.gateway.slack.approvers; the members of S0LEADS could "
                + "not be read (cannot reach Slack: ConnectException)"), refusal);
        assertEquals(Optional.empty(), Approvers.refusal(List.of("U0ADA", "S0LEADS"), "U0ADA", broken), "a listed user needs no lookup");
        assertEquals(1, asked.get());
    }
}
