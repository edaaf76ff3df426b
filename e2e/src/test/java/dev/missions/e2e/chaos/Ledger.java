package dev.missions.e2e.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The effects the stub droids performed, read from their ledger files (one per droid instance). */
final class Ledger {

    /** One performed effect: {@code missionId subtaskId attempt droidId}. */
    record Effect(String missionId, String subtaskId, int attempt, String droidId) {
    }

    private Ledger() {
    }

    static List<Effect> read(Path dir) throws IOException {
        List<Effect> effects = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return effects;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ledger")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] parts = line.strip().split(" ");
                    // a droid killed mid-write may leave a torn last line: its effect was never acknowledged
                    if (parts.length == 4) {
                        effects.add(new Effect(parts[0], parts[1], Integer.parseInt(parts[2]), parts[3]));
                    }
                }
            }
        }
        return effects;
    }
}
