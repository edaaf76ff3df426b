package dev.missions.droid.test.report;

import dev.missions.droid.runtime.sandbox.Bubblewrap;
import dev.missions.droid.runtime.sandbox.Sandbox;
import dev.missions.droid.runtime.sandbox.SandboxSettings;
import java.nio.file.Path;

/** The test droid's tests run builds in the real sandbox, on this machine's Maven repository as the cache. */
final class TestSandbox {

    static final Sandbox BUBBLEWRAP = Bubblewrap.create(SandboxSettings.at(Path.of("target", "sandbox-home").toAbsolutePath())
            .withCache(".m2/repository", Path.of(System.getProperty("user.home"), ".m2", "repository")), System.getenv());

    private TestSandbox() {
    }
}
