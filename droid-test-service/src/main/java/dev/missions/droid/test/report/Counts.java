package dev.missions.droid.test.report;

/**
 * How many tests ran and how they ended. {@code failed} are assertion failures, {@code errored} tests that threw
 * something else (or, for Go, a package that failed outside any test).
 */
public record Counts(int total, int failed, int errored, int skipped) {

    public static final Counts NONE = new Counts(0, 0, 0, 0);

    public Counts plus(Counts other) {
        return new Counts(total + other.total, failed + other.failed, errored + other.errored, skipped + other.skipped);
    }

    public int passed() {
        return total - failed - errored - skipped;
    }

    public boolean anyFailed() {
        return failed + errored > 0;
    }

    @Override
    public String toString() {
        return total + " tests, " + failed + " failed, " + errored + " errored, " + skipped + " skipped";
    }
}
