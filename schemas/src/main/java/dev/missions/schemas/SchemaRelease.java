package dev.missions.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Releases the current schemas: each record that differs from its latest released version is
 * written as the next {@code avro-history/<Record>/v<n>.avsc}. Run after a compatible change:
 * {@code ./mvnw -q -pl schemas clean compile exec:java}.
 */
public final class SchemaRelease {

    private SchemaRelease() {
    }

    public static void main(String[] args) throws IOException {
        Path history = Path.of(args.length > 0 ? args[0] : "src/main/resources/" + SchemaCatalog.HISTORY_ROOT);
        for (Schema current : java.util.Arrays.stream(Topic.values()).map(Topic::schema).distinct().toList()) {
            List<Schema> released = releasedIn(history.resolve(current.getName()));
            String form = SchemaNormalization.toParsingForm(current);
            if (!released.isEmpty() && SchemaNormalization.toParsingForm(released.getLast()).equals(form)) {
                continue;
            }
            List<String> problems = CompatibilityCheck.problems(current, released);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(current.getFullName() + " is not compatible:\n  " + String.join("\n  ", problems));
            }
            Path file = history.resolve(current.getName()).resolve("v" + (released.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + "\n");
            System.out.println("released " + file);
        }
    }

    /** From the source folder, not the classpath: a stale build output must not decide what is released. */
    private static List<Schema> releasedIn(Path folder) throws IOException {
        List<Schema> versions = new java.util.ArrayList<>();
        for (int version = 1; Files.isRegularFile(folder.resolve("v" + version + ".avsc")); version++) {
            versions.add(new Schema.Parser().parse(Files.readString(folder.resolve("v" + version + ".avsc"))));
        }
        return versions;
    }
}
