package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judging rules, on made-up outcomes: no process needed to say what each combination means. */
class VerdictRulesTest {

    private static final Failure RED = new Failure("a.BTest#c", "expected: <1> but was: <2>", "", "BTest.java:9");

    private static TestRunner.Outcome exited(int code) {
        return new TestRunner.Outcome(code, false, "[ERROR] boom\n", Path.of("/nonexistent"), Duration.ofSeconds(1));
    }

    private static TestSuite.Collected reports(Counts counts, Failure... failures) {
        return new TestSuite.Collected(new Results(counts, List.of(failures)), 1, List.of(), false);
    }

    private static TestReport judge(TestSuite.Collected collected, TestRunner.Outcome outcome) {
        return TestSuite.judge(Build.MAVEN, "mvn test", collected, outcome);
    }

    @Test
    void passedNeedsReportsATestNoFailureAndExitZero() {
        assertEquals(Verdict.PASSED, judge(reports(new Counts(3, 0, 0, 1)), exited(0)).verdict());
        assertEquals(Verdict.FAILED, judge(reports(new Counts(3, 0, 0, 0)), exited(1)).verdict());
        assertEquals(Verdict.NOT_RUN, judge(reports(new Counts(0, 0, 0, 0)), exited(0)).verdict());
        assertEquals(Verdict.NOT_RUN, judge(reports(new Counts(2, 0, 0, 2)), exited(0)).verdict());
        TestReport noReports = judge(new TestSuite.Collected(Results.NONE, 0, List.of(), false), exited(0));
        assertEquals(Verdict.NOT_RUN, noReports.verdict());
        assertTrue(noReports.reason().contains("no test report"), noReports.reason());
    }

    @Test
    void failingTestsFailWhateverTheExitCode() {
        TestReport report = judge(reports(new Counts(3, 1, 0, 0), RED), exited(0));
        assertEquals(Verdict.FAILED, report.verdict());
        assertEquals(List.of(RED), report.failures());
        assertEquals(Verdict.FAILED, judge(reports(new Counts(3, 0, 1, 0), RED), exited(1)).verdict());
    }

    @Test
    void mavenFailingBeyondItsIgnoredTestFailuresSaysSo() {
        TestReport report = judge(reports(new Counts(3, 1, 0, 0), RED), exited(1));
        assertEquals(Verdict.FAILED, report.verdict());
        assertTrue(report.reason().contains("also failed outside the tests (exit code 1)"), report.reason());
        TestReport npm = TestSuite.judge(Build.NPM, "npm test", reports(new Counts(3, 1, 0, 0), RED), exited(1));
        assertEquals("", npm.reason(), "other builds exit non-zero because of the failing tests");
    }

    @Test
    void aBuildThatFailsOutsideTheTestsFailsAndSaysSo() {
        TestReport report = judge(new TestSuite.Collected(Results.NONE, 0, List.of(), false), exited(1));
        assertEquals(Verdict.FAILED, report.verdict());
        assertTrue(report.reason().startsWith("build failed before/outside tests (exit code 1)"), report.reason());
        assertTrue(report.failuresText().contains("[ERROR] boom"), report.failuresText());
    }

    @Test
    void aMissingTestRunnerIsNotRunNotAFailure() {
        TestSuite.Collected none = new TestSuite.Collected(Results.NONE, 0, List.of(), false);
        TestRunner.Outcome noPytest = new TestRunner.Outcome(1, false, "/usr/bin/python3: No module named pytest\n",
                Path.of("/nonexistent"), Duration.ofSeconds(1));
        TestReport pytest = TestSuite.judge(Build.PYTEST, "python3 -m pytest", none, noPytest);
        assertEquals(Verdict.NOT_RUN, pytest.verdict());
        assertTrue(pytest.reason().startsWith("pytest is not installed"), pytest.reason());

        assertEquals(Verdict.NOT_RUN, TestSuite.judge(Build.PYTEST, "python3 -m pytest", none, exited(5)).verdict());
        TestReport npm = TestSuite.judge(Build.NPM, "npm test", none, exited(127));
        assertEquals(Verdict.NOT_RUN, npm.verdict());
        assertTrue(npm.reason().contains("not found"), npm.reason());
        assertEquals(Verdict.FAILED, TestSuite.judge(Build.NPM, "npm test", none, exited(1)).verdict());
    }

    @Test
    void anUnreadableReportIsNoPass() {
        TestSuite.Collected collected = new TestSuite.Collected(new Results(new Counts(2, 0, 0, 0), List.of()), 1,
                List.of("TEST-x.xml cannot be read as XML: cut short"), false);
        TestReport report = judge(collected, exited(0));
        assertEquals(Verdict.FAILED, report.verdict());
        assertTrue(report.reason().contains("TEST-x.xml"), report.reason());
    }

    @Test
    void aTimeoutIsNotRunEvenWithPartialReports() {
        TestRunner.Outcome killed = new TestRunner.Outcome(-1, true, "", Path.of("/nonexistent"), Duration.ofSeconds(2));
        TestReport report = judge(reports(new Counts(1, 0, 0, 0)), killed);
        assertEquals(Verdict.NOT_RUN, report.verdict());
        assertTrue(report.reason().contains("did not finish"), report.reason());
    }

    @Test
    void aRunnersSummaryCountsButSaysThereWasNoReport() {
        TestSuite.Collected printed = new TestSuite.Collected(new Results(new Counts(4, 0, 0, 0), List.of()), 0, List.of(), true);
        TestReport report = TestSuite.judge(Build.NPM, "npm test", printed, exited(0));
        assertEquals(Verdict.PASSED, report.verdict());
        assertTrue(report.reason().contains("no structured test report"), report.reason());
        TestSuite.Collected red = new TestSuite.Collected(new Results(new Counts(4, 1, 0, 0), List.of()), 0, List.of(), true);
        assertEquals(Verdict.FAILED, TestSuite.judge(Build.NPM, "npm test", red, exited(1)).verdict());
    }
}
