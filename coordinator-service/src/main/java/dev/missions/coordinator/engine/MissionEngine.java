package dev.missions.coordinator.engine;

import dev.missions.coordinator.core.Decider;
import dev.missions.coordinator.core.Decision;
import dev.missions.coordinator.core.Effect;
import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.core.Moment;
import dev.missions.coordinator.core.SubtaskState;
import dev.missions.coordinator.core.SubtaskStatus;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.engine.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.events.Budget;
import dev.missions.events.Casting;
import dev.missions.events.MissionEventType;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.Workspace;
import dev.missions.outbox.Outbox;
import dev.missions.schemas.Topic;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The store around the decision core: loads a mission under its row lock, asks the {@link Decider}, writes what the
 * decision changed and carries out its effects (events, dispatches, dead letters) through the outbox, all in the
 * caller's transaction.
 */
@ApplicationScoped
public class MissionEngine {

    /** A decision with the mission row it was stored on. */
    public record Applied(Mission mission, Decision decision) {
    }

    private final Decider decider;
    private final MissionEvents events;
    private final Outbox outbox;

    public MissionEngine(Decider decider, MissionEvents events, Outbox outbox) {
        this.decider = decider;
        this.events = events;
        this.outbox = outbox;
    }

    /** Decides without storing anything, for a caller that has one more check to make before the decision may stand. */
    public Decision decide(Mission mission, List<Subtask> subtasks, Input input) {
        return decider.decide(MissionStates.of(mission, subtasks), input, Moment.current());
    }

    /** Loads the mission with its lock, decides and stores; null when there is no such mission. */
    public Uni<Applied> underLock(UUID missionId, Input input, String causation) {
        return Mission.<Mission>findById(missionId, LockModeType.PESSIMISTIC_WRITE).flatMap(mission -> mission == null
                ? Uni.createFrom().nullItem()
                : Subtask.ofMission(missionId).flatMap(all -> {
                    Decision decision = decide(mission, all, input);
                    return store(decision, mission, all, causation).replaceWith(new Applied(mission, decision));
                }));
    }

    /** Writes only what the decision changed, then its effects in order; an unchanged decision writes nothing. */
    public Uni<Void> store(Decision decision, Mission mission, List<Subtask> subtasks, String causation) {
        if (!decision.changed()) {
            return Uni.createFrom().voidItem();
        }
        MissionStates.copy(decision.next(), mission);
        Map<UUID, Subtask> rows = subtasks.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
        List<SubtaskState> changed = decision.changedSubtasks();
        changed.forEach(state -> MissionStates.copy(state, rows.get(state.id())));
        Instant now = Instant.now();
        List<Subtask> added = decision.addedSubtasks().stream().map(state -> {
            Subtask row = new Subtask();
            row.missionId = mission.id;
            row.createdAt = now;
            MissionStates.copy(state, row);
            return row;
        }).toList();
        // a dropped row must leave the live-key index before a new row may take its key (Hibernate inserts first)
        boolean replaced = changed.stream().anyMatch(s -> s.status() == SubtaskStatus.REPLACED);
        Uni<Void> written = added.isEmpty() ? Uni.createFrom().voidItem()
                : (replaced ? Panache.getSession().flatMap(session -> session.flush()) : Uni.createFrom().voidItem())
                        .chain(() -> Subtask.persist(added));
        Map<UUID, Subtask> all = new java.util.HashMap<>(rows);
        added.forEach(row -> all.put(row.id, row));
        for (Effect effect : decision.effects()) {
            written = written.chain(() -> carryOut(effect, mission, all, causation));
        }
        return written;
    }

    private Uni<Void> carryOut(Effect effect, Mission mission, Map<UUID, Subtask> subtasks, String causation) {
        return switch (effect) {
            case Effect.Announce announce -> events.announce(mission, announce, causation);
            case Effect.Dispatch dispatch -> dispatch(mission, subtasks.get(dispatch.subtaskId()), dispatch, causation);
            case Effect.DeadLetter dead -> deadLetter(mission, dead);
        };
    }

    /** Casts the attempt to its role's topic, announced with the task as its cause. */
    private Uni<Void> dispatch(Mission mission, Subtask subtask, Effect.Dispatch dispatch, String causation) {
        SubtaskAssigned task = SubtaskAssigned.newBuilder()
                .setMeta(MissionEvents.meta(mission, causation))
                .setSubtaskId(subtask.id.toString())
                .setAttempt(dispatch.attempt())
                .setRole(subtask.role)
                .setTitle(subtask.title)
                .setInstructions(subtask.instructions)
                .setAcceptanceCriteria(subtask.acceptanceCriteria.isBlank() ? List.of() : List.of(subtask.acceptanceCriteria.split("\n")))
                .setCasting(Casting.newBuilder().setProvider(subtask.provider).setModel(subtask.model).build())
                .setWorkspace(Workspace.newBuilder().setRepository(mission.repository)
                        .setBaseBranch(mission.baseBranch).setMissionBranch(mission.missionBranch).build())
                .setLeaseSeconds((int) decider.rules().lease().toSeconds())
                .setBudget(dispatch.remainingTokens() == null && dispatch.remainingCostUsd() == null ? null
                        : Budget.newBuilder().setMaxTokens(dispatch.remainingTokens()).setMaxCostUsd(dispatch.remainingCostUsd()).build())
                .setInputs(dispatch.inputs())
                .build();
        Effect.Announce started = new Effect.Announce(MissionEventType.SUBTASK_STARTED, dispatch.status(), subtask.id, subtask.role,
                dispatch.attempt(), dispatch.message(), Map.of());
        return outbox.add(Topic.tasksFor(subtask.role), mission.id.toString(), task)
                .chain(() -> events.announce(mission, started, task.getMeta().getEventId()));
    }

    private static Uni<Void> deadLetter(Mission mission, Effect.DeadLetter dead) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into dead_letter (subtask_id, attempt, mission_id, reason, created_at)
                        values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .setParameter(1, dead.subtaskId())
                .setParameter(2, dead.attempt())
                .setParameter(3, mission.id)
                .setParameter(4, dead.reason())
                .setParameter(5, OffsetDateTime.now())
                .executeUpdate())
                .replaceWithVoid();
    }
}
