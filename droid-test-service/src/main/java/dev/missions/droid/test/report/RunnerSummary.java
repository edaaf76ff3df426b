package dev.missions.droid.test.report;

import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts from the closing summary JavaScript test runners print (Jest, Vitest, Mocha, node --test / TAP),
 * for npm projects that write no JUnit XML. Counts only: the failures' details stay in the output tail.
 */
public final class RunnerSummary {

    // Jest: "Tests:       1 failed, 1 skipped, 2 passed, 4 total"
    private static final Pattern JEST = Pattern.compile("(?m)^\\s*Tests:\\s+(.*\\d+ total.*)$");
    // Vitest: "      Tests  1 failed | 2 passed (3)"
    private static final Pattern VITEST = Pattern.compile("(?m)^\\s*Tests\\s+(.*)\\((\\d+)\\)\\s*$");
    // Mocha: "  2 passing (5ms)", "  1 failing", "  1 pending"
    private static final Pattern MOCHA_PASSING = Pattern.compile("(?m)^\\s*(\\d+) passing\\b");
    // node --test (spec reporter "ℹ tests 3", TAP "# tests 3")
    private static final Pattern NODE_TESTS = Pattern.compile("(?m)^\\s*(?:#|ℹ) tests (\\d+)\\s*$");

    private RunnerSummary() {
    }

    public static Optional<Counts> parse(String output) {
        MatchResult jest = last(JEST, output);
        if (jest != null) {
            String line = jest.group(1);
            return Optional.of(new Counts(number(line, "(\\d+) total"), number(line, "(\\d+) failed"), 0,
                    number(line, "(\\d+) skipped") + number(line, "(\\d+) todo")));
        }
        MatchResult vitest = last(VITEST, output);
        if (vitest != null) {
            String line = vitest.group(1);
            return Optional.of(new Counts(Integer.parseInt(vitest.group(2)), number(line, "(\\d+) failed"), 0,
                    number(line, "(\\d+) skipped") + number(line, "(\\d+) todo")));
        }
        MatchResult mocha = last(MOCHA_PASSING, output);
        if (mocha != null) {
            String rest = output.substring(mocha.start());
            int passing = Integer.parseInt(mocha.group(1));
            int failing = number(rest, "(?m)^\\s*(\\d+) failing\\b");
            int pending = number(rest, "(?m)^\\s*(\\d+) pending\\b");
            return Optional.of(new Counts(passing + failing + pending, failing, 0, pending));
        }
        MatchResult node = last(NODE_TESTS, output);
        if (node != null) {
            String rest = output.substring(node.start());
            return Optional.of(new Counts(Integer.parseInt(node.group(1)),
                    number(rest, "(?m)^\\s*(?:#|ℹ) fail (\\d+)\\s*$"), 0,
                    number(rest, "(?m)^\\s*(?:#|ℹ) skipped (\\d+)\\s*$") + number(rest, "(?m)^\\s*(?:#|ℹ) todo (\\d+)\\s*$")));
        }
        return Optional.empty();
    }

    // The last summary is the run's: watch-mode reruns or nested runners print earlier ones.
    private static MatchResult last(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        MatchResult found = null;
        while (matcher.find()) {
            found = matcher.toMatchResult();
        }
        return found;
    }

    private static int number(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
