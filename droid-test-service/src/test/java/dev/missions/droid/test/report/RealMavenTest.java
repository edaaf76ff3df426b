package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.testsupport.MavenHome;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real thing: Maven builds a tiny project and runs its JUnit test; three Maven runs in all. */
class RealMavenTest {

    private final TestSuite suite = new TestSuite(TestSandbox.BUBBLEWRAP);
    private final Toolchain toolchain = Toolchain.defaults()
            .withMaven(MavenHome.executable())
            .withJavaHome(Path.of(System.getProperty("java.home")))
            .withTimeout(Duration.ofMinutes(3));

    @Test
    void aFailingTestIsNamedWithItsMessageAndPlaceThenTheFixPasses(@TempDir Path workspace) throws Exception {
        TinyMavenProject.create(workspace, TinyMavenProject.BUGGY_SHOP);

        TestReport red = suite.run(workspace, toolchain);

        assertEquals(Verdict.FAILED, red.verdict(), red.summary() + "\n" + red.outputTail());
        assertEquals(new Counts(2, 1, 0, 0), red.counts());
        assertEquals(1, red.failures().size());
        Failure failure = red.failures().getFirst();
        assertEquals("shop.ShopTest#totalAddsThePrices", failure.test());
        assertEquals("total of 3 and 4 ==> expected: <7> but was: <4>", failure.message());
        int line = TestSuiteTest.lineOf(workspace.resolve("src/test/java/shop/ShopTest.java"), "total of 3 and 4");
        assertEquals("ShopTest.java:" + line, failure.location());
        assertEquals("shop.ShopTest#totalAddsThePrices — total of 3 and 4 ==> expected: <7> but was: <4> (ShopTest.java:"
                + line + ")", red.failuresText());

        TinyMavenProject.writeShop(workspace, TinyMavenProject.FIXED_SHOP);
        TestReport green = suite.run(workspace, toolchain);

        assertEquals(Verdict.PASSED, green.verdict(), green.summary() + "\n" + green.outputTail());
        assertEquals(new Counts(2, 0, 0, 0), green.counts());
        assertEquals("", green.reason());
        assertTrue(green.failures().isEmpty());
    }

    @Test
    void aCompilationErrorFailsTheBuildWithTheCompilersWords(@TempDir Path workspace) throws Exception {
        TinyMavenProject.create(workspace, TinyMavenProject.BROKEN_SHOP);

        TestReport report = suite.run(workspace, toolchain);

        assertEquals(Verdict.FAILED, report.verdict(), report.summary() + "\n" + report.outputTail());
        assertTrue(report.reason().startsWith("build failed before/outside tests"), report.reason());
        assertEquals(Counts.NONE, report.counts(), "no test is claimed");
        assertTrue(report.failures().isEmpty());
        assertTrue(report.outputTail().contains("COMPILATION ERROR"), report.outputTail());
        assertTrue(report.failuresText().contains("Shop.java:[7,"), report.failuresText());
    }
}
