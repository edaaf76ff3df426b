package dev.missions.coordinator.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dashboard reaches the coordinator only through its public API, so it could be served apart: no class of it uses another package of the coordinator. */
class ArchitectureTest {

    static final Path UI = Path.of("src/main/java/dev/missions/coordinator/ui");
    // imports and fully qualified names alike
    static final Pattern COORDINATOR = Pattern.compile("\\bdev\\.missions\\.coordinator\\.(\\w+)");

    @Test
    void theUiUsesNoOtherPackageOfTheCoordinator() throws Exception {
        assertTrue(Files.isDirectory(UI), "run from the module: " + UI.toAbsolutePath());
        List<String> offences = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(UI)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertFalse(sources.isEmpty(), "no sources under " + UI);
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = COORDINATOR.matcher(lines.get(i));
                while (matcher.find()) {
                    if (!matcher.group(1).equals("ui")) {
                        offences.add(source.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertTrue(offences.isEmpty(), "the UI must use only the API: " + offences);
    }

    @Test
    void theCheckFindsAnOffence() {
        assertTrue(COORDINATOR.matcher("import dev.missions.coordinator.api.MissionView;").find());
        Matcher own = COORDINATOR.matcher("package dev.missions.coordinator.ui;");
        assertTrue(own.find() && own.group(1).equals("ui"));
    }
}
