package dev.missions.schemas;

/**
 * Well-known keys of {@code SubtaskCompleted.artifacts} and {@code SubtaskAssigned.inputs}: what one
 * subtask hands to the coordinator and, through it, to the subtasks after it.
 */
public final class Artifacts {

    /** Review verdict: {@link #APPROVE}, {@link #REQUEST_CHANGES} or {@link #NOT_REVIEWED}. */
    public static final String VERDICT = "verdict";
    public static final String APPROVE = "APPROVE";
    public static final String REQUEST_CHANGES = "REQUEST_CHANGES";
    public static final String NOT_REVIEWED = "NOT_REVIEWED";
    /** Review comments, one {@code file:line: text} per line. */
    public static final String REVIEW_COMMENTS = "reviewComments";

    /** Test run: {@link #PASSED}, {@link #FAILED} or {@link #NOT_RUN}. */
    public static final String TESTS = "tests";
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String NOT_RUN = "NOT_RUN";
    /** Failing tests, one {@code name (location): message} per line. */
    public static final String TEST_FAILURES = "testFailures";

    public static final String DIFF_SUMMARY = "diffSummary";
    /** Commit ids, comma-separated, oldest first. */
    public static final String COMMITS = "commits";
    public static final String FILES_CHANGED = "filesChanged";

    private Artifacts() {
    }
}
