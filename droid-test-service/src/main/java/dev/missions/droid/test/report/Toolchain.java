package dev.missions.droid.test.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the build tools live and how long a run may take. Deployments and tests say where Maven is with
 * {@link #withExecutable}; a workspace's own {@code mvnw}/{@code gradlew} still wins when it is executable.
 *
 * @param executables    the command for each build, a name on the PATH or an absolute path
 * @param javaHome       the JDK the child build runs on (its JAVA_HOME)
 * @param timeout        how long the whole test run may take before its process tree is killed
 * @param maxOutputBytes how much of the end of the build's output is kept for the report
 */
public record Toolchain(Map<Build, String> executables, Path javaHome, Duration timeout, int maxOutputBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;

    public Toolchain {
        Map<Build, String> all = new EnumMap<>(Build.class);
        all.putAll(DEFAULTS);
        all.putAll(executables);
        executables = Map.copyOf(all);
        Objects.requireNonNull(javaHome, "javaHome");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxOutputBytes < 1024) {
            throw new IllegalArgumentException("maxOutputBytes must be at least 1024: " + maxOutputBytes);
        }
    }

    private static final Map<Build, String> DEFAULTS = Map.of(
            Build.MAVEN, "mvn",
            Build.GRADLE, "gradle",
            Build.NPM, "npm",
            Build.PYTEST, "python3",
            Build.GO, "go");

    /** Tools from the PATH, the JDK this JVM runs on, a 20 minute timeout and the last 64 KB of output. */
    public static Toolchain defaults() {
        return new Toolchain(Map.of(), Path.of(System.getProperty("java.home")), DEFAULT_TIMEOUT,
                DEFAULT_MAX_OUTPUT_BYTES);
    }

    public String executable(Build build) {
        return executables.get(build);
    }

    public Toolchain withExecutable(Build build, String executable) {
        Map<Build, String> changed = new EnumMap<>(executables);
        changed.put(build, executable);
        return new Toolchain(changed, javaHome, timeout, maxOutputBytes);
    }

    public Toolchain withMaven(String executable) {
        return withExecutable(Build.MAVEN, executable);
    }

    public Toolchain withJavaHome(Path javaHome) {
        return new Toolchain(executables, javaHome, timeout, maxOutputBytes);
    }

    public Toolchain withTimeout(Duration timeout) {
        return new Toolchain(executables, javaHome, timeout, maxOutputBytes);
    }

    public Toolchain withMaxOutputBytes(int maxOutputBytes) {
        return new Toolchain(executables, javaHome, timeout, maxOutputBytes);
    }
}
