package dev.missions.droid.runtime.workspace;

/** A workspace would grow past its disk quota. */
public class QuotaExceededException extends WorkspaceException {

    public QuotaExceededException(String message) {
        super(message);
    }
}
