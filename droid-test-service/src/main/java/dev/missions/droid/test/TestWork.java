package dev.missions.droid.test;

import dev.missions.droid.runtime.AllowedChanges;
import dev.missions.droid.runtime.Attempt;
import dev.missions.droid.runtime.DroidMetrics;
import dev.missions.droid.runtime.Edits;
import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.droid.runtime.sandbox.Sandbox;
import dev.missions.droid.test.report.Build;
import dev.missions.droid.test.report.TestReport;
import dev.missions.droid.test.report.TestSuite;
import dev.missions.droid.test.report.Toolchain;
import dev.missions.droid.test.report.Verdict;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.schemas.Artifacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The test droid: writes tests when the subtask asks for them, then runs the repository's real build and tests and
 * reports what the reports say. Failing tests are
 * a successful test subtask (its artifacts carry the failures into the next fix round); tests that could not run
 * fail the subtask, saying why, since nothing was proven.
 */
@ApplicationScoped
public class TestWork implements RoleWork {

    /** A subtask that asks for tests to be written gets the model first, then the real run. */
    static final Pattern WRITE_TESTS = Pattern.compile("(?i)\\b(write|add|create)\\b[^.]*\\btests?\\b");
    static final String WRITE_INSTRUCTIONS = """
            Your role: test. Write the tests the instructions ask for, next to the existing ones and in their \
            style (framework, naming, assertions). Read the code under test first. You may run the tests with \
            run_command. Do not change production code. Do not commit: the droid commits your tests, then runs \
            the whole suite and reports the result.
            """;

    private final Toolchain toolchain;
    private final TestSuite suite;

    public TestWork(Sandbox sandbox, @ConfigProperty(name = "missions.test.maven") Optional<String> maven,
            @ConfigProperty(name = "missions.test.gradle") Optional<String> gradle,
            @ConfigProperty(name = "missions.test.timeout", defaultValue = "20m") Duration timeout,
            DroidMetrics metrics) {
        Toolchain tools = Toolchain.defaults().withTimeout(timeout);
        if (maven.isPresent()) {
            tools = tools.withMaven(maven.get());
        }
        if (gradle.isPresent()) {
            tools = tools.withExecutable(Build.GRADLE, gradle.get());
        }
        this.toolchain = tools;
        this.suite = new TestSuite(sandbox, metrics);
    }

    @Override
    public AllowedChanges allowedChanges() {
        return AllowedChanges.only("test paths", AllowedChanges.TEST_PATHS);
    }

    @Override
    public Role role() {
        return Role.TEST;
    }

    @Override
    public WorkResult perform(Attempt attempt) {
        Map<String, String> artifacts = new HashMap<>();
        if (WRITE_TESTS.matcher(attempt.task().getInstructions()).find()) {
            WorkResult written = Edits.make(attempt, WRITE_INSTRUCTIONS);
            if (written.outcome() == Outcome.FAILED) {
                return written;
            }
            artifacts.putAll(written.artifacts());
        }
        TestReport report = suite.run(attempt.workspace().root(), toolchain);
        artifacts.put(Artifacts.TESTS, report.verdict().name());
        artifacts.put(Artifacts.TEST_FAILURES, report.verdict() == Verdict.PASSED ? "" : report.failuresText());
        if (report.verdict() == Verdict.NOT_RUN) {
            return new WorkResult(Outcome.FAILED, report.summary(), "tests not run: " + report.reason(), artifacts,
                    null);
        }
        return WorkResult.succeeded(report.summary() + (report.command().isEmpty() ? "" : " — ran " + report.command()),
                artifacts);
    }
}
