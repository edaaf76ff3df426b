package dev.missions.coordinator.core;

import dev.missions.events.MissionStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every move a mission or a subtask may make, in one table. Staying where it is is no move; anything not listed is an
 * {@link IllegalTransition}, so a bug shows as an error instead of a mission silently put somewhere it cannot leave.
 */
public final class Transitions {

    private static final Map<MissionStatus, Set<MissionStatus>> MISSION = new EnumMap<>(MissionStatus.class);
    private static final Map<SubtaskStatus, Set<SubtaskStatus>> SUBTASK = new EnumMap<>(SubtaskStatus.class);

    static {
        mission(MissionStatus.REQUESTED, MissionStatus.RUNNING, MissionStatus.AWAITING_APPROVAL, MissionStatus.FAILED);
        // plan or hand-off approval
        mission(MissionStatus.AWAITING_APPROVAL, MissionStatus.RUNNING, MissionStatus.CANCELLED, MissionStatus.BLOCKED);
        mission(MissionStatus.RUNNING, MissionStatus.PAUSED, MissionStatus.BLOCKED, MissionStatus.PLANNING,
                MissionStatus.AWAITING_APPROVAL, MissionStatus.SUCCEEDED, MissionStatus.CANCELLED);
        // PLANNING is a re-plan under way
        mission(MissionStatus.PLANNING, MissionStatus.RUNNING, MissionStatus.BLOCKED, MissionStatus.CANCELLED);
        // a paused mission's running attempts still finish, and one may fail for good
        mission(MissionStatus.PAUSED, MissionStatus.RUNNING, MissionStatus.BLOCKED, MissionStatus.CANCELLED);
        mission(MissionStatus.BLOCKED, MissionStatus.RUNNING, MissionStatus.CANCELLED);
        mission(MissionStatus.SUCCEEDED);
        mission(MissionStatus.FAILED);
        mission(MissionStatus.CANCELLED);

        subtask(SubtaskStatus.PENDING, SubtaskStatus.DISPATCHED, SubtaskStatus.REPLACED);
        subtask(SubtaskStatus.DISPATCHED, SubtaskStatus.RUNNING, SubtaskStatus.SUCCEEDED, SubtaskStatus.FAILED,
                SubtaskStatus.RETRY_WAIT, SubtaskStatus.DEAD);
        subtask(SubtaskStatus.RUNNING, SubtaskStatus.SUCCEEDED, SubtaskStatus.FAILED, SubtaskStatus.RETRY_WAIT, SubtaskStatus.DEAD);
        subtask(SubtaskStatus.RETRY_WAIT, SubtaskStatus.DISPATCHED);
        // a person retries a dead subtask, or a re-plan drops it
        subtask(SubtaskStatus.DEAD, SubtaskStatus.PENDING, SubtaskStatus.REPLACED);
        subtask(SubtaskStatus.SUCCEEDED);
        subtask(SubtaskStatus.FAILED);
        subtask(SubtaskStatus.REPLACED);
    }

    private Transitions() {
    }

    public static boolean allowed(MissionStatus from, MissionStatus to) {
        return from == to || MISSION.get(from).contains(to);
    }

    public static boolean allowed(SubtaskStatus from, SubtaskStatus to) {
        return from == to || SUBTASK.get(from).contains(to);
    }

    /** After this a mission changes no more. */
    public static boolean isFinal(MissionStatus status) {
        return MISSION.get(status).isEmpty();
    }

    public static boolean isFinal(SubtaskStatus status) {
        return SUBTASK.get(status).isEmpty();
    }

    public static MissionStatus check(MissionStatus from, MissionStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalTransition("mission", from, to);
        }
        return to;
    }

    public static SubtaskStatus check(SubtaskStatus from, SubtaskStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalTransition("subtask", from, to);
        }
        return to;
    }

    private static void mission(MissionStatus from, MissionStatus... to) {
        MISSION.put(from, to.length == 0 ? EnumSet.noneOf(MissionStatus.class) : EnumSet.of(to[0], to));
    }

    private static void subtask(SubtaskStatus from, SubtaskStatus... to) {
        SUBTASK.put(from, to.length == 0 ? EnumSet.noneOf(SubtaskStatus.class) : EnumSet.of(to[0], to));
    }
}
