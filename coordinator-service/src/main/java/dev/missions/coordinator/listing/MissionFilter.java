package dev.missions.coordinator.listing;

import dev.missions.coordinator.http.ApiError;
import dev.missions.events.MissionStatus;
import dev.missions.events.Source;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The query of GET /missions, checked: every bad parameter is named in one 400. */
public record MissionFilter(MissionStatus status, Source source, String repository, String q, int limit, int offset) {

    public static final int MAX_Q = 200;

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static MissionFilter parse(String status, String source, String repository, String q, String limit, String offset) {
        List<String> problems = new ArrayList<>();
        MissionFilter filter = new MissionFilter(
                constant(MissionStatus.class, "status", status, problems),
                constant(Source.class, "source", source, problems),
                repository == null || repository.isBlank() ? null : repository.strip(),
                text(q, problems),
                number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, problems),
                number("offset", offset, 0, 0, Integer.MAX_VALUE, problems));
        if (!problems.isEmpty()) {
            throw new WebApplicationException(ApiError.response(Response.Status.BAD_REQUEST,
                    "invalid query: " + String.join("; ", problems), problems));
        }
        return filter;
    }

    /** The SQL condition ("" for none) over the mission table, its parameters numbered from $1, in {@link #arguments()}. */
    String where() {
        return where(true);
    }

    /** Without the status: the counts per status are over everything else the filter asks. */
    String whereAnyStatus() {
        return where(false);
    }

    Tuple arguments() {
        return arguments(true);
    }

    Tuple argumentsAnyStatus() {
        return arguments(false);
    }

    private String where(boolean withStatus) {
        List<String> conditions = new ArrayList<>();
        int n = 0;
        for (String name : parameters(withStatus).keySet()) {
            n++;
            conditions.add(name.equals("q")
                    // contains, case-insensitive; served by the trigram indexes on lower(goal) and lower(title)
                    ? "(lower(goal) like $" + n + " escape '!' or lower(title) like $" + n + " escape '!')"
                    : name + " = $" + n);
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private Tuple arguments(boolean withStatus) {
        Tuple tuple = Tuple.tuple();
        parameters(withStatus).values().forEach(tuple::addValue);
        return tuple;
    }

    /** Text columns: enums as their names. */
    private Map<String, Object> parameters(boolean withStatus) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (withStatus && status != null) {
            parameters.put("status", status.name());
        }
        if (source != null) {
            parameters.put("source", source.name());
        }
        if (repository != null) {
            parameters.put("repository", repository);
        }
        if (q != null) {
            parameters.put("q", "%" + q.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        return parameters;
    }

    private static String text(String q, List<String> problems) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.strip().length() > MAX_Q) {
            problems.add("q must be at most " + MAX_Q + " characters");
            return null;
        }
        return q.strip();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(name + " must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")) + ", got '" + value + "'");
            return null;
        }
    }

    private static int number(String name, String value, int fallback, int min, int max, List<String> problems) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max)
                + ", got '" + value + "'");
        return fallback;
    }
}
