package dev.missions.droid.runtime.tools;

import dev.missions.droid.runtime.sandbox.SandboxMeter.Refusal;
import java.util.Optional;

/**
 * A tool call the droid may not or cannot do; {@link WorkspaceTools} turns it into an "error: ..." result. A refusal
 * of the confinement (a command or path it must not touch) names its {@link Refusal}, which the metrics count; a call
 * that merely cannot be done (no such file, a bad regex) names none.
 */
public class ToolRefusal extends RuntimeException {

    private final Refusal reason;

    public ToolRefusal(String message) {
        this(null, message);
    }

    public ToolRefusal(Refusal reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Optional<Refusal> reason() {
        return Optional.ofNullable(reason);
    }
}
