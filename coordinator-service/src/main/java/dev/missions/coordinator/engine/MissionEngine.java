package dev.missions.coordinator.engine;

import dev.missions.coordinator.chaos.CrashPoints;
import dev.missions.coordinator.core.BudgetLimits;
import dev.missions.coordinator.core.Decider;
import dev.missions.coordinator.core.Decision;
import dev.missions.coordinator.core.Effect;
import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.core.MissionState;
import dev.missions.coordinator.core.Moment;
import dev.missions.coordinator.core.Spent;
import dev.missions.coordinator.core.SubtaskState;
import dev.missions.events.Budget;
import dev.missions.events.Casting;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.Workspace;
import dev.missions.schemas.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a mission, asks the {@link Decider} and writes the decision with its effects (events, dispatches, dead
 * letters, the consumed event) in one statement. A write that finds the mission changed since its read writes nothing,
 * and the input is decided again on what is stored now: decisions on one mission apply one after another, as if each
 * had held its lock, without holding one across the decision.
 */
@ApplicationScoped
public class MissionEngine {

    /** How often a decision is made again when other writers keep changing its mission: only under a storm of them. */
    static final int MAX_TRIES = 50;

    /**
     * What became of an input: {@code record} is null when there is no such mission, {@code decision} null when its
     * event was applied before.
     */
    public record Applied(MissionRecord record, Decision decision) {

        public boolean repeated() {
            return record != null && decision == null;
        }
    }

    private final Decider decider;
    private final MissionStore store;
    private final CrashPoints crashPoints;

    public MissionEngine(Decider decider, MissionStore store, CrashPoints crashPoints) {
        this.decider = decider;
        this.store = store;
        this.crashPoints = crashPoints;
    }

    /** The mission as it is stored now, null when there is none. */
    public Uni<MissionRecord> read(UUID missionId) {
        return store.load(missionId, null);
    }

    /** An input without an event of its own (the clock, the planner, a flag): {@code causation} may be null. */
    public Uni<Applied> apply(UUID missionId, Input input, String causation) {
        return apply(missionId, null, null, record -> input, null, causation);
    }

    /**
     * An event consumed from the topic named {@code topic}, applied once: made into an input from the mission as read, and kept in the
     * inbox with its decision. {@code result}, when given, is stored with a decision that did not ignore it.
     */
    public Uni<Applied> apply(UUID missionId, String eventId, String topic, Function<MissionRecord, Input> input,
            AppliedResult result, String causation) {
        return attempt(missionId, eventId, topic, input, result, causation, 1);
    }

    private Uni<Applied> attempt(UUID missionId, String eventId, String topic, Function<MissionRecord, Input> input,
            AppliedResult result, String causation, int tries) {
        return store.load(missionId, eventId).flatMap(record -> {
            if (record == null || record.delivered()) {
                return Uni.createFrom().item(new Applied(record, null));
            }
            Decision decision = decider.decide(record.state(), input.apply(record), Moment.current());
            Applied applied = new Applied(record, decision);
            if (!decision.changed() && eventId == null) {
                return Uni.createFrom().item(applied);
            }
            Writes writes = writes(record.charter(), record.version(), decision, causation);
            if (eventId != null) {
                writes.consumed(eventId, topic);
            }
            if (result != null && decision.ignored() == null) {
                writes.result(result);
                crashPoints.reach(CrashPoints.RESULT_BEFORE_COMMIT);
            }
            return store.write(writes).flatMap(written -> {
                if (written) {
                    return Uni.createFrom().item(applied);
                }
                if (tries >= MAX_TRIES) {
                    return Uni.createFrom().failure(new IllegalStateException("mission " + missionId + " changed under "
                            + tries + " decisions in a row; the input is tried again on redelivery"));
                }
                return attempt(missionId, eventId, topic, input, result, causation, tries + 1);
            });
        });
    }

    /**
     * Stores a new mission with its first decision and the request that asked for it. False when that request was
     * admitted before: nothing is written then.
     */
    public Uni<Boolean> admit(Charter charter, BudgetLimits limits, String planNote, Input.Admit admit, String eventId) {
        Instant now = Instant.now();
        MissionState state = new MissionState(charter.id(), MissionStatus.REQUESTED, charter.source(), now, now, limits,
                Spent.NOTHING, 0, 0, null, null, false, planNote, charter.missionBranch(), Map.of(), List.of());
        Writes writes = writes(charter, 0, decider.decide(state, admit, Moment.current()), eventId);
        writes.charter(charter);
        writes.consumed(eventId, Topic.MISSION_REQUESTS.topicName());
        return store.insert(writes);
    }

    private Writes writes(Charter charter, long version, Decision decision, String causation) {
        Writes writes = new Writes(charter.id(), version, decision.next());
        writes.subtasks(Stream.concat(decision.changedSubtasks().stream(), decision.addedSubtasks().stream()).toList());
        Map<UUID, SubtaskState> subtasks = decision.next().subtasks().stream()
                .collect(Collectors.toMap(SubtaskState::id, Function.identity()));
        for (Effect effect : decision.effects()) {
            switch (effect) {
                case Effect.Announce announce -> writes.announce(MissionEvents.of(charter, announce, causation));
                case Effect.Dispatch dispatch -> dispatch(writes, charter, subtasks.get(dispatch.subtaskId()), dispatch, causation);
                case Effect.DeadLetter dead -> writes.deadLetter(dead.subtaskId(), dead.attempt(), dead.reason());
            }
        }
        return writes;
    }

    /** Casts the attempt to its role's topic, announced with the task as its cause. */
    private void dispatch(Writes writes, Charter charter, SubtaskState subtask, Effect.Dispatch dispatch, String causation) {
        SubtaskAssigned task = SubtaskAssigned.newBuilder()
                .setMeta(MissionEvents.meta(charter, causation))
                .setSubtaskId(subtask.id().toString())
                .setAttempt(dispatch.attempt())
                .setRole(subtask.role())
                .setTitle(subtask.title())
                .setInstructions(subtask.instructions())
                .setAcceptanceCriteria(subtask.criteria())
                .setCasting(Casting.newBuilder().setProvider(subtask.provider()).setModel(subtask.model()).build())
                .setWorkspace(Workspace.newBuilder().setRepository(charter.repository())
                        .setBaseBranch(charter.baseBranch()).setMissionBranch(charter.missionBranch()).build())
                .setLeaseSeconds((int) decider.rules().lease().toSeconds())
                .setBudget(dispatch.remainingTokens() == null && dispatch.remainingCostUsd() == null ? null
                        : Budget.newBuilder().setMaxTokens(dispatch.remainingTokens()).setMaxCostUsd(dispatch.remainingCostUsd()).build())
                .setInputs(dispatch.inputs())
                .build();
        writes.relay(Topic.tasksFor(subtask.role()), charter.id().toString(), task);
        writes.announce(MissionEvents.of(charter, new Effect.Announce(MissionEventType.SUBTASK_STARTED, dispatch.status(),
                subtask.id(), subtask.role(), dispatch.attempt(), dispatch.message(), Map.of()), task.getMeta().getEventId()));
    }
}
