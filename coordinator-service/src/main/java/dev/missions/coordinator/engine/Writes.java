package dev.missions.coordinator.engine;

import dev.missions.coordinator.core.MissionState;
import dev.missions.coordinator.core.SubtaskState;
import dev.missions.coordinator.mission.Json;
import dev.missions.events.MissionEvent;
import dev.missions.schemas.AvroBytes;
import dev.missions.schemas.Topic;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rows of one mission's decisions, gathered in order, and the parameters of {@link MissionStore}'s one write
 * statement for the decisions of many missions.
 */
final class Writes {

    /** {@code trace} is the traceparent of the span that decided it, null when tracing is off. */
    private record Relayed(String topic, String key, String recordClass, Buffer payload, String trace) {
    }

    /** A timeline row and, encoded once, what the relay publishes from it. */
    private record Announced(MissionEvent event, Buffer payload, String trace) {
    }

    private record DeadLetter(UUID subtaskId, int attempt, String reason) {
    }

    private record Consumed(String eventId, String topic) {
    }

    /** A subtask as a decision left it, stamped with that decision's time when the core did not stamp it. */
    private record Changed(SubtaskState state, Instant updatedAt) {
    }

    /** A row of some mission's: the statement joins each row to its mission's update. */
    private record Owned<T>(UUID missionId, T row) {
    }

    private final UUID missionId;
    private final long version;
    private final Set<UUID> stored;
    private MissionState next;
    private final Map<UUID, Changed> subtasks = new LinkedHashMap<>();
    private final List<Relayed> outbox = new ArrayList<>();
    private final List<Announced> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<Consumed> consumed = new ArrayList<>();
    private final List<AppliedResult> results = new ArrayList<>();
    private Charter charter;

    /** {@code version} and {@code read} are the mission as read; a new mission's version is 0. */
    Writes(UUID missionId, long version, MissionState read) {
        this.missionId = missionId;
        this.version = version;
        this.next = read;
        this.stored = read.subtasks().stream().map(SubtaskState::id).collect(Collectors.toSet());
    }

    /** A decision's next state and the subtasks it changed or added; a later decision's rows replace an earlier's. */
    void decided(MissionState next, List<SubtaskState> changedOrAdded) {
        this.next = next;
        changedOrAdded.forEach(subtask -> subtasks.put(subtask.id(),
                new Changed(subtask, subtask.updatedAt() == null ? next.updatedAt() : subtask.updatedAt())));
    }

    void relay(Topic topic, String key, SpecificRecord record, String trace) {
        if (!topic.recordClass().isInstance(record)) {
            throw new IllegalArgumentException(topic.topicName() + " carries " + topic.recordClass().getSimpleName()
                    + ", not " + record.getClass().getSimpleName());
        }
        outbox.add(new Relayed(topic.topicName(), key, record.getClass().getName(), Buffer.buffer(AvroBytes.encode(record)), trace));
    }

    /** On the mission's timeline, which is the outbox of missions.events (decision 0055). */
    void announce(MissionEvent event, String trace) {
        events.add(new Announced(event, Buffer.buffer(AvroBytes.encode(event)), trace));
    }

    void deadLetter(UUID subtaskId, int attempt, String reason) {
        deadLetters.add(new DeadLetter(subtaskId, attempt, reason));
    }

    /** An event a decision applies, kept in the inbox so a redelivery finds it. */
    void consumed(String eventId, String topic) {
        consumed.add(new Consumed(eventId, topic));
    }

    void result(AppliedResult result) {
        results.add(result);
    }

    /** For a new mission: what the insert needs besides its state. */
    void charter(Charter charter) {
        this.charter = charter;
    }

