package dev.missions.droid.runtime.sandbox;

/** The sandbox cannot run here; the message says what to install or configure. */
public final class SandboxUnavailableException extends RuntimeException {

    public SandboxUnavailableException(String message) {
        super(message);
    }
}
