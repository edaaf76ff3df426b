package dev.missions.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * The gateway's own meters, as docs/observability.md names them. Every label value is an enum constant, never text
 * from a request, so the number of series stays small and no secret or payload can end up in one.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void webhookAccepted(Provider provider) {
        webhook(provider, "accepted", "none");
    }

    public void webhookRefused(Provider provider, Refusal reason) {
        webhook(provider, "refused", reason.label());
    }

    /** One try of a notification to {@code target}: an enum constant, the notifier's fixed set of targets. */
    public void notification(Enum<?> target, NotificationOutcome outcome) {
        notifications(target, outcome).increment();
    }

    /** Each target's counters at 0 from the start, so a deployment that never notified still shows them (and rates work). */
    public void notificationsTo(Enum<?>[] targets) {
        for (Enum<?> target : targets) {
            for (NotificationOutcome outcome : NotificationOutcome.values()) {
                notifications(target, outcome);
            }
        }
    }

    private Counter notifications(Enum<?> target, NotificationOutcome outcome) {
        return Counter.builder("missions.notifications")
                .description("Outbound notifications (Slack, Linear, pull requests) by target and how each try ended")
                .tag("target", label(target))
                .tag("outcome", label(outcome))
                .register(registry);
    }

    private void webhook(Provider provider, String outcome, String reason) {
        Counter.builder("missions.webhooks")
                .description("Inbound webhook deliveries, accepted or refused and why")
                .tag("provider", provider.label())
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
