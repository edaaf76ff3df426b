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
import dev.missions.coordinator.metrics.MissionMetrics;
import dev.missions.events.Budget;
import dev.missions.events.Casting;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.Workspace;
import dev.missions.outbox.TraceContext;
import dev.missions.schemas.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads missions, asks the {@link Decider} and writes the decisions with their effects (events, dispatches, dead
 * letters, the consumed events) in one statement. The events of one poll are applied together, in order per mission,
 * with one read and one write for all. A mission that changed since its read has nothing written, and its inputs are
 * decided again on what is stored now: decisions on one mission apply one after another, as if each had held its
 * lock, without holding one across the decision.
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

    /**
     * An input for a mission: an event consumed from the topic named {@code topic}, applied once and kept in the inbox
     * with its decision, or one without an event of its own ({@code eventId} null: the clock, the planner, a flag).
     * {@code input} makes it from the mission as read; {@code result}, when given, is stored with a decision that did
     * not ignore it; {@code causation} may be null.
     */
    public record Event(UUID missionId, String eventId, String topic, Function<MissionRecord, Input> input,
            AppliedResult result, String causation, String trace) {

        /** Decided inside the current span: its rows are published in that trace ({@code trace}: its traceparent). */
        public Event(UUID missionId, String eventId, String topic, Function<MissionRecord, Input> input,
                AppliedResult result, String causation) {
            this(missionId, eventId, topic, input, result, causation, TraceContext.current());
        }
    }

    private final Decider decider;
    private final MissionStore store;
    private final CrashPoints crashPoints;
    private final MissionMetrics metrics;

    public MissionEngine(Decider decider, MissionStore store, CrashPoints crashPoints, MissionMetrics metrics) {
        this.decider = decider;
        this.store = store;
        this.crashPoints = crashPoints;
        this.metrics = metrics;
    }

    /** The mission as it is stored now, null when there is none. */
    public Uni<MissionRecord> read(UUID missionId) {
        return store.load(List.of(missionId), List.of()).map(loaded -> loaded.missions().get(missionId));
    }

    /** An input without an event of its own (the clock, the planner, a flag): {@code causation} may be null. */
    public Uni<Applied> apply(UUID missionId, Input input, String causation) {
        return apply(new Event(missionId, null, null, record -> input, null, causation));
    }

    public Uni<Applied> apply(Event event) {
        return applyAll(List.of(event)).map(applied -> applied.get(0));
    }

    /** What became of each event, in the order given. */
    public Uni<List<Applied>> applyAll(List<Event> events) {
        return attempt(events, 1);
    }

    private Uni<List<Applied>> attempt(List<Event> events, int tries) {
        Set<UUID> missionIds = new LinkedHashSet<>();
        List<String> eventIds = new ArrayList<>();
        for (Event event : events) {
            missionIds.add(event.missionId());
            if (event.eventId() != null) {
                eventIds.add(event.eventId());
            }
        }
        return store.load(missionIds, eventIds).flatMap(loaded -> {
            Map<UUID, MissionRecord> current = new HashMap<>(loaded.missions());
            Set<String> seen = new HashSet<>(loaded.delivered());
            Map<UUID, Writes> writes = new LinkedHashMap<>();
            List<Applied> answers = new ArrayList<>(events.size());
            boolean results = false;
            for (Event event : events) {
                MissionRecord record = current.get(event.missionId());
                if (record == null || (event.eventId() != null && !seen.add(event.eventId()))) {
                    answers.add(new Applied(record, null));
                    continue;
                }
                Decision decision = decider.decide(record.state(), event.input().apply(record), Moment.current());
                answers.add(new Applied(record, decision));
                if (!decision.changed() && event.eventId() == null) {
                    continue;
                }
                Writes mission = writes.computeIfAbsent(event.missionId(), id -> new Writes(id, record.version(), record.state()));
                add(mission, record.charter(), decision, event.causation(), event.trace());
                if (event.eventId() != null) {
                    mission.consumed(event.eventId(), event.topic());
                }
                if (event.result() != null && decision.ignored() == null) {
                    mission.result(event.result());
                    results = true;
                }
                current.put(event.missionId(), record.then(decision.next()));
            }
            if (writes.isEmpty()) {
                return Uni.createFrom().item(answers);
            }
            if (results) {
                crashPoints.reach(CrashPoints.RESULT_BEFORE_COMMIT);
            }
            return store.write(new ArrayList<>(writes.values())).flatMap(written -> {
                Set<UUID> changed = new HashSet<>(writes.keySet());
                changed.removeAll(written);
                measure(events, answers, changed);
                List<Event> again = events.stream().filter(e -> changed.contains(e.missionId())).toList();
                if (again.isEmpty()) {
                    return Uni.createFrom().item(answers);
                }
                if (tries >= MAX_TRIES) {
                    return Uni.createFrom().failure(new IllegalStateException("missions " + changed + " changed under " + tries
                            + " decisions in a row; their inputs are tried again on redelivery"));
                }
                return attempt(again, tries + 1).map(retried -> {
                    Iterator<Applied> next = retried.iterator();
                    List<Applied> merged = new ArrayList<>(events.size());
                    for (int i = 0; i < events.size(); i++) {
                        merged.add(changed.contains(events.get(i).missionId()) ? next.next() : answers.get(i));
                    }
                    return merged;
                });
            });
        });
    }

    /** The decisions that were written, as metrics; those of missions that changed under them are decided again. */
    private void measure(List<Event> events, List<Applied> answers, Set<UUID> changed) {
        for (int i = 0; i < events.size(); i++) {
            Applied applied = answers.get(i);
            if (applied.decision() != null && !changed.contains(events.get(i).missionId())) {
                metrics.decided(applied.record().state(), applied.decision().next());
            }
        }
    }

    /**
     * Stores a new mission with its first decision and the request that asked for it. False when that request was
     * admitted before: nothing is written then.
     */
    public Uni<Boolean> admit(Charter charter, BudgetLimits limits, String planNote, Input.Admit admit, String eventId) {
        Instant now = Instant.now();
        MissionState state = new MissionState(charter.id(), MissionStatus.REQUESTED, charter.source(), now, now, limits,
                Spent.NOTHING, 0, 0, null, null, false, planNote, charter.missionBranch(), Map.of(), List.of());
        Writes writes = new Writes(charter.id(), 0, state);
        Decision decision = decider.decide(state, admit, Moment.current());
        add(writes, charter, decision, eventId, TraceContext.current());
        writes.charter(charter);
        writes.consumed(eventId, Topic.MISSION_REQUESTS.topicName());
        return store.insert(writes).invoke(admitted -> {
            if (admitted) {
                metrics.decided(state, decision.next());
            }
        });
    }

    /** A decision's rows: its state and subtasks, then its effects in order. */
    private void add(Writes writes, Charter charter, Decision decision, String causation, String trace) {
        writes.decided(decision.next(), Stream.concat(decision.changedSubtasks().stream(), decision.addedSubtasks().stream()).toList());
        Map<UUID, SubtaskState> subtasks = decision.next().subtasks().stream()
                .collect(Collectors.toMap(SubtaskState::id, Function.identity()));
        for (Effect effect : decision.effects()) {
            switch (effect) {
                case Effect.Announce announce -> writes.announce(MissionEvents.of(charter, announce, causation), trace);
                case Effect.Dispatch dispatch -> dispatch(writes, charter, subtasks.get(dispatch.subtaskId()), dispatch, causation, trace);
                case Effect.DeadLetter dead -> writes.deadLetter(dead.subtaskId(), dead.attempt(), dead.reason());
            }
        }
    }

    /** Casts the attempt to its role's topic, announced with the task as its cause. */
    private void dispatch(Writes writes, Charter charter, SubtaskState subtask, Effect.Dispatch dispatch, String causation,
            String trace) {
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
        writes.relay(Topic.tasksFor(subtask.role()), charter.id().toString(), task, trace);
        writes.announce(MissionEvents.of(charter, new Effect.Announce(MissionEventType.SUBTASK_STARTED, dispatch.status(),
                subtask.id(), subtask.role(), dispatch.attempt(), dispatch.message(), Map.of()), task.getMeta().getEventId()), trace);
    }
}
