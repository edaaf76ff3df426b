package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunnerSummaryTest {

    @Test
    void jest() {
        String out = """
                 FAIL  src/cart.test.js
                  ● cart › totals
                Test Suites: 1 failed, 1 passed, 2 total
                Tests:       1 failed, 1 skipped, 3 passed, 5 total
                Snapshots:   0 total
                """;
        assertEquals(Optional.of(new Counts(5, 1, 0, 1)), RunnerSummary.parse(out));
    }

    @Test
    void vitest() {
        String out = """
                 Test Files  1 failed | 1 passed (2)
                      Tests  2 failed | 7 passed (9)
                """;
        assertEquals(Optional.of(new Counts(9, 2, 0, 0)), RunnerSummary.parse(out));
    }

    @Test
    void mocha() {
        String out = """
                  4 passing (12ms)
                  1 pending
                  2 failing

                  1) cart totals:
                     AssertionError: expected 3 to equal 4
                """;
        assertEquals(Optional.of(new Counts(7, 2, 0, 1)), RunnerSummary.parse(out));
    }

    @Test
    void nodeTestSpecAndTap() {
        assertEquals(Optional.of(new Counts(3, 1, 0, 0)),
                RunnerSummary.parse("ℹ tests 3\nℹ suites 0\nℹ pass 2\nℹ fail 1\nℹ cancelled 0\n"));
        assertEquals(Optional.of(new Counts(2, 0, 0, 1)),
                RunnerSummary.parse("1..2\n# tests 2\n# pass 1\n# fail 0\n# skipped 1\n"));
    }

    @Test
    void noSummaryIsNoCounts() {
        assertEquals(Optional.empty(), RunnerSummary.parse("> echo done\ndone\n"));
    }
}
