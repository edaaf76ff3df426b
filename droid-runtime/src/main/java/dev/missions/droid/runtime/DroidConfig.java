package dev.missions.droid.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code missions.droid.*}: how this droid works its tasks. */
@ConfigMapping(prefix = "missions.droid")
public interface DroidConfig {

    /** code, test, review or docs. */
    String role();

    Optional<String> id();

    /** Four beats fit in the coordinator's default 8 s lease, so a missed one or two are no death (decision 0022). */
    @WithDefault("2s")
    Duration heartbeatInterval();

    /** Attempts worked at once by this instance; more tasks wait on the topic. */
    @WithDefault("4")
    int maxConcurrentTasks();

    /** How long a {@code noop}-cast attempt takes: the stub droid of benchmarks and chaos runs. */
    @WithDefault("0s")
    Duration noopDelay();

    /** When longer than {@link #noopDelay()}, each noop attempt takes a random time between the two. */
    Optional<Duration> noopDelayMax();

    /** Where noop droids record each effect they perform, one file per instance (chaos runs count from it). */
    Optional<Path> noopLedgerDir();

    WorkspaceLimits workspace();

    Git git();

    Agent agent();

    /**
     * How repository code is confined: {@code bubblewrap}, or {@code none} on a trusted setup only (it logs a WARN at
     * start). A droid that cannot sandbox refuses to start. See docs/security.md.
     */
    @WithDefault("bubblewrap")
    String sandbox();

    /** The sandbox's HOME, one per role: the build tools' caches live there between attempts. */
    @WithDefault("${java.io.tmpdir}/missions/sandbox/${missions.droid.role}")
    Path sandboxHome();

    /** More caches bound read-write under the sandbox's HOME, each {@code path-under-home=directory}. */
    Optional<List<String>> sandboxCaches();

    /** Names of environment variables let through to repository code, beside PATH, LANG, TZ and JAVA_HOME. */
    Optional<List<String>> sandboxEnv();

    /** More directories visible read-only to repository code (tools outside /usr). */
    Optional<List<Path>> sandboxReadOnly();

    /** Whether repository code may use the network (dependency downloads). */
    @WithDefault("true")
    boolean sandboxNetwork();

    /** Globs of the paths this droid may change, replacing its role's rule (see AllowedChanges). */
    Optional<List<String>> allowedPaths();

    /** Extra values to mask everywhere, beside the keys and tokens found in config and environment. */
    Optional<List<String>> secrets();

    /** Where each attempt's redacted transcript is kept. */
    @WithDefault("${java.io.tmpdir}/missions/transcripts")
    Path transcriptDir();

    interface WorkspaceLimits {
        @WithDefault("${java.io.tmpdir}/missions/workspaces")
        Path dir();

        /** Bytes a workspace may take on disk, clone included. */
        @WithDefault("2147483648")
        long maxBytes();

        @WithDefault("10m")
        Duration commandTimeout();

        @WithDefault("32768")
        int maxOutputBytes();
    }

    interface Git {
        /** HTTPS user for token authentication; GitHub and GitLab accept this one. */
        @WithDefault("x-access-token")
        String username();

        Optional<String> token();

        /** The only hosts the token is sent to, and only over https; any other remote gets no credentials. */
        @WithDefault("github.com,gitlab.com")
        List<String> hosts();
    }

    interface Agent {
        /** Steps when the task sets none. */
        @WithDefault("200")
        int maxSteps();

        /** Tokens per attempt when the task's budget sets none. */
        @WithDefault("2000000")
        long maxTokens();

        /** Characters per request; older steps are compacted beyond this. */
        @WithDefault("200000")
        int maxPromptChars();

        /** A checkpoint commit is pushed every this many steps, so a next attempt resumes close to here. */
        @WithDefault("10")
        int checkpointEvery();
    }
}
