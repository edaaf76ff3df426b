package dev.missions.coordinator.mission;

import dev.missions.events.MissionKind;
import dev.missions.events.MissionStatus;
import dev.missions.events.Source;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import dev.missions.coordinator.budget.Limits;
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
@Table(name = "mission")
public class Mission extends PanacheEntityBase {

    @Id
    public UUID id;
    public String goal;
    public String title;
    public String context;
    public String repository;
    @Column(name = "base_branch")
    public String baseBranch;
    @Column(name = "mission_branch")
    public String missionBranch;
    @Enumerated(EnumType.STRING)
    public MissionKind kind;
    @Enumerated(EnumType.STRING)
    public MissionStatus status;
    @Enumerated(EnumType.STRING)
    public Source source;
    @Column(name = "source_reference")
    public String sourceReference;
    @Column(name = "source_url")
    public String sourceUrl;
    @Column(name = "correlation_id")
    public String correlationId;
    @Column(name = "plan_source")
    public String planSource;
    @Column(name = "plan_note")
    public String planNote;
    @Column(name = "rework_rounds")
    public int reworkRounds;
    /** Re-plans used so far; bounded by missions.engine.max-replans. */
    public int replans;
    /** Why a re-plan is due; set while the mission is PLANNING, cleared when the new plan is in. */
    @Column(name = "replan_reason")
    public String replanReason;
    @Column(name = "blocked_reason")
    public String blockedReason;
    /** JSON of what the mission delivered (branch, commits, tests, verdict, usage), set when it succeeds. */
    public String result;
    @Column(name = "handoff_approved")
    public boolean handoffApproved;
    @Embedded
    public Limits limits = new Limits();
    @Embedded
    public Spend spend = new Spend();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** After this status a mission changes no more. */
    public static boolean isFinal(MissionStatus status) {
        return status == MissionStatus.SUCCEEDED || status == MissionStatus.FAILED || status == MissionStatus.CANCELLED;
    }
}
