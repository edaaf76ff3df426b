package dev.missions.droid.test;

import dev.missions.droid.runtime.Attempt;
import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
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
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The test droid: runs the repository's real build and tests and reports what the reports say. Failing tests are
 * a successful test subtask (its artifacts carry the failures into the next fix round); tests that could not run
 * fail the subtask, saying why, since nothing was proven.
 */
@ApplicationScoped
public class TestWork implements RoleWork {

    private final Toolchain toolchain;

    public TestWork(@ConfigProperty(name = "missions.test.maven") Optional<String> maven,
            @ConfigProperty(name = "missions.test.gradle") Optional<String> gradle,
            @ConfigProperty(name = "missions.test.timeout", defaultValue = "20m") Duration timeout) {
        Toolchain tools = Toolchain.defaults().withTimeout(timeout);
        if (maven.isPresent()) {
            tools = tools.withMaven(maven.get());
        }
        if (gradle.isPresent()) {
            tools = tools.withExecutable(Build.GRADLE, gradle.get());
        }
        this.toolchain = tools;
    }

    @Override
    public Role role() {
        return Role.TEST;
    }

    @Override
    public WorkResult perform(Attempt attempt) {
        TestReport report = new TestSuite().run(attempt.workspace().root(), toolchain);
        Map<String, String> artifacts = Map.of(
                Artifacts.TESTS, report.verdict().name(),
                Artifacts.TEST_FAILURES, report.verdict() == Verdict.PASSED ? "" : report.failuresText());
        if (report.verdict() == Verdict.NOT_RUN) {
            return new WorkResult(Outcome.FAILED, report.summary(), "tests not run: " + report.reason(), artifacts,
                    null);
        }
        return WorkResult.succeeded(report.summary() + (report.command().isEmpty() ? "" : " — ran " + report.command()),
                artifacts);
    }
}
