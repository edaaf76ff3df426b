package dev.missions.gateway.outbound;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "pull_request")
public class PullRequestRow extends PanacheEntityBase {

    @Id
    @Column(name = "mission_id")
    public String missionId;
    public String url;
    @Column(name = "created_at")
    public Instant createdAt;
}
