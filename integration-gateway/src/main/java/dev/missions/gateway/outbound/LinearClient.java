package dev.missions.gateway.outbound;

import dev.missions.gateway.GatewayConfig;
import io.smallrye.graphql.client.GraphQLClientException;
import io.smallrye.graphql.client.GraphQLError;
import io.smallrye.graphql.client.InvalidResponseException;
import io.smallrye.graphql.client.vertx.typesafe.VertxTypesafeGraphQLClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls Linear through {@link LinearApi}, built once from the gateway's config (endpoint, and the API key in
 * {@code Authorization} as Linear wants a personal key: without "Bearer"). Whatever goes wrong becomes a
 * {@link RetryLater}, so the notifier's backoff and dead-lettering apply as to every other target.
 */
@ApplicationScoped
public class LinearClient {

    private static final Pattern HTTP_STATUS = Pattern.compile("Code=(\\d{3})");

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private volatile LinearApi api;

    @PreDestroy
    void close() {
        if (api != null) {
            try {
                api.close();
            } catch (Exception e) {
                // closing on shutdown: nothing left to tell
            }
        }
    }

    /** Runs one call; {@code what} names it in the error a person reads on a dead notification. */
    <T> T call(String what, Function<LinearApi, T> call) {
        try {
            return call.apply(api());
        } catch (GraphQLClientException e) {
            throw new RetryLater("Linear refused " + what + ": " + describe(e), null);
        } catch (InvalidResponseException e) {
            Matcher status = HTTP_STATUS.matcher(String.valueOf(e.getMessage()));
            throw new RetryLater("Linear answered " + what + (status.find() ? " with HTTP " + status.group(1) : " with no GraphQL answer"),
                    null);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            cause = cause.getCause() == null ? cause : cause.getCause();
            throw new RetryLater("cannot reach Linear for " + what + ": " + cause.getClass().getSimpleName(), null);
        }
    }

    private LinearApi api() {
        LinearApi built = api;
        if (built == null) {
            synchronized (this) {
                if (api == null) {
                    GatewayConfig.Outbound outbound = config.outbound();
                    // a call that stalls fails after the idle timeout, as the plain HTTP calls do after theirs
                    WebClientOptions options = new WebClientOptions().setConnectTimeout(3_000).setIdleTimeout(10);
                    api = new VertxTypesafeGraphQLClientBuilder()
                            .vertx(vertx)
                            .options(options)
                            .endpoint(outbound.linearApiUrl())
                            .header("Authorization", outbound.linearApiKey().orElseThrow())
                            .build(LinearApi.class);
                }
                built = api;
            }
        }
        return built;
    }

    /** The errors' messages and codes, e.g. {@code Entity not found [INVALID_INPUT]}; never a header. */
    static String describe(GraphQLClientException e) {
        StringBuilder text = new StringBuilder();
        for (GraphQLError error : e.getErrors()) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(error.getMessage() == null ? "an error" : error.getMessage());
            if (error.getCode() != null) {
                text.append(" [").append(error.getCode()).append(']');
            }
        }
        return text.isEmpty() ? "errors" : text.toString();
    }
}
