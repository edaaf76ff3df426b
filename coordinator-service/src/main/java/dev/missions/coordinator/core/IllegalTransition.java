package dev.missions.coordinator.core;

/** A move the {@link Transitions} table does not allow: a bug in a decision, never a person's mistake. */
public class IllegalTransition extends IllegalStateException {

    IllegalTransition(String what, Enum<?> from, Enum<?> to) {
        super("a " + what + " cannot move from " + from + " to " + to);
    }
}
