package dev.missions.droid.runtime.tools;

/** A tool call the droid may not or cannot do; {@link WorkspaceTools} turns it into an "error: ..." result. */
public class ToolRefusal extends RuntimeException {

    public ToolRefusal(String message) {
        super(message, null, false, false);
    }
}
