package dev.missions.gateway.metrics;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts each delivery once, as its answer leaves: the one place every answer passes, whether a webhook returned it,
 * a refusal was mapped to it or the body-size filter sent it before any webhook ran.
 */
public class WebhookTally {

    private final GatewayMetrics metrics;
    private final DeliveryOutcome outcome;

    WebhookTally(GatewayMetrics metrics, DeliveryOutcome outcome) {
        this.metrics = metrics;
        this.outcome = outcome;
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        Provider.at(request.getUriInfo().getPath()).ifPresent(provider -> refusal(response.getStatus()).ifPresentOrElse(
                reason -> metrics.webhookRefused(provider, reason),
                () -> metrics.webhookAccepted(provider)));
    }

    private Optional<Refusal> refusal(int status) {
        if (status >= 500) {
            return Optional.of(Refusal.ERROR);
        }
        Optional<Refusal> noted = outcome.refusal();
        if (noted.isPresent() || status < 400) {
            return noted;
        }
        // nothing noted: the size filter's 413, or the framework's own refusals (wrong method, unreadable body)
        return Optional.of(status == 413 ? Refusal.TOO_LARGE : Refusal.MALFORMED);
    }
}
