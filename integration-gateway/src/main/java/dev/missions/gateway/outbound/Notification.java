package dev.missions.gateway.outbound;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "mission_id")
    public String missionId;
    @Enumerated(EnumType.STRING)
    public Target target;
    /** The MissionEvent, plain Avro binary. */
    public byte[] payload;
    public int attempts;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "done_at")
    public Instant doneAt;
    @Column(name = "dead_at")
    public Instant deadAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
}
