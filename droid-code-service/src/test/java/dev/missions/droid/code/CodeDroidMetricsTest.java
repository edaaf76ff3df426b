package dev.missions.droid.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.droid.runtime.DroidConfig;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EventSamples;
import dev.missions.testsupport.GitRemotes;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.PrometheusText;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.ScriptedModel;
import dev.missions.testsupport.ScriptedModel.Reply;
import dev.missions.testsupport.ScriptedModelResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An attempt shows at /q/metrics: its slot, its wait in the queue, how it ended, its sandboxed run and refusal. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(ScriptedModelResource.class)
class CodeDroidMetricsTest {

    private static final Map<String, String> CODE = Map.of("role", "code");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DroidConfig config;

    @TempDir
    Path dir;

    @Test
    void anAttemptIsCountedWithItsWaitItsOutcomeItsCommandRunAndItsRefusal() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("README.md", "# shop\n"));
        String model = "metrics-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("run_command", "{\"commandLine\":\"make --version\"}"),
                Reply.call("run_command", "{\"commandLine\":\"cat README.md\"}"),
                Reply.answer("make is there.")));
        SubtaskAssigned task = EventSamples.droidTask(Role.CODE, remote, "scripted", model);
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        PrometheusText before = scrape();

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), Duration.ofSeconds(60));
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome(), completed.getSummary());
        assertTrue(ScriptedModel.shared().requests(model).get(1).contains("exit code 0"), "make ran in the sandbox");
        PrometheusText after = scrape();
        assertEquals(config.maxConcurrentTasks(), after.sum("missions_droid_slots", CODE));
        double busy = after.sum("missions_droid_slots_busy", CODE);
        assertTrue(busy >= 0 && busy <= config.maxConcurrentTasks(), "busy " + busy);
        assertEquals(1, delta(before, after, "missions_droid_queue_wait_seconds_count", CODE));
        assertEquals(1, delta(before, after, "missions_droid_attempts_total",
                Map.of("role", "code", "outcome", "succeeded")));
        assertEquals(0, delta(before, after, "missions_droid_attempts_total",
                Map.of("role", "code", "outcome", "failed")));
        assertEquals(1, delta(before, after, "missions_sandbox_runs_total",
                Map.of("role", "code", "outcome", "exited_zero")));
        assertEquals(1, delta(before, after, "missions_sandbox_refusals_total",
                Map.of("role", "code", "reason", "command_not_allowed")));
    }

    private static PrometheusText scrape() {
        return PrometheusText.parse(RestAssured.when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** How much a series grew; a series missing after fails. */
    private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        assertTrue(!after.samples(name, labels).isEmpty(), name + labels + " missing from /q/metrics");
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
