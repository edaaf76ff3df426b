package dev.missions.droid.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EventSamples;
import dev.missions.testsupport.GitRemotes;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.ScriptedModel;
import dev.missions.testsupport.ScriptedModel.Reply;
import dev.missions.testsupport.ScriptedModelResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An attempt is a trace of its own, linked to its dispatch, with a span per model call and per tool call. */
@QuarkusTest
@TestProfile(CodeDroidTracingTest.Traced.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(ScriptedModelResource.class)
class CodeDroidTracingTest {

    /** Every span sampled and exported at once, to memory. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "20ms",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9/");
        }
    }

    static final String CANARY = "canary-5c0ffee5-not-for-eyes";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    InMemorySpanExporter exported;

    @TempDir
    Path dir;

    @Test
    void anAttemptIsATraceLinkedToItsDispatchWithItsModelAndToolCalls() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("README.md", "# shop\n"));
        String model = "traced-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("run_command", "{\"commandLine\":\"make --version\"}"),
                Reply.call("run_command", "{\"commandLine\":\"make " + CANARY + "\"}"),
                Reply.answer("make is there.")));
        SubtaskAssigned task = EventSamples.droidTask(Role.CODE, remote, "scripted", model);
        String dispatchTrace = HexFormat.of().formatHex(random(16));
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task,
                Map.of("traceparent", "00-" + dispatchTrace + "-" + HexFormat.of().formatHex(random(8)) + "-01"));

        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), Duration.ofSeconds(60));
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome(), completed.getSummary());
        SpanData attempt = awaitSpan(s -> s.getName().equals("attempt code")
                && task.getSubtaskId().equals(s.getAttributes().get(AttributeKey.stringKey("missions.subtask_id"))));
        assertNotEquals(dispatchTrace, attempt.getTraceId(), "the attempt is a trace of its own");
        assertFalse(attempt.getParentSpanContext().isValid(), "the attempt's span is its trace's root");
        assertTrue(attempt.getLinks().stream().anyMatch(l -> l.getSpanContext().getTraceId().equals(dispatchTrace)),
                "linked to the dispatch");
        var result = kafka.awaitRawRecord(Topic.RESULTS.topicName(), r -> new String(r.value(), StandardCharsets.ISO_8859_1)
                .contains(task.getSubtaskId()), Duration.ofSeconds(10));
        assertEquals(attempt.getTraceId(), new String(result.headers().lastHeader("traceparent").value(),
                StandardCharsets.UTF_8).split("-")[1], "the result is published in the attempt's trace");

        List<SpanData> chats = spansOf(attempt, s -> s.getName().equals("chat " + model));
        assertEquals(3, chats.size(), "one span per model call");
        SpanData first = chats.get(0);
        assertEquals("scripted", first.getAttributes().get(AttributeKey.stringKey("gen_ai.system")));
        assertEquals(model, first.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")));
        assertEquals(1_200L, first.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")));
        assertEquals(80L, first.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")));
        assertTrue(first.getAttributes().get(AttributeKey.doubleKey("missions.cost_usd")) >= 0);

        List<SpanData> tools = spansOf(attempt, s -> s.getName().equals("execute_tool run_command"));
        assertEquals(2, tools.size(), "one span per tool call");
        SpanData make = tools.stream().filter(s -> s.getAttributes().get(AttributeKey.stringKey("missions.tool.arguments"))
                .contains("make --version")).findFirst().orElseThrow();
        assertEquals(0L, make.getAttributes().get(AttributeKey.longKey("process.exit.code")));
        assertTrue(make.getEndEpochNanos() > make.getStartEpochNanos());

        for (SpanData span : exported.getFinishedSpanItems()) {
            String all = span.getName() + span.getAttributes() + span.getEvents() + span.getStatus();
            assertFalse(all.contains(CANARY), "a secret in span " + span.getName() + ": " + span.getAttributes());
        }
    }

    /** The spans of the attempt's trace that match, in start order. */
    private List<SpanData> spansOf(SpanData attempt, Predicate<SpanData> match) {
        return exported.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(attempt.getTraceId()) && match.test(s))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
    }

    private SpanData awaitSpan(Predicate<SpanData> match) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var found = exported.getFinishedSpanItems().stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such span among " + exported.getFinishedSpanItems().stream().map(SpanData::getName).distinct().toList());
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }
}
