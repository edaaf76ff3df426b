package dev.missions.coordinator.timeline;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One announced event as stored; read back through {@link Timeline}. */
@Entity
@Table(name = "mission_event")
public class TimelineRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "mission_id")
    public UUID missionId;
    @Column(name = "event_id")
    public String eventId;
    public String type;
    public String status;
    @Column(name = "subtask_id")
    public UUID subtaskId;
    public String role;
    public Integer attempt;
    public String message;
    /** JSON object of string values, null when empty. */
    public String attributes;
    @Column(name = "occurred_at")
    public Instant occurredAt;
}
