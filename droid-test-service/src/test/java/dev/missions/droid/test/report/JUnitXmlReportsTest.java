package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlReportsTest {

    static Path resource(String name) {
        try {
            return Path.of(JUnitXmlReportsTest.class.getResource("/report/" + name).toURI());
        } catch (URISyntaxException | NullPointerException missing) {
            throw new IllegalStateException("test resource /report/" + name + " missing", missing);
        }
    }

    @Test
    void surefireReportGivesCountsAndEachFailureWithItsPlaceInTheTest() throws Exception {
        Results results = JUnitXmlReports.parse(resource("surefire/TEST-com.shop.CartTest.xml"));

        assertEquals(new Counts(4, 1, 1, 1), results.counts());
        List<Failure> failures = results.failures();
        assertEquals(2, failures.size());
        Failure assertion = failures.get(0);
        assertEquals("com.shop.CartTest#totalIncludesTax", assertion.test());
        assertEquals("expected: <12.10> but was: <11.00>", assertion.message());
        assertEquals("org.opentest4j.AssertionFailedError", assertion.type());
        assertEquals("CartTest.java:27", assertion.location(), "the test's frame, not the assertion library's");
        Failure error = failures.get(1);
        assertEquals("com.shop.CartTest#emptyCartHasNoDiscount", error.test());
        assertEquals("java.lang.NullPointerException", error.type());
        // The first frame in the test class (a nested class counts), not the production code that threw.
        assertEquals("CartTest.java:35", error.location());
        assertTrue(error.oneLine(300).startsWith("com.shop.CartTest#emptyCartHasNoDiscount — NullPointerException: Cannot invoke"),
                error.oneLine(300));
    }

    @Test
    void gradleReportWithModulePrefixedFrames() throws Exception {
        Results results = JUnitXmlReports.parse(resource("gradle/TEST-com.shop.PriceTest.xml"));

        assertEquals(new Counts(3, 1, 0, 0), results.counts());
        Failure failure = results.failures().getFirst();
        assertEquals("com.shop.PriceTest#roundsHalfUp()", failure.test());
        assertTrue(failure.message().contains("expected: <1.05> but was: <1.04>"), failure.message());
        assertEquals("PriceTest.kt:18", failure.location());
    }

    @Test
    void pytestJunitXmlLocatesTheTestModuleFrame() throws Exception {
        Results results = JUnitXmlReports.parse(resource("pytest/junit.xml"));

        assertEquals(new Counts(5, 2, 1, 1), results.counts());
        List<String> tests = results.failures().stream().map(Failure::test).toList();
        assertEquals(List.of("tests.test_shop#test_total_applies_discount", "tests.test_shop.TestCoupons#test_coupon_code",
                "tests.test_db#test_connects"), tests);
        assertEquals("tests/test_shop.py:12", results.failures().get(0).location());
        assertTrue(results.failures().get(0).message().startsWith("assert 90 == 81"));
        assertEquals("tests/test_shop.py:26", results.failures().get(1).location(),
                "the frame in the test module, not the library it called");
        assertEquals("", results.failures().get(2).location(), "a fixture error has no frame in the test module");
    }

    @Test
    void externalEntitiesAreRefusedAndNothingIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-7731");
        Path report = dir.resolve("TEST-evil.xml");
        Files.writeString(report, """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY leak SYSTEM "%s">]>
                <testsuite name="evil" tests="1" failures="1">
                  <testcase classname="evil.EvilTest" name="leaks"><failure message="&leak;">&leak;</failure></testcase>
                </testsuite>
                """.formatted(secret.toUri()));

        ReportException refused = assertThrows(ReportException.class, () -> JUnitXmlReports.parse(report));
        assertFalse(refused.getMessage().contains("TOP-SECRET"), refused.getMessage());
        assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
        assertFalse(JUnitXmlReports.isJUnitReport(report));
    }

    @Test
    void entityExpansionBombIsRefused(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("TEST-bomb.xml");
        Files.writeString(report, """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <testsuite><testcase classname="a.B" name="c"><failure message="&lol2;"/></testcase></testsuite>
                """);

        assertThrows(ReportException.class, () -> JUnitXmlReports.parse(report));
    }

    @Test
    void otherXmlIsNoReport(@TempDir Path dir) throws Exception {
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, "<project><modelVersion>4.0.0</modelVersion></project>");
        Path broken = dir.resolve("TEST-cut.xml");
        Files.writeString(broken, "<testsuite><testcase classname=\"a.B\" name=\"c\">");

        assertFalse(JUnitXmlReports.isJUnitReport(pom));
        assertThrows(ReportException.class, () -> JUnitXmlReports.parse(pom));
        assertThrows(ReportException.class, () -> JUnitXmlReports.parse(broken), "a report cut short by a crash");
    }
}
