package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestReportTest {

    private static TestReport failed(List<Failure> failures, String reason, String tail) {
        return new TestReport(Verdict.FAILED, Build.MAVEN, "mvn test", new Counts(failures.size() + 1, failures.size(), 0, 0),
                failures, reason, tail, Duration.ofSeconds(3));
    }

    @Test
    void oneLinePerFailure() {
        TestReport report = failed(List.of(
                new Failure("shop.ShopTest#total", "sum of prices ==> expected: <4> but was: <3>\nsecond line",
                        "org.opentest4j.AssertionFailedError", "ShopTest.java:14"),
                new Failure("shop.ShopTest#tax", "Cannot divide", "java.lang.ArithmeticException", "")), "", "");

        assertEquals("""
                shop.ShopTest#total — sum of prices ==> expected: <4> but was: <3> (ShopTest.java:14)
                shop.ShopTest#tax — ArithmeticException: Cannot divide""", report.failuresText());
        assertEquals("FAILED (Maven): 3 tests, 2 failed, 0 errored, 0 skipped", report.summary());
    }

    @Test
    void theTextIsCappedAndSaysHowManyAreLeftOut() {
        List<Failure> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new Failure("shop.ShopTest#case" + i, "x".repeat(120), "", "ShopTest.java:" + (10 + i)));
        }
        String text = failed(many, "", "").failuresText(1000);

        assertTrue(text.length() <= 1000, "length " + text.length());
        long lines = text.lines().count();
        assertTrue(text.endsWith("… and " + (100 - (lines - 1)) + " more"), text);
        assertTrue(text.startsWith("shop.ShopTest#case0 — "), text);
    }

    @Test
    void aBuildFailureShowsItsErrorLines() {
        String tail = """
                [INFO] Compiling 1 source file
                [ERROR] COMPILATION ERROR :
                [ERROR] /w/src/main/java/shop/Shop.java:[5,20] ';' expected
                [INFO] BUILD FAILURE
                [ERROR] -> [Help 1]
                """;
        String text = failed(List.of(), "build failed before/outside tests (exit code 1)", tail).failuresText();

        assertEquals("""
                build failed before/outside tests (exit code 1)
                [ERROR] COMPILATION ERROR :
                [ERROR] /w/src/main/java/shop/Shop.java:[5,20] ';' expected""", text);
    }
}
