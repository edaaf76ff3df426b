package dev.missions.gateway.outbound;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one Slack message of a mission: where it is, so it can be updated in place and replied to. */
@Entity
@Table(name = "slack_message")
public class SlackMessage extends PanacheEntityBase {

    @Id
    @Column(name = "mission_id")
    public String missionId;
    public String channel;
    public String ts;
    @Column(name = "created_at")
    public Instant createdAt;
}
