package dev.missions.coordinator.analytics;

import dev.missions.coordinator.http.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/analytics")
public class AnalyticsResource {

    @Inject
    AnalyticsQueries queries;

    @GET
    @Operation(summary = "Durations, outcomes (also per day), usage by role, model and source, retries and dead letters of missions created since")
    public Uni<Analytics> get(@QueryParam("since") String since) {
        return queries.since(parse(since));
    }

    /** An ISO-8601 instant with offset, or a date (midnight UTC); none = all missions. */
    static Instant parse(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(since.strip()).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(since.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new WebApplicationException(ApiError.response(Response.Status.BAD_REQUEST,
                        "since must be an ISO-8601 instant such as 2026-11-24T00:00:00Z or a date such as 2026-11-24, got '"
                                + since + "'"));
            }
        }
    }
}
