package dev.missions.droid.test.report;

import dev.missions.testsupport.MavenHome;
import java.util.Map;

/** The tiny Maven project and the Maven to build it with, for tests outside this package. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String maven() {
        return MavenHome.executable();
    }

    /** The project's files, with the bug in Shop or without it. */
    public static Map<String, String> tinyMavenProject(boolean fixed) {
        return Map.of("pom.xml", TinyMavenProject.POM,
                "src/test/java/shop/ShopTest.java", TinyMavenProject.SHOP_TEST,
                "src/main/java/shop/Shop.java", fixed ? TinyMavenProject.FIXED_SHOP : TinyMavenProject.BUGGY_SHOP);
    }
}
