package dev.missions.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project root: {@code -Dmissions.home}, else the nearest folder up from here with {@code mvnw}. */
public final class Home {

    private Home() {
    }

    public static Path find() {
        String configured = System.getProperty("missions.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("coordinator-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the missions project root from " + Path.of("").toAbsolutePath()
                + "; run from inside it or pass -Dmissions.home=DIR");
    }
}
