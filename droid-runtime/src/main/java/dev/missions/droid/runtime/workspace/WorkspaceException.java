package dev.missions.droid.runtime.workspace;

/**
 * A workspace operation failed. Never carries the underlying JGit exception as its cause, since those messages may
 * hold credentials; the message is already redacted.
 */
public class WorkspaceException extends RuntimeException {

    public WorkspaceException(String message) {
        super(message, null, false, false);
    }
}
