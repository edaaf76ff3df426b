package dev.missions.droid.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedChangesTest {

    private static final AllowedChanges TESTS = AllowedChanges.only("test paths", AllowedChanges.TEST_PATHS);
    private static final AllowedChanges DOCS = AllowedChanges.only("documentation paths", AllowedChanges.DOC_PATHS);

    @Test
    void testsMayChangeTestsOfEveryBuildToolAndNothingElse() {
        List<String> tests = List.of("src/test/java/shop/ShopTest.java", "module/src/test/resources/data.json",
                "tests/test_shop.py", "test_root.py", "pkg/shop_test.go", "web/src/cart.test.ts", "web/__tests__/a.js",
                "app/src/main/java/shop/ShopIT.java", "conftest.py");
        assertEquals(List.of(), TESTS.refused(tests));
        assertEquals(List.of("src/main/java/shop/Shop.java", "pom.xml", "shop.py", "package.json"),
                TESTS.refused(List.of("src/main/java/shop/Shop.java", "pom.xml", "shop.py", "package.json",
                        "src/test/java/shop/ShopTest.java")));
    }

    @Test
    void docsMayChangeDocumentationAndNothingElse() {
        assertEquals(List.of(), DOCS.refused(List.of("README.md", "CHANGELOG.md", "docs/guide/setup.html",
                "sub/README.adoc", "CHANGELOG", "api/notes.rst")));
        assertEquals(List.of("src/main/java/shop/Shop.java", ".github/workflows/ci.yml", "mvnw"),
                DOCS.refused(List.of("src/main/java/shop/Shop.java", "README.md", ".github/workflows/ci.yml", "mvnw")));
    }

    @Test
    void reviewChangesNothingAndCodeAnything() {
        assertEquals(List.of("README.md"), AllowedChanges.NONE.refused(List.of("README.md")));
        assertFalse(AllowedChanges.NONE.changesFiles());
        assertEquals(List.of(), AllowedChanges.ANY.refused(List.of("anything/at/all", ".github/x")));
        assertTrue(AllowedChanges.ANY.changesFiles());
        assertTrue(DOCS.changesFiles());
    }
}
