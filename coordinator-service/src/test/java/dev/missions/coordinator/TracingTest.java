package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.missions.coordinator.tracing.Spans;
import dev.missions.events.MissionEvent;
import dev.missions.events.SubtaskAssigned;
import dev.missions.outbox.OutboxRelay;
import dev.missions.schemas.AvroBytes;
import dev.missions.schemas.Topic;
import dev.missions.schemas.serde.MissionsAvroDeserializer;
import dev.missions.testsupport.EmbeddedKafka;
import dev.missions.testsupport.EventSamples;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(TracingTest.Traced.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class TracingTest {

    /**
     * Every span sampled and exported at once, to memory. Tasks wait for their results as long as the test may need: a
     * task sent out again would make the test's answer stale.
     */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "20ms",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9/",
                    "missions.engine.pickup-timeout", "2m", "missions.engine.lease", "2m");
        }
    }

    @Inject
    InMemorySpanExporter exported;

    @Inject
    Pool client;

    @Inject
    OutboxRelay relay;

    final KafkaProbe probe = KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers());

    @Test
    void whatARequestOrAResultCausesIsPublishedInItsTrace() {
        String missionId = Missions.createFeature("Trace what I cause");
        ConsumerRecord<String, byte[]> code = probe.awaitRawRecord(Topic.TASKS_CODE.topicName(), r -> missionId.equals(r.key()), Missions.WAIT);
        String requestTrace = traceId(code);
        SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(requestTrace));
        assertEquals("POST /missions", server.getName());

        // a droid's attempt is a trace of its own: the coordinator applies its result, and dispatches what comes next, in it
        String attemptTrace = HexFormat.of().formatHex(randomBytes(16));
        SubtaskAssigned task = decode(code, SubtaskAssigned.class);
        probe.send(Topic.RESULTS.topicName(), missionId, MissionEngineTest.approving(task),
                Map.of("traceparent", "00-" + attemptTrace + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01"));

        ConsumerRecord<String, byte[]> test = probe.awaitRawRecord(Topic.TASKS_TEST.topicName(), r -> missionId.equals(r.key()), Missions.WAIT);
        assertEquals(attemptTrace, traceId(test), "the next dispatch joins the trace of the result that caused it");
        SpanData applied = awaitSpan(s -> s.getName().equals("apply result") && s.getTraceId().equals(attemptTrace));
        assertEquals(missionId, applied.getAttributes().get(AttributeKey.stringKey(Spans.MISSION_ID)));
        ConsumerRecord<String, byte[]> succeeded = probe.awaitRawRecord(Topic.MISSION_EVENTS.topicName(),
                r -> missionId.equals(r.key()) && decode(r, MissionEvent.class).getType().name().equals("SUBTASK_SUCCEEDED"), Missions.WAIT);
        assertEquals(attemptTrace, traceId(succeeded), "the timeline's events too");
    }

    @Test
    void aRowPublishedLaterByAnyoneKeepsTheTraceOfTheSpanThatWroteIt() {
        String trace = HexFormat.of().formatHex(randomBytes(16));
        String writer = HexFormat.of().formatHex(randomBytes(8));
        MissionEvent event = EventSamples.missionAccepted();
        String key = "traced-" + System.nanoTime();
        // as a crashed instance left it: written, never published
        client.preparedQuery("insert into outbox (topic, message_key, record_class, payload, trace_parent, created_at)"
                        + " values ($1, $2, $3, $4, $5, now())")
                .execute(Tuple.of(Topic.MISSION_EVENTS.topicName(), key, MissionEvent.class.getName(),
                        Buffer.buffer(AvroBytes.encode(event)), "00-" + trace + "-" + writer + "-01"))
                .await().atMost(Duration.ofSeconds(10));
        relay.wake();

        ConsumerRecord<String, byte[]> published = probe.awaitRawRecord(Topic.MISSION_EVENTS.topicName(), r -> key.equals(r.key()), Missions.WAIT);
        assertEquals(trace, traceId(published));
        SpanData send = awaitSpan(s -> s.getKind() == SpanKind.PRODUCER && s.getTraceId().equals(trace));
        assertEquals(writer, send.getParentSpanId(), "the publication is a child of the span that wrote the row");
        assertNotEquals(writer, spanId(published));
    }

    private SpanData awaitSpan(Predicate<SpanData> match) {
        Instant deadline = Instant.now().plus(Missions.WAIT);
        while (Instant.now().isBefore(deadline)) {
            List<SpanData> found = exported.getFinishedSpanItems().stream().filter(match).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Missions.sleep(50);
        }
        throw new AssertionError("no such span among " + exported.getFinishedSpanItems().stream().map(SpanData::getName).distinct().toList());
    }

    private static String traceId(ConsumerRecord<String, byte[]> record) {
        return traceparent(record).split("-")[1];
    }

    private static String spanId(ConsumerRecord<String, byte[]> record) {
        return traceparent(record).split("-")[2];
    }

    private static String traceparent(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("traceparent");
        assertNotNull(header, "a traceparent header on the record of " + record.topic());
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> T decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        try (MissionsAvroDeserializer deserializer = new MissionsAvroDeserializer()) {
            deserializer.configure(Map.of(), false);
            return type.cast(deserializer.deserialize(record.topic(), record.headers(), record.value()));
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros: that is the invalid id
        return bytes;
    }
}
