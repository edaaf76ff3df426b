package dev.missions.droid.runtime.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How this droid confines repository code.
 *
 * @param home     the sandbox's HOME on the droid's disk: one per role, it holds the build tools' caches
 *                 ({@code ~/.m2}, {@code ~/.npm}, {@code ~/.gradle}, ...) so builds stay fast across attempts
 * @param caches   more cache directories of the droid's disk, each bound read-write at a path under HOME
 *                 (e.g. a shared Maven repository at {@code .m2/repository})
 * @param passEnv  names of the droid's environment variables the operator lets through, beside the allow-list
 * @param readOnly more directories the tools need, visible read-only
 * @param network  whether builds may reach the network (dependency downloads); the pod's NetworkPolicy still applies
 */
public record SandboxSettings(Path home, Map<String, Path> caches, List<String> passEnv, List<Path> readOnly,
        boolean network) {

    public SandboxSettings {
        // bwrap runs in the command's directory, so a relative path would name a different place there
        home = home.toAbsolutePath().normalize();
        caches = caches.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> entry.getValue().toAbsolutePath().normalize()));
        passEnv = List.copyOf(passEnv);
        readOnly = readOnly.stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
        for (String at : caches.keySet()) {
            Path relative = Path.of(at);
            if (relative.isAbsolute() || relative.normalize().startsWith("..")) {
                throw new IllegalArgumentException("a sandbox cache goes under HOME: '" + at + "' is not relative to it");
            }
        }
    }

    public static SandboxSettings at(Path home) {
        return new SandboxSettings(home, Map.of(), List.of(), List.of(), true);
    }

    public SandboxSettings withCache(String underHome, Path dir) {
        var all = new java.util.HashMap<>(caches);
        all.put(underHome, dir);
        return new SandboxSettings(home, all, passEnv, readOnly, network);
    }

    public SandboxSettings withPassEnv(List<String> names) {
        return new SandboxSettings(home, caches, names, readOnly, network);
    }
}
