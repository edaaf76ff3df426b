package dev.missions.coordinator.core;

import dev.missions.events.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A subtask as the decision core sees it. Immutable; {@link #toBuilder()} is how a decision changes one. */
public record SubtaskState(UUID id, int position, String key, String milestone, Role role, String title, String instructions,
        List<String> criteria, List<String> dependsOn, Map<String, String> inputs, Map<String, String> artifacts,
        SubtaskStatus status, int attempt, String provider, String model, Instant leaseExpiresAt, Instant dueAt,
        String lastError, String summary, Spent spent, Instant lastHeartbeatAt, Integer lastStep, Instant updatedAt) {

    public SubtaskState {
        criteria = List.copyOf(criteria);
        dependsOn = List.copyOf(dependsOn);
        inputs = OrderedMaps.copy(inputs);
        artifacts = OrderedMaps.copy(artifacts);
        spent = spent == null ? Spent.NOTHING : spent;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A working copy; {@link Draft} moves its status through the table. */
    public static final class Builder {
        public UUID id;
        public int position;
        public String key;
        public String milestone;
        public Role role;
        public String title;
        public String instructions;
        public List<String> criteria = List.of();
        public List<String> dependsOn = List.of();
        public Map<String, String> inputs = Map.of();
        public Map<String, String> artifacts = Map.of();
        SubtaskStatus status = SubtaskStatus.PENDING;
        public int attempt = 1;
        public String provider;
        public String model;
        public Instant leaseExpiresAt;
        public Instant dueAt;
        public String lastError;
        public String summary;
        public Spent spent = Spent.NOTHING;
        public Instant lastHeartbeatAt;
        public Integer lastStep;
        public Instant updatedAt;

        public Builder() {
        }

        private Builder(SubtaskState s) {
            id = s.id;
            position = s.position;
            key = s.key;
            milestone = s.milestone;
            role = s.role;
            title = s.title;
            instructions = s.instructions;
            criteria = s.criteria;
            dependsOn = s.dependsOn;
            inputs = s.inputs;
            artifacts = s.artifacts;
            status = s.status;
            attempt = s.attempt;
            provider = s.provider;
            model = s.model;
            leaseExpiresAt = s.leaseExpiresAt;
            dueAt = s.dueAt;
            lastError = s.lastError;
            summary = s.summary;
            spent = s.spent;
            lastHeartbeatAt = s.lastHeartbeatAt;
            lastStep = s.lastStep;
            updatedAt = s.updatedAt;
        }

        public SubtaskStatus status() {
            return status;
        }

        /** Sets the status a stored row has; a decision moves it with {@link Draft#move} instead. */
        public Builder stored(SubtaskStatus stored) {
            status = stored;
            return this;
        }

        public SubtaskState build() {
            return new SubtaskState(id, position, key, milestone, role, title, instructions, criteria, dependsOn, inputs,
                    artifacts, status, attempt, provider, model, leaseExpiresAt, dueAt, lastError, summary, spent,
                    lastHeartbeatAt, lastStep, updatedAt);
        }
    }
}
