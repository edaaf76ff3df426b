package dev.missions.droid.runtime.agent;

import dev.missions.events.AttemptStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An attempt's steps as people see them in Mission Control: each heartbeat takes the steps made since the one
 * before, so the page follows the attempt live, and the result carries the latest ones again, so a lost heartbeat
 * leaves no gap. Written by the agent loop, read by the heartbeat clock, hence synchronized.
 */
public final class StepLog {

    /** Steps the result carries: enough for any attempt people read step by step, far below a record's size limit. */
    static final int KEPT = 100;
    /** How much of a reply, a call's arguments and its output a step keeps: a summary, not the transcript. */
    static final int TEXT = 300;
    static final int ARGUMENTS = 200;
    static final int OUTPUT = 300;

    private final Deque<AttemptStep> latest = new ArrayDeque<>();
    private final List<AttemptStep> unsent = new ArrayList<>();

    public synchronized void add(AttemptStep step) {
        latest.addLast(step);
        if (latest.size() > KEPT) {
            latest.removeFirst();
        }
        unsent.add(step);
        if (unsent.size() > KEPT) {
            unsent.removeFirst();
        }
    }

    /** The steps not yet taken, oldest first; taking them empties the list. */
    public synchronized List<AttemptStep> takeUnsent() {
        List<AttemptStep> taken = List.copyOf(unsent);
        unsent.clear();
        return taken;
    }

    /** The latest steps, oldest first. */
    public synchronized List<AttemptStep> latest() {
        return List.copyOf(latest);
    }

    /** The start of {@code text} on one line: a summary must read at a glance. */
    static String summary(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
