package dev.missions.droid.runtime.sandbox;

import java.util.Locale;

/**
 * What the droid's metrics learn of its sandbox: how each command run ended, and what was refused before anything
 * ran. An interface here, so the tools and the runners report without knowing Micrometer or CDI.
 */
public interface SandboxMeter {

    /** For callers that count nothing: unit tests, tools used outside an attempt. */
    SandboxMeter NONE = new SandboxMeter() {
        @Override
        public void ran(Run run) {
        }

        @Override
        public void refused(Refusal reason) {
        }
    };

    /** A sandboxed command ended, by itself or killed at its timeout. */
    void ran(Run run);

    /** A command or path was refused before anything ran. */
    void refused(Refusal reason);

    /** How a sandboxed command ended; {@link #tag()} is the metric's {@code outcome} label. */
    enum Run {
        EXITED_ZERO, EXITED_NONZERO, TIMED_OUT;

        public static Run of(boolean finished, int exitCode) {
            return !finished ? TIMED_OUT : exitCode == 0 ? EXITED_ZERO : EXITED_NONZERO;
        }

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Why something was refused; {@link #tag()} is the metric's {@code reason} label. A fixed set, so the label never
     * carries the command or path itself.
     */
    enum Refusal {
        /** empty, or an unterminated quote */
        COMMAND_MALFORMED,
        SHELL_METACHARACTER,
        COMMAND_NOT_ALLOWED,
        PATH_INVALID,
        PATH_ABSOLUTE,
        /** a {@code ..} segment */
        PATH_PARENT_SEGMENT,
        PATH_GIT_DIR,
        PATH_OUTSIDE_WORKSPACE,
        PATH_SYMLINK_OUTSIDE,
        PATH_BROKEN_SYMLINK,
        /** the attempt changed files its role may not change: nothing is committed */
        CHANGES_NOT_ALLOWED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
