package dev.missions.droid.runtime.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code missions.droid.sandbox=none}, for trusted setups only: the command runs as the droid's user and sees what the
 * droid sees. It still gets the allow-listed environment and the role's HOME, so secrets do not leak by inheritance.
 */
public final class Unconfined implements Sandbox {

    private final SandboxSettings settings;
    private final Map<String, String> droidEnv;

    public Unconfined(SandboxSettings settings, Map<String, String> droidEnv) {
        this.settings = settings;
        this.droidEnv = Map.copyOf(droidEnv);
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Process start(SandboxedCommand command) throws IOException {
        Path home = settings.home().toAbsolutePath();
        Files.createDirectories(home);
        for (var cache : settings.caches().entrySet()) {
            // no mounts without a sandbox: the cache is linked where the tools look for it
            Path link = home.resolve(cache.getKey());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, cache.getValue().toAbsolutePath());
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(command.workDir().toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(SandboxEnvironment.build(home.toString(), droidEnv, settings.passEnv(),
                command.env()));
        return builder.start();
    }
}
