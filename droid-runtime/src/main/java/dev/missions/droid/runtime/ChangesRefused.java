package dev.missions.droid.runtime;

import java.util.List;

/** The attempt changed files its role may not change: nothing is committed and the attempt fails, naming them. */
public final class ChangesRefused extends RuntimeException {

    private final List<String> paths;

    ChangesRefused(String role, AllowedChanges allowed, List<String> paths) {
        super("the " + role + " role may change " + allowed.what() + "; refused to commit " + paths.size()
                + " file(s): " + String.join(", ", paths));
        this.paths = List.copyOf(paths);
    }

    public List<String> paths() {
        return paths;
    }
}