    /** The write statement's parameters for the decisions of {@code all}, one Writes per mission. */
    static Tuple tuple(List<Writes> all) {
        List<MissionState> states = all.stream().map(w -> w.next).toList();
        List<Owned<Changed>> subtasks = owned(all, Writes::subtasksInOrder);
        List<Owned<Relayed>> outbox = owned(all, w -> w.outbox);
        List<Owned<Announced>> events = owned(all, w -> w.events);
        List<Owned<DeadLetter>> dead = owned(all, w -> w.deadLetters);
        List<Owned<Consumed>> consumed = owned(all, w -> w.consumed);
        List<Owned<AppliedResult>> results = owned(all, w -> w.results);
        List<Object> p = new ArrayList<>(94);
        p.add(column(all, w -> w.missionId, UUID[]::new));
        p.add(column(all, w -> w.version, Long[]::new));
        p.add(column(states, s -> s.status().name(), String[]::new));
        p.add(column(states, s -> time(s.updatedAt()), OffsetDateTime[]::new));
        p.add(column(states, s -> s.limits().maxTokens(), Long[]::new));
        p.add(column(states, s -> s.limits().maxCostUsd(), Double[]::new));
        p.add(column(states, s -> s.limits().maxWallClockSeconds(), Long[]::new));
        p.add(column(states, s -> s.spent().inputTokens(), Long[]::new));
        p.add(column(states, s -> s.spent().outputTokens(), Long[]::new));
        p.add(column(states, s -> s.spent().cachedTokens(), Long[]::new));
        p.add(column(states, s -> s.spent().costUsd(), Double[]::new));
        p.add(column(states, s -> s.spent().steps(), Integer[]::new));
        p.add(column(states, MissionState::reworkRounds, Integer[]::new));
        p.add(column(states, MissionState::replans, Integer[]::new));
        p.add(column(states, MissionState::replanReason, String[]::new));
        p.add(column(states, MissionState::blockedReason, String[]::new));
        p.add(column(states, MissionState::handoffApproved, Boolean[]::new));
        p.add(column(states, MissionState::planNote, String[]::new));
        p.add(column(states, s -> Json.write(s.result()), String[]::new));
        p.add(column(consumed, Owned::missionId, UUID[]::new));
        p.add(column(consumed, c -> c.row().eventId(), String[]::new));
        p.add(column(consumed, c -> c.row().topic(), String[]::new));
        p.add(column(subtasks, Owned::missionId, UUID[]::new));
        p.add(column(subtasks, s -> s.row().state().id(), UUID[]::new));
        p.add(column(subtasks, s -> s.row().state().position(), Integer[]::new));
        p.add(column(subtasks, s -> s.row().state().key(), String[]::new));
        p.add(column(subtasks, s -> s.row().state().milestone(), String[]::new));
        p.add(column(subtasks, s -> s.row().state().role().name(), String[]::new));
        p.add(column(subtasks, s -> s.row().state().title(), String[]::new));
        p.add(column(subtasks, s -> s.row().state().instructions(), String[]::new));
        p.add(column(subtasks, s -> String.join("\n", s.row().state().criteria()), String[]::new));
        p.add(column(subtasks, s -> String.join(",", s.row().state().dependsOn()), String[]::new));
        p.add(column(subtasks, s -> Json.write(s.row().state().inputs()), String[]::new));
        p.add(column(subtasks, s -> Json.write(s.row().state().artifacts()), String[]::new));
        p.add(column(subtasks, s -> s.row().state().status().name(), String[]::new));
        p.add(column(subtasks, s -> s.row().state().attempt(), Integer[]::new));
        p.add(column(subtasks, s -> s.row().state().provider(), String[]::new));
        p.add(column(subtasks, s -> s.row().state().model(), String[]::new));
        p.add(column(subtasks, s -> time(s.row().state().leaseExpiresAt()), OffsetDateTime[]::new));
        p.add(column(subtasks, s -> time(s.row().state().dueAt()), OffsetDateTime[]::new));
        p.add(column(subtasks, s -> s.row().state().lastError(), String[]::new));
        p.add(column(subtasks, s -> s.row().state().summary(), String[]::new));
        p.add(column(subtasks, s -> s.row().state().spent().inputTokens(), Long[]::new));
        p.add(column(subtasks, s -> s.row().state().spent().outputTokens(), Long[]::new));
        p.add(column(subtasks, s -> s.row().state().spent().cachedTokens(), Long[]::new));
        p.add(column(subtasks, s -> s.row().state().spent().costUsd(), Double[]::new));
        p.add(column(subtasks, s -> s.row().state().spent().steps(), Integer[]::new));
        p.add(column(subtasks, s -> time(s.row().state().lastHeartbeatAt()), OffsetDateTime[]::new));
        p.add(column(subtasks, s -> s.row().state().lastStep(), Integer[]::new));
        p.add(column(subtasks, s -> time(s.row().updatedAt()), OffsetDateTime[]::new));
        p.add(column(outbox, Owned::missionId, UUID[]::new));
        p.add(column(outbox, o -> o.row().topic(), String[]::new));
        p.add(column(outbox, o -> o.row().key(), String[]::new));
        p.add(column(outbox, o -> o.row().recordClass(), String[]::new));
        p.add(column(outbox, o -> o.row().payload(), Buffer[]::new));
        p.add(column(events, Owned::missionId, UUID[]::new));
        p.add(column(events, e -> e.row().event().getMeta().getEventId(), String[]::new));
        p.add(column(events, e -> e.row().event().getType().name(), String[]::new));
        p.add(column(events, e -> e.row().event().getStatus().name(), String[]::new));
        p.add(column(events, e -> e.row().event().getSubtaskId() == null ? null : UUID.fromString(e.row().event().getSubtaskId()),
                UUID[]::new));
        p.add(column(events, e -> e.row().event().getRole() == null ? null : e.row().event().getRole().name(), String[]::new));
        p.add(column(events, e -> e.row().event().getAttempt(), Integer[]::new));
        p.add(column(events, e -> e.row().event().getMessage(), String[]::new));
        p.add(column(events, e -> Json.write(e.row().event().getAttributes()), String[]::new));
        p.add(column(events, e -> time(e.row().event().getMeta().getOccurredAt()), OffsetDateTime[]::new));
        p.add(column(events, e -> e.row().payload(), Buffer[]::new));
        p.add(column(dead, Owned::missionId, UUID[]::new));
        p.add(column(dead, d -> d.row().subtaskId(), UUID[]::new));
        p.add(column(dead, d -> d.row().attempt(), Integer[]::new));
        p.add(column(dead, d -> d.row().reason(), String[]::new));
        p.add(column(results, Owned::missionId, UUID[]::new));
        p.add(column(results, r -> r.row().subtaskId(), UUID[]::new));
        p.add(column(results, r -> r.row().attempt(), Integer[]::new));
        p.add(column(results, r -> r.row().eventId(), String[]::new));
        p.add(column(results, r -> r.row().outcome(), String[]::new));
        p.add(column(results, r -> r.row().droidId(), String[]::new));
        p.add(column(results, r -> r.row().summary(), String[]::new));
        p.add(column(results, r -> r.row().failureReason(), String[]::new));
        p.add(column(results, r -> r.row().stepsJson(), String[]::new));
        p.add(column(outbox, o -> o.row().trace(), String[]::new));
        p.add(column(events, e -> e.row().trace(), String[]::new));
        Charter charter = all.size() == 1 ? all.get(0).charter : null;
        if (charter != null) {
            p.add(charter.goal());
            p.add(charter.title());
            p.add(charter.context());
            p.add(charter.repository());
            p.add(charter.baseBranch());
            p.add(charter.missionBranch());
            p.add(charter.kind().name());
            p.add(charter.source().name());
            p.add(charter.sourceReference());
            p.add(charter.sourceUrl());
            p.add(charter.correlationId());
            p.add(charter.planSource());
            p.add(time(states.get(0).createdAt()));
        }
        return Tuple.from(p);
    }

    /** Subtasks that were stored before these decisions first, then new ones; each once, as the last decision left it. */
    private List<Changed> subtasksInOrder() {
        List<Changed> ordered = new ArrayList<>(subtasks.size());
        subtasks.values().stream().filter(s -> stored.contains(s.state().id())).forEach(ordered::add);
        subtasks.values().stream().filter(s -> !stored.contains(s.state().id())).forEach(ordered::add);
        return ordered;
    }

    private static <T> List<Owned<T>> owned(List<Writes> all, Function<Writes, List<T>> rows) {
        List<Owned<T>> owned = new ArrayList<>();
        for (Writes writes : all) {
            rows.apply(writes).forEach(row -> owned.add(new Owned<>(writes.missionId, row)));
        }
        return owned;
    }

    private static <T, C> C[] column(List<T> rows, Function<T, C> value, IntFunction<C[]> array) {
        C[] column = array.apply(rows.size());
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
