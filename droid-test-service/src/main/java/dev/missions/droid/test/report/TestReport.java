package dev.missions.droid.test.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of running a workspace's tests.
 *
 * @param verdict    PASSED, FAILED or NOT_RUN; see {@link Verdict}
 * @param build      the build that ran, null when none was found
 * @param command    the command line that ran, empty when none did
 * @param counts     what the reports counted (for npm without a report: the runner's summary)
 * @param failures   the failing tests, in report order
 * @param reason     why NOT_RUN, or what else went wrong (build failure, unreadable reports); empty when nothing did
 * @param outputTail the end of the build's output
 * @param duration   how long the command ran
 */
public record TestReport(Verdict verdict, Build build, String command, Counts counts, List<Failure> failures,
        String reason, String outputTail, Duration duration) {

    /** Enough for a handful of failures with their messages, small enough for an event and a prompt. */
    public static final int DEFAULT_TEXT_LIMIT = 4000;
    private static final int MAX_MESSAGE_IN_TEXT = 300;
    private static final int TAIL_LINES_IN_TEXT = 30;

    public TestReport {
        command = command == null ? "" : command;
        counts = counts == null ? Counts.NONE : counts;
        failures = failures == null ? List.of() : List.copyOf(failures);
        reason = reason == null ? "" : reason;
        outputTail = outputTail == null ? "" : outputTail;
        duration = duration == null ? Duration.ZERO : duration;
    }

    static TestReport notRun(Build build, String command, String reason, String outputTail, Duration duration) {
        return new TestReport(Verdict.NOT_RUN, build, command, Counts.NONE, List.of(), reason, outputTail, duration);
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /** One line for a result summary: "FAILED (Maven): 3 tests, 1 failed, 0 errored, 0 skipped". */
    public String summary() {
        StringBuilder text = new StringBuilder(verdict.name());
        if (build != null) {
            text.append(" (").append(build.label()).append(')');
        }
        if (verdict != Verdict.NOT_RUN || counts.total() > 0) {
            text.append(": ").append(counts);
        }
        if (!reason.isEmpty()) {
            text.append(verdict == Verdict.NOT_RUN && counts.total() == 0 ? ": " : "; ").append(reason);
        }
        return text.toString();
    }

    /** {@link #failuresText(int)} at {@link #DEFAULT_TEXT_LIMIT}. */
    public String failuresText() {
        return failuresText(DEFAULT_TEXT_LIMIT);
    }

    /**
     * The failures as compact text for the coordinator and the next code subtask: one line per failing test,
     * {@code test — message (location)}. When the build failed where no test could report it, the reason and
     * the error lines of the output instead, since that is what the fix needs. At most {@code maxChars}.
     */
    public String failuresText(int maxChars) {
        List<String> lines = new ArrayList<>();
        for (Failure failure : failures) {
            lines.add(failure.oneLine(MAX_MESSAGE_IN_TEXT));
        }
        if (failures.isEmpty() && verdict != Verdict.PASSED) {
            if (!reason.isEmpty()) {
                lines.add(reason);
            }
            lines.addAll(errorLines(outputTail));
        } else if (!reason.isEmpty()) {
            lines.add(reason);
        }
        return capped(lines, maxChars);
    }

    private static String capped(List<String> lines, int maxChars) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String more = "… and " + (lines.size() - i) + " more";
            int room = maxChars - text.length() - (text.isEmpty() ? 0 : 1);
            boolean last = i == lines.size() - 1;
            if (line.length() > room || (!last && line.length() + 1 + more.length() > room)) {
                if (text.isEmpty()) {
                    return Failure.cut(line, maxChars);
                }
                if (text.length() + 1 + more.length() <= maxChars) {
                    text.append('\n').append(more);
                }
                return text.toString();
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
        }
        return text.toString();
    }

    // A compiler or plugin error is said in lines that say "error"; without any, the last lines are the best guess.
    static List<String> errorLines(String tail) {
        List<String> all = tail.lines().map(String::stripTrailing).filter(line -> !line.isBlank()).toList();
        List<String> errors = all.stream()
                .filter(line -> line.toLowerCase(Locale.ROOT).contains("error"))
                .filter(line -> !line.contains("-> [Help 1]") && !line.contains("re-run Maven")
                        && !line.contains("full stack trace") && !line.contains("Re-run Maven")
                        && !line.contains("http://cwiki.apache.org") && !line.matches("\\[ERROR\\]\\s*"))
                .distinct()
                .limit(TAIL_LINES_IN_TEXT)
                .toList();
        return errors.isEmpty() ? all.subList(Math.max(0, all.size() - TAIL_LINES_IN_TEXT), all.size()) : errors;
    }
}
