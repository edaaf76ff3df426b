package dev.missions.coordinator.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad input answers 400 with a message a person can act on. */
public class ApiErrorMappers {

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<String> violations = e.getConstraintViolations().stream().map(v -> v.getMessage()).sorted().toList();
        return ApiError.response(Response.Status.BAD_REQUEST, "invalid request: " + String.join("; ", violations), violations);
    }

    // Quarkus maps these two more specific types itself; naming them here makes ours win.
    @ServerExceptionMapper
    public Response unparsable(JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    /** Errors the framework raises without a body (e.g. a body cut short) get one. */
    @ServerExceptionMapper
    public Response bodiless(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        Response.Status status = Response.Status.fromStatusCode(response.getStatus());
        return ApiError.response(status == null ? Response.Status.BAD_REQUEST : status, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String detail = e instanceof InvalidFormatException format
                ? "value '" + format.getValue() + "' is not allowed for " + format.getPathReference()
                : e.getOriginalMessage();
        return ApiError.response(Response.Status.BAD_REQUEST, "malformed JSON: " + detail);
    }
}
