package dev.missions.droid.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoTestJsonTest {

    @Test
    void eventsGiveCountsFailuresAndLocations() throws Exception {
        Results results = GoTestJson.parse(JUnitXmlReportsTest.resource("go/test.json"));

        // TestTotal fail, TestFormat pass, TestShipping skip, TestParse/empty pass, TestParse/negative fail
        // (TestParse itself only carries its subtest's failure), package billing did not build.
        assertEquals(new Counts(6, 2, 1, 1), results.counts());
        List<Failure> failures = results.failures();
        assertEquals(List.of("example.com/shop#TestTotal", "example.com/shop#TestParse/negative", "example.com/shop/billing"),
                failures.stream().map(Failure::test).toList());
        assertEquals("Total([1 2]) = 3, want 4", failures.get(0).message());
        assertEquals("shop_test.go:14", failures.get(0).location());
        assertEquals("Parse(\"-1\") error = nil, want an error", failures.get(1).message());
        assertEquals("parse_test.go:22", failures.get(1).location());
        assertEquals("FAIL\texample.com/shop/billing [build failed]", failures.get(2).message());
    }

    @Test
    void aParentThatFailsOnItsOwnIsReported() {
        Results results = GoTestJson.parse(List.of(
                "{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"TestA\"}",
                "{\"Action\":\"pass\",\"Package\":\"p\",\"Test\":\"TestA/x\"}",
                "{\"Action\":\"output\",\"Package\":\"p\",\"Test\":\"TestA\",\"Output\":\"    a_test.go:9: cleanup failed\\n\"}",
                "{\"Action\":\"fail\",\"Package\":\"p\",\"Test\":\"TestA\"}",
                "{\"Action\":\"fail\",\"Package\":\"p\"}",
                "not json at all {"));

        assertEquals(new Counts(2, 1, 0, 0), results.counts());
        assertEquals("p#TestA", results.failures().getFirst().test());
        assertEquals("a_test.go:9", results.failures().getFirst().location());
    }
}
