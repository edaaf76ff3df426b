package dev.missions.coordinator.http;

import java.io.IOException;

/**
 * A body read past {@code missions.api.max-body-bytes}; {@link BodyReadLimit} has answered 413 already. An IOException,
 * so that the framework takes the request as ended and writes nothing more.
 */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(String message) {
        super(message);
    }
}
