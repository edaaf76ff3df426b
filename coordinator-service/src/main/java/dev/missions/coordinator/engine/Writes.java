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
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.avro.specific.SpecificRecord;

/** The rows of one decision, gathered in order, as the parameters of {@link MissionStore}'s one write statement. */
final class Writes {

    private record Relayed(String topic, String key, String recordClass, Buffer payload) {
    }

    private record DeadLetter(UUID subtaskId, int attempt, String reason) {
    }

    private final UUID missionId;
    private final long version;
    private final MissionState next;
    private final List<SubtaskState> subtasks = new ArrayList<>();
    private final List<Relayed> outbox = new ArrayList<>();
    private final List<MissionEvent> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private String eventId;
    private String topic;
    private AppliedResult result;
    private Charter charter;

    /** {@code version} is the one the read saw; a new mission's is 0. */
    Writes(UUID missionId, long version, MissionState next) {
        this.missionId = missionId;
        this.version = version;
        this.next = next;
    }

    /** Changed subtasks first, then added ones. */
    void subtasks(List<SubtaskState> changedThenAdded) {
        subtasks.addAll(changedThenAdded);
    }

    void relay(Topic topic, String key, SpecificRecord record) {
        if (!topic.recordClass().isInstance(record)) {
            throw new IllegalArgumentException(topic.topicName() + " carries " + topic.recordClass().getSimpleName()
                    + ", not " + record.getClass().getSimpleName());
        }
        outbox.add(new Relayed(topic.topicName(), key, record.getClass().getName(), Buffer.buffer(AvroBytes.encode(record))));
    }

    /** On missions.events and on the mission's timeline. */
    void announce(MissionEvent event) {
        relay(Topic.MISSION_EVENTS, missionId.toString(), event);
        events.add(event);
    }

    void deadLetter(UUID subtaskId, int attempt, String reason) {
        deadLetters.add(new DeadLetter(subtaskId, attempt, reason));
    }

    /** The event this decision applies, kept in the inbox so a redelivery finds it. */
    void consumed(String eventId, String topic) {
        this.eventId = eventId;
        this.topic = topic;
    }

    void result(AppliedResult result) {
        this.result = result;
    }

    /** For a new mission: what the insert needs besides its state. */
    void charter(Charter charter) {
        this.charter = charter;
    }

    Tuple tuple() {
        List<Object> p = new ArrayList<>(85);
        p.add(next.status().name());
        p.add(time(next.updatedAt()));
        p.add(next.limits().maxTokens());
        p.add(next.limits().maxCostUsd());
        p.add(next.limits().maxWallClockSeconds());
        p.add(next.spent().inputTokens());
        p.add(next.spent().outputTokens());
        p.add(next.spent().cachedTokens());
        p.add(next.spent().costUsd());
        p.add(next.spent().steps());
        p.add(next.reworkRounds());
        p.add(next.replans());
        p.add(next.replanReason());
        p.add(next.blockedReason());
        p.add(next.handoffApproved());
        p.add(next.planNote());
        p.add(Json.write(next.result()));
        p.add(missionId);
        p.add(version);
        p.add(eventId);
        p.add(topic);
        p.add(column(subtasks, SubtaskState::id, UUID[]::new));
        p.add(column(subtasks, SubtaskState::position, Integer[]::new));
        p.add(column(subtasks, SubtaskState::key, String[]::new));
        p.add(column(subtasks, SubtaskState::milestone, String[]::new));
        p.add(column(subtasks, s -> s.role().name(), String[]::new));
        p.add(column(subtasks, SubtaskState::title, String[]::new));
        p.add(column(subtasks, SubtaskState::instructions, String[]::new));
        p.add(column(subtasks, s -> String.join("\n", s.criteria()), String[]::new));
        p.add(column(subtasks, s -> String.join(",", s.dependsOn()), String[]::new));
        p.add(column(subtasks, s -> Json.write(s.inputs()), String[]::new));
        p.add(column(subtasks, s -> Json.write(s.artifacts()), String[]::new));
        p.add(column(subtasks, s -> s.status().name(), String[]::new));
        p.add(column(subtasks, SubtaskState::attempt, Integer[]::new));
        p.add(column(subtasks, SubtaskState::provider, String[]::new));
        p.add(column(subtasks, SubtaskState::model, String[]::new));
        p.add(column(subtasks, s -> time(s.leaseExpiresAt()), OffsetDateTime[]::new));
        p.add(column(subtasks, s -> time(s.dueAt()), OffsetDateTime[]::new));
        p.add(column(subtasks, SubtaskState::lastError, String[]::new));
        p.add(column(subtasks, SubtaskState::summary, String[]::new));
        p.add(column(subtasks, s -> s.spent().inputTokens(), Long[]::new));
        p.add(column(subtasks, s -> s.spent().outputTokens(), Long[]::new));
        p.add(column(subtasks, s -> s.spent().cachedTokens(), Long[]::new));
        p.add(column(subtasks, s -> s.spent().costUsd(), Double[]::new));
        p.add(column(subtasks, s -> s.spent().steps(), Integer[]::new));
        p.add(column(subtasks, s -> time(s.lastHeartbeatAt()), OffsetDateTime[]::new));
        p.add(column(subtasks, SubtaskState::lastStep, Integer[]::new));
        p.add(column(subtasks, s -> time(s.updatedAt() == null ? next.updatedAt() : s.updatedAt()), OffsetDateTime[]::new));
        p.add(column(outbox, Relayed::topic, String[]::new));
        p.add(column(outbox, Relayed::key, String[]::new));
        p.add(column(outbox, Relayed::recordClass, String[]::new));
        p.add(column(outbox, Relayed::payload, Buffer[]::new));
        p.add(column(events, e -> e.getMeta().getEventId(), String[]::new));
        p.add(column(events, e -> e.getType().name(), String[]::new));
        p.add(column(events, e -> e.getStatus().name(), String[]::new));
        p.add(column(events, e -> e.getSubtaskId() == null ? null : UUID.fromString(e.getSubtaskId()), UUID[]::new));
        p.add(column(events, e -> e.getRole() == null ? null : e.getRole().name(), String[]::new));
        p.add(column(events, MissionEvent::getAttempt, Integer[]::new));
        p.add(column(events, MissionEvent::getMessage, String[]::new));
        p.add(column(events, e -> Json.write(e.getAttributes()), String[]::new));
        p.add(column(events, e -> time(e.getMeta().getOccurredAt()), OffsetDateTime[]::new));
        p.add(column(deadLetters, DeadLetter::subtaskId, UUID[]::new));
        p.add(column(deadLetters, DeadLetter::attempt, Integer[]::new));
        p.add(column(deadLetters, DeadLetter::reason, String[]::new));
        p.add(result == null ? null : result.subtaskId());
        p.add(result == null ? null : result.attempt());
        p.add(result == null ? null : result.eventId());
        p.add(result == null ? null : result.outcome());
        p.add(result == null ? null : result.droidId());
        p.add(result == null ? null : result.summary());
        p.add(result == null ? null : result.failureReason());
        p.add(result == null ? null : result.stepsJson());
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
            p.add(time(next.createdAt()));
        }
        return Tuple.from(p);
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
