package dev.missions.gateway.metrics;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Why the delivery of this request was refused, noted where the code decides it: a status alone does not tell a
 * bad signature from a stale one, nor an ignored event (200) from an accepted one. {@link WebhookTally} reads it.
 */
@RequestScoped
public class DeliveryOutcome {

    private Refusal refusal;

    /** The last note wins: a refusal mapped from an exception comes after anything noted before it was thrown. */
    public void refused(Refusal reason) {
        refusal = reason;
    }

    Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }
}
