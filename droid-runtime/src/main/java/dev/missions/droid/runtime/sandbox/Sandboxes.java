package dev.missions.droid.runtime.sandbox;

import dev.missions.droid.runtime.DroidConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Makes this droid's {@link Sandbox} from {@code missions.droid.sandbox*}, and proves it works before any task. */
@ApplicationScoped
public class Sandboxes {

    private static final Logger LOG = Logger.getLogger(Sandboxes.class);

    @Produces
    @Singleton
    Sandbox sandbox(DroidConfig config) {
        SandboxSettings settings = settings(config);
        return switch (config.sandbox()) {
            case "bubblewrap" -> Bubblewrap.create(settings, System.getenv());
            case "none" -> new Unconfined(settings, System.getenv());
            default -> throw new SandboxUnavailableException("missions.droid.sandbox is '" + config.sandbox()
                    + "'; it must be bubblewrap, or none on a trusted setup");
        };
    }

    // fail closed at start, not at the first task: a droid that cannot sandbox takes no work
    void check(@Observes StartupEvent started, Sandbox sandbox) {
        if (sandbox instanceof Unconfined) {
            LOG.warn("missions.droid.sandbox=none: repository code runs unconfined as this droid's user and can read "
                    + "its files; use this on trusted setups only");
        } else {
            LOG.infof("repository code runs in the %s sandbox", sandbox.name());
        }
    }

    public static SandboxSettings settings(DroidConfig config) {
        return new SandboxSettings(config.sandboxHome(), caches(config.sandboxCaches().orElse(List.of())),
                config.sandboxEnv().orElse(List.of()), config.sandboxReadOnly().orElse(List.of()),
                config.sandboxNetwork());
    }

    static Map<String, Path> caches(List<String> entries) {
        Map<String, Path> caches = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new SandboxUnavailableException("missions.droid.sandbox-caches entry '" + entry
                        + "' must be path-under-home=directory, e.g. .m2/repository=/var/cache/m2");
            }
            caches.put(entry.substring(0, eq).strip(), Path.of(entry.substring(eq + 1).strip()));
        }
        return caches;
    }
}
