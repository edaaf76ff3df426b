package dev.missions.droid.runtime.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a sandboxed process gets: built from an allow-list, never copied from the droid's, which holds
 * model keys, the git token and the broker's login. The sandbox program itself starts with it too: inside the
 * sandbox it is PID 1, and its environment is readable there.
 */
final class SandboxEnvironment {

    /** Harmless variables passed from the droid's environment when set. */
    static final List<String> ALLOWED = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "JAVA_HOME");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private SandboxEnvironment() {
    }

    static Map<String, String> build(String home, Map<String, String> droidEnv, List<String> passEnv,
            Map<String, String> commandEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : ALLOWED) {
            String value = droidEnv.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putIfAbsent("PATH", DEFAULT_PATH);
        env.putIfAbsent("LANG", "C.UTF-8");
        env.put("HOME", home);
        env.put("TMPDIR", "/tmp");
        // the build tools' caches, all under HOME, so one per-role directory keeps them
        env.put("XDG_CACHE_HOME", home + "/.cache");
        env.put("GRADLE_USER_HOME", home + "/.gradle");
        env.put("npm_config_cache", home + "/.npm");
        env.put("GOPATH", home + "/go");
        env.put("GOCACHE", home + "/.cache/go-build");
        env.put("PIP_CACHE_DIR", home + "/.cache/pip");
        for (String name : passEnv) {
            String value = droidEnv.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(commandEnv);
        return env;
    }
}
