package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade with real processes: fake build tools written as shell scripts, so each case is fast and exact. */
class TestSuiteTest {

    @TempDir
    Path workspace;
    @TempDir
    Path tools;

    private final TestSuite suite = new TestSuite(TestSandbox.BUBBLEWRAP);

    @Test
    void noBuildIsNotRun() {
        TestReport report = suite.run(workspace, Toolchain.defaults());

        assertEquals(Verdict.NOT_RUN, report.verdict());
        assertTrue(report.reason().startsWith("no build found"), report.reason());
    }

    @Test
    void aMissingMavenIsNotRun() throws Exception {
        Files.writeString(workspace.resolve("pom.xml"), "<project/>");
        TestReport report = suite.run(workspace, Toolchain.defaults().withMaven(tools.resolve("no-such/bin/mvn").toString()));

        assertEquals(Verdict.NOT_RUN, report.verdict());
        assertTrue(report.reason().contains("did not start"), report.reason());
        assertTrue(report.reason().contains("no-such/bin/mvn"), report.reason());
    }

    @Test
    void aTimeoutKillsTheWholeProcessTreeAndIsNotRun() throws Exception {
        Files.writeString(workspace.resolve("pom.xml"), "<project/>");
        // A build that forks a child (like Maven forks the test JVM) and hangs.
        Path maven = script("mvn", """
                sleep 3017 &
                echo started
                wait
                """);

        long start = System.nanoTime();
        TestReport report = suite.run(workspace, Toolchain.defaults().withMaven(maven.toString()).withTimeout(Duration.ofSeconds(2)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Verdict.NOT_RUN, report.verdict());
        assertTrue(report.reason().contains("did not finish"), report.reason());
        assertTrue(report.outputTail().contains("started"), report.outputTail());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
        assertFalse(aliveAfterAWhile("3017"), "the build's child process survived the timeout");
    }

    @Test
    void reportsOfThisRunAreTheTruthAndOldOnesAreIgnored() throws Exception {
        Files.writeString(workspace.resolve("pom.xml"), "<project/>");
        Path reports = Files.createDirectories(workspace.resolve("target/surefire-reports"));
        Files.writeString(reports.resolve("TEST-old.OldTest.xml"), """
                <testsuite><testcase classname="old.OldTest" name="stale"><failure message="from last week"/></testcase></testsuite>
                """);
        Files.setLastModifiedTime(reports.resolve("TEST-old.OldTest.xml"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L));
        // Like Maven told to ignore test failures: the report says FAILED, the exit code does not.
        Path maven = script("mvn", """
                echo "JAVA_HOME=$JAVA_HOME args=$*"
                cat > target/surefire-reports/TEST-shop.ShopTest.xml <<'XML'
                <testsuite name="shop.ShopTest">
                  <testcase classname="shop.ShopTest" name="total"><failure message="sum ==&gt; expected: &lt;4&gt; but was: &lt;3&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: sum
                	at shop.ShopTest.total(ShopTest.java:12)</failure></testcase>
                  <testcase classname="shop.ShopTest" name="empty"/>
                </testsuite>
                XML
                exit 0
                """);
        Path javaHome = Path.of(System.getProperty("java.home"));

        TestReport report = suite.run(workspace, Toolchain.defaults().withMaven(maven.toString()));

        assertEquals(Verdict.FAILED, report.verdict());
        assertEquals(new Counts(2, 1, 0, 0), report.counts(), "the stale report of last week is not counted");
        assertEquals("shop.ShopTest#total — sum ==> expected: <4> but was: <3> (ShopTest.java:12)", report.failuresText());
        assertTrue(report.outputTail().contains("JAVA_HOME=" + javaHome), report.outputTail());
        assertTrue(report.outputTail().contains(" test"), "runs the test phase: " + report.outputTail());

        // The same build writing nothing this time: the old reports do not make it a pass or a failure.
        Files.writeString(maven, "#!/bin/sh\necho nothing to do\n");
        TestReport silent = suite.run(workspace, Toolchain.defaults().withMaven(maven.toString()));
        assertEquals(Verdict.NOT_RUN, silent.verdict(), silent.summary());
    }

    @Test
    void theOutputKeepsItsTailWithinTheCap() throws Exception {
        Files.writeString(workspace.resolve("pom.xml"), "<project/>");
        Path maven = script("mvn", "i=0; while [ $i -lt 20000 ]; do echo \"line $i\"; i=$((i+1)); done; exit 3\n");

        TestReport report = suite.run(workspace, Toolchain.defaults().withMaven(maven.toString()).withMaxOutputBytes(4096));

        assertEquals(Verdict.FAILED, report.verdict());
        assertTrue(report.reason().contains("exit code 3"), report.reason());
        assertTrue(report.outputTail().length() < 4096 + 100, "tail of " + report.outputTail().length());
        assertTrue(report.outputTail().endsWith("line 19999\n"), report.outputTail());
        assertTrue(report.outputTail().startsWith("["), "says that output was cut: " + report.outputTail().lines().findFirst());
    }

    @Test
    void realPytestRunFindsTheFailureInTheTestModule() throws Exception {
        assumeTool("python3", "-m", "pytest", "--version");
        Files.createDirectories(workspace.resolve("tests"));
        Files.writeString(workspace.resolve("shop.py"), "def total(prices):\n    return sum(prices) - 1\n");
        Files.writeString(workspace.resolve("tests/__init__.py"), "");
        Files.writeString(workspace.resolve("tests/test_shop.py"), """
                from shop import total


                def test_empty():
                    assert total([]) == -1


                def test_total():
                    assert total([1, 2]) == 3, "sum of prices"
                """);
        Files.writeString(workspace.resolve("conftest.py"), "");

        // the sandbox shows a Python outside /usr only by its absolute path (its home is then bound read-only)
        TestReport report = suite.run(workspace, Toolchain.defaults().withTimeout(Duration.ofSeconds(60))
                .withExecutable(Build.PYTEST, realPython()));

        assertEquals(Verdict.FAILED, report.verdict(), report.summary() + "\n" + report.outputTail());
        assertEquals(new Counts(2, 1, 0, 0), report.counts());
        Failure failure = report.failures().getFirst();
        assertEquals("tests.test_shop#test_total", failure.test());
        assertTrue(failure.message().contains("sum of prices"), failure.message());
        assertEquals("tests/test_shop.py:" + lineOf(workspace.resolve("tests/test_shop.py"), "assert total([1, 2])"),
                failure.location());
        assertFalse(Files.exists(workspace.resolve(".pytest_cache")), "the run leaves no cache in the workspace");
    }

    @Test
    void realNpmRunWithAndWithoutAJUnitReport() throws Exception {
        assumeTool("npm", "--version");
        Files.createDirectories(workspace.resolve("test"));
        Files.writeString(workspace.resolve("test/shop.test.js"), """
                const test = require('node:test');
                const assert = require('node:assert');
                test('adds', () => {
                  assert.strictEqual(1 + 1, 3, 'sum is wrong');
                });
                test('ok', () => {});
                """);
        Files.writeString(workspace.resolve("package.json"), """
                {"name": "shop", "version": "1.0.0", "scripts": {"test": "node --test --test-reporter=junit --test-reporter-destination=junit.xml"}}
                """);

        TestReport withReport = suite.run(workspace, Toolchain.defaults().withTimeout(Duration.ofSeconds(60)));

        assertEquals(Verdict.FAILED, withReport.verdict(), withReport.summary() + "\n" + withReport.outputTail());
        assertEquals(2, withReport.counts().total());
        assertEquals(1, withReport.failures().size());
        assertEquals("shop.test.js:" + lineOf(workspace.resolve("test/shop.test.js"), "assert.strictEqual"),
                withReport.failures().getFirst().location());

        Files.writeString(workspace.resolve("package.json"), "{\"name\": \"shop\", \"scripts\": {\"test\": \"node --test\"}}");
        TestReport printed = suite.run(workspace, Toolchain.defaults().withTimeout(Duration.ofSeconds(60)));

        assertEquals(Verdict.FAILED, printed.verdict(), printed.summary() + "\n" + printed.outputTail());
        assertEquals(new Counts(2, 1, 0, 0), printed.counts());
        assertTrue(printed.reason().contains("no structured test report"), printed.reason());
    }

    static int lineOf(Path file, String text) throws Exception {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private Path script(String name, String body) throws Exception {
        Path file = tools.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    // by its argument: inside the sandbox's PID namespace the child has a pid of its own
    private static boolean aliveAfterAWhile(String argument) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            List<ProcessHandle> alive = ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(argument)).toList();
            if (alive.isEmpty()) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static String realPython() throws Exception {
        Process probe = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        return new String(probe.getInputStream().readAllBytes()).strip();
    }

    private static void assumeTool(String... command) {
        boolean present;
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            present = probe.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (Exception absent) {
            present = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, String.join(" ", command) + " is not available here");
    }
}
