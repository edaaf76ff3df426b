package dev.missions.droid.runtime.sandbox;

import java.nio.file.Path;

/** The real sandbox for tests: bubblewrap, with HOME in the test's own directory. */
public final class TestSandboxes {

    private TestSandboxes() {
    }

    public static Sandbox bubblewrap(Path home) {
        return Bubblewrap.create(SandboxSettings.at(home), System.getenv());
    }
}
