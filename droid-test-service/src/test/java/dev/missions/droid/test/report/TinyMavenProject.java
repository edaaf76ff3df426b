package dev.missions.droid.test.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-class Maven project with one JUnit test, written by the test. Its plugin and JUnit versions are the ones
 * the missions build itself uses, so everything it needs is already in the local repository and it builds offline.
 */
final class TinyMavenProject {

    static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>example</groupId>
              <artifactId>shop</artifactId>
              <version>1.0</version>
              <properties>
                <maven.compiler.release>21</maven.compiler.release>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
              </properties>
              <dependencies>
                <dependency>
                  <groupId>org.junit.jupiter</groupId>
                  <artifactId>junit-jupiter</artifactId>
                  <version>6.0.3</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                  <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
                  <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
                </plugins>
              </build>
            </project>
            """;

    static final String SHOP_TEST = """
            package shop;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import java.util.List;
            import org.junit.jupiter.api.Test;

            class ShopTest {

                @Test
                void totalAddsThePrices() {
                    assertEquals(7, Shop.total(List.of(3, 4)), "total of 3 and 4");
                }

                @Test
                void emptyCartCostsNothing() {
                    assertEquals(0, Shop.total(List.of()));
                }
            }
            """;

    static final String BUGGY_SHOP = shop("prices.stream().mapToInt(Integer::intValue).max().orElse(0)");
    static final String FIXED_SHOP = shop("prices.stream().mapToInt(Integer::intValue).sum()");
    static final String BROKEN_SHOP = shop("prices.stream().mapToInt(Integer::intValue).sum() +");

    private TinyMavenProject() {
    }

    private static String shop(String totalExpression) {
        return """
                package shop;

                import java.util.List;

                public final class Shop {
                    public static int total(List<Integer> prices) {
                        return %s;
                    }
                }
                """.formatted(totalExpression);
    }

    static Path create(Path root, String shop) throws IOException {
        Files.writeString(root.resolve("pom.xml"), POM);
        Files.writeString(Files.createDirectories(root.resolve("src/test/java/shop")).resolve("ShopTest.java"), SHOP_TEST);
        writeShop(root, shop);
        return root;
    }

    static void writeShop(Path root, String shop) throws IOException {
        Files.writeString(Files.createDirectories(root.resolve("src/main/java/shop")).resolve("Shop.java"), shop);
    }
}
