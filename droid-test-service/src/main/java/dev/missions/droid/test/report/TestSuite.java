package dev.missions.droid.test.report;

import dev.missions.droid.runtime.sandbox.Sandbox;
import dev.missions.droid.runtime.sandbox.SandboxMeter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The test droid's deterministic heart: detect the workspace's build, run its real tests, read the reports,
 * judge. The reports are the truth about tests; the exit code is the cross-check that catches what no test
 * reports (a compilation error, a failing plugin). Nothing here passes by default.
 */
public final class TestSuite {

    private final TestRunner runner;

    /** A suite that counts nothing. */
    public TestSuite(Sandbox sandbox) {
        this(sandbox, SandboxMeter.NONE);
    }

    /** A suite that reports each test run to {@code meter}. */
    public TestSuite(Sandbox sandbox, SandboxMeter meter) {
        this.runner = new TestRunner(sandbox, meter);
    }

    /** Runs the tests of the repository checked out at {@code workspace}. Never throws for a failing build. */
    public TestReport run(Path workspace, Toolchain toolchain) {
        Optional<Build> detected = BuildDetector.detect(workspace);
        if (detected.isEmpty()) {
            return TestReport.notRun(null, "", "no build found in the workspace; looked for " + BuildDetector.LOOKED_FOR,
                    "", Duration.ZERO);
        }
        Build build = detected.get();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("test-droid-");
        } catch (IOException noTemp) {
            return TestReport.notRun(build, "", "no temporary directory for the run: " + noTemp.getMessage(), "", Duration.ZERO);
        }
        try {
            return run(workspace, toolchain, build, scratch);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private TestReport run(Path workspace, Toolchain toolchain, Build build, Path scratch) {
        List<String> command = build.command(workspace, toolchain, scratch);
        String commandLine = String.join(" ", command);
        Map<Path, FileTime> before = ReportFiles.snapshot(build, workspace, scratch);
        TestRunner.Outcome outcome;
        try {
            outcome = runner.run(command, workspace, toolchain, scratch.resolve("output.log"));
        } catch (InterruptedIOException interrupted) {
            return TestReport.notRun(build, commandLine, interrupted.getMessage(), "", Duration.ZERO);
        } catch (IOException cannotStart) {
            return TestReport.notRun(build, commandLine, "could not run " + build.label() + " tests: `" + command.getFirst()
                    + "` did not start (" + cannotStart.getMessage() + ")", "", Duration.ZERO);
        }
        Collected collected = collect(build, ReportFiles.written(before, ReportFiles.snapshot(build, workspace, scratch)),
                outcome);
        return judge(build, commandLine, collected, outcome);
    }

    /**
     * What the reports of one run say.
     *
     * @param results  the counts and failures read
     * @param reports  how many report files were read (0 also when counts came from a runner's summary)
     * @param problems reports that could not be read, with why
     * @param summary  whether the counts came from a runner's printed summary rather than a report file
     */
    record Collected(Results results, int reports, List<String> problems, boolean summary) {
    }

    static Collected collect(Build build, List<Path> reportFiles, TestRunner.Outcome outcome) {
        Results results = Results.NONE;
        int read = 0;
        List<String> problems = new ArrayList<>();
        if (build == Build.GO) {
            try {
                Results go = GoTestJson.parse(outcome.log());
                return new Collected(go, go.counts().total() > 0 ? 1 : 0, problems, false);
            } catch (ReportException unreadable) {
                problems.add(unreadable.getMessage());
                return new Collected(results, 0, problems, false);
            }
        }
        for (Path file : reportFiles) {
            // npm projects have XML of every kind; only JUnit reports are reports.
            if (build == Build.NPM && !JUnitXmlReports.isJUnitReport(file)) {
                continue;
            }
            try {
                results = results.plus(JUnitXmlReports.parse(file));
                read++;
            } catch (ReportException unreadable) {
                problems.add(unreadable.getMessage());
            }
        }
        if (build == Build.NPM && read == 0) {
            Optional<Counts> printed = RunnerSummary.parse(outcome.tail());
            if (printed.isPresent()) {
                return new Collected(new Results(printed.get(), List.of()), 0, problems, true);
            }
        }
        return new Collected(results, read, problems, false);
    }

    /** The rules: PASSED needs reports, at least one test, no failure and exit code 0. */
    static TestReport judge(Build build, String command, Collected collected, TestRunner.Outcome outcome) {
        Counts counts = collected.results().counts();
        List<Failure> failures = collected.results().failures();
        List<String> notes = new ArrayList<>();
        if (collected.summary()) {
            notes.add("no structured test report found; counts from the test runner's printed summary");
        }
        if (!collected.problems().isEmpty()) {
            notes.add(collected.problems().size() + " report(s) could not be read: " + String.join("; ", collected.problems()));
        }
        boolean found = collected.reports() > 0 || collected.summary();
        Verdict verdict;
        String reason;
        if (outcome.timedOut()) {
            verdict = Verdict.NOT_RUN;
            reason = "the tests did not finish within " + human(outcome.duration()) + "; the process tree was killed"
                    + (counts.total() > 0 ? " (the counts are from the reports written until then)" : "");
        } else if (counts.anyFailed()) {
            verdict = Verdict.FAILED;
            // Maven is told to ignore test failures, so its non-zero exit means something else broke too
            // (a later module's compilation, say) that the failing tests would otherwise hide.
            reason = build == Build.MAVEN && outcome.exitCode() != 0
                    ? "the build also failed outside the tests (exit code " + outcome.exitCode() + "); see the output"
                    : "";
        } else if (cannotRun(build, outcome) != null) {
            verdict = Verdict.NOT_RUN;
            reason = cannotRun(build, outcome);
        } else if (outcome.exitCode() != 0) {
            verdict = Verdict.FAILED;
            reason = "build failed before/outside tests (exit code " + outcome.exitCode() + ")"
                    + (found ? ": the test reports show no failure" : ": no test report was written");
        } else if (!found) {
            verdict = Verdict.NOT_RUN;
            reason = "the build exited 0 but wrote no test report, so no test can be confirmed to have run";
        } else if (counts.total() - counts.skipped() <= 0) {
            verdict = Verdict.NOT_RUN;
            reason = counts.total() == 0 ? "the reports contain no test" : "every test was skipped";
        } else {
            verdict = Verdict.PASSED;
            reason = "";
        }
        if (verdict == Verdict.PASSED && !collected.problems().isEmpty()) {
            // a report we could not read may hold the failure
            verdict = Verdict.FAILED;
        }
        if (!reason.isEmpty()) {
            notes.addFirst(reason);
        }
        return new TestReport(verdict, build, command, counts, failures, String.join("; ", notes), outcome.tail(),
                outcome.duration());
    }

    /**
     * Exits that mean the test runner itself was missing or found nothing to run, rather than a broken build:
     * those are NOT_RUN with what to do, not FAILED (a code droid cannot fix a missing tool).
     */
    static String cannotRun(Build build, TestRunner.Outcome outcome) {
        if (build == Build.PYTEST && outcome.tail().contains("No module named pytest")) {
            return "pytest is not installed for the Python that ran it (" + outcome.exitCode() + "): no test ran";
        }
        if (build == Build.PYTEST && outcome.exitCode() == 5) {
            return "pytest collected no tests (exit code 5)";
        }
        // The shell running a test script says 127 for "command not found": the runner (jest, mocha, ...) is missing,
        // most often because the dependencies are not installed.
        if (outcome.exitCode() == 127) {
            return "a command of the test script was not found (exit code 127); are the dependencies installed?";
        }
        return null;
    }

    private static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis < 10_000 ? millis + " ms" : duration.toSeconds() + " s";
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException leftOver) {
            // a leftover temp directory is no reason to lose the report
        }
    }
}
