package dev.missions.coordinator.mission;

import dev.missions.coordinator.core.SubtaskStatus;
import dev.missions.events.Role;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import dev.missions.coordinator.budget.Spend;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "subtask")
public class Subtask extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "mission_id")
    public UUID missionId;
    public int position;
    @Column(name = "plan_key")
    public String planKey;
    public String milestone;
    /** Plan keys this subtask waits for, comma-separated. */
    @Column(name = "depends_on")
    public String dependsOn = "";
    /** One criterion per line. */
    @Column(name = "acceptance_criteria")
    public String acceptanceCriteria = "";
    /** JSON object handed to the droid as SubtaskAssigned.inputs. */
    public String inputs;
    /** JSON object of the last successful result's artifacts. */
    public String artifacts;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    /** When a RETRY_WAIT subtask may be dispatched again. */
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "last_error")
    public String lastError;
    /** When the droid working the current attempt last said so, and at which step. */
    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;
    @Column(name = "last_step")
    public Integer lastStep;
    @Enumerated(EnumType.STRING)
    public Role role;
    public String title;
    public String instructions;
    @Enumerated(EnumType.STRING)
    public SubtaskStatus status;
    public int attempt;
    public String provider;
    public String model;
    public String summary;
    @Embedded
    public Spend spend = new Spend();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
