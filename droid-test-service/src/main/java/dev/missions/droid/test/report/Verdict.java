package dev.missions.droid.test.report;

/** The outcome of a test run. There is no default: a run that proves nothing is NOT_RUN, never PASSED. */
public enum Verdict {
    /** Reports were found, at least one test ran, none failed and the build exited 0. */
    PASSED,
    /** A test failed or errored, or the build failed (compilation, a plugin) where no test could say so. */
    FAILED,
    /** The tests could not run or could not be confirmed to have run; the report's reason says why. */
    NOT_RUN
}
