package dev.missions.gateway.http;

import dev.missions.gateway.metrics.DeliveryOutcome;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal is answered with a reason and logged with one line that says why, never with a secret. */
public class RejectionMappers {

    private final DeliveryOutcome outcome;

    RejectionMappers(DeliveryOutcome outcome) {
        this.outcome = outcome;
    }

    @ServerExceptionMapper
    public Response rejected(Rejection rejection, HttpServerRequest request) {
        outcome.refused(rejection.reason());
        Log.warnf("refused %s %s with %d: %s", request.method(), request.path(), rejection.status(), rejection.detail());
        return GatewayError.response(rejection.status(), rejection.getMessage());
    }

    /** Errors the framework raises (wrong method, unknown path, unreadable body) keep their status and get a body. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 400 && status < 500) {
            Log.warnf("refused %s %s with %d: %s", request.method(), request.path(), status, e.getMessage());
        }
        return GatewayError.response(status, e.getMessage());
    }
}
