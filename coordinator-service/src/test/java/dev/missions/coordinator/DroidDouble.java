package dev.missions.coordinator;

import dev.missions.events.MissionEvent;
import dev.missions.events.Outcome;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import dev.missions.schemas.serde.MissionsAvroDeserializer;
import dev.missions.testsupport.EmbeddedKafka;
import dev.missions.testsupport.KafkaProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Droids of every role as one test double on the real topics: each mission gets a script that
 * answers its tasks, and everything the coordinator publishes for it is recorded.
 */
final class DroidDouble {

    private static DroidDouble shared;

    /** One double per test JVM: scripts are per mission, so tests never see each other's tasks. */
    static synchronized DroidDouble shared() {
        if (shared == null) {
            shared = new DroidDouble();
        }
        return shared;
    }

    /** The results to publish for a task: none (a silent droid), one, or duplicates. */
    @FunctionalInterface
    interface Script {
        List<SubtaskCompleted> answer(SubtaskAssigned task);
    }

    private final KafkaProbe probe = KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers());
    private final KafkaConsumer<String, Object> consumer;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Object>> seen = new ConcurrentHashMap<>();
    private final java.util.Set<String> answered = ConcurrentHashMap.newKeySet();
    private DroidDouble() {
        MissionsAvroDeserializer values = new MissionsAvroDeserializer();
        values.configure(Map.of(), false);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "droid-double-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), values);
        consumer.subscribe(List.of(Topic.TASKS_CODE.topicName(), Topic.TASKS_TEST.topicName(), Topic.TASKS_REVIEW.topicName(),
                Topic.TASKS_DOCS.topicName(), Topic.MISSION_EVENTS.topicName()));
        Thread.ofPlatform().name("droid-double").daemon(true).start(this::run);
    }

    /** Answers the tasks of {@code missionId} with {@code script}, including those that came before. */
    synchronized void script(String missionId, Script script) {
        scripts.put(missionId, script);
        records(missionId, SubtaskAssigned.class).forEach(this::answer);
    }

    <T> List<T> records(String missionId, Class<T> type) {
        return seen.getOrDefault(missionId, List.of()).stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T> T await(String missionId, Class<T> type, java.util.function.Predicate<T> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (T record : records(missionId, type)) {
                if (match.test(record)) {
                    return record;
                }
            }
            Missions.sleep(50);
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " for " + missionId + "; saw " + seen.get(missionId));
    }

    static SubtaskCompleted result(SubtaskAssigned task, Outcome outcome, Map<String, String> artifacts) {
        return SubtaskCompleted.newBuilder()
                .setMeta(Metas.causedBy(task.getMeta(), Instant.now()))
                .setSubtaskId(task.getSubtaskId()).setAttempt(task.getAttempt()).setRole(task.getRole())
                .setDroidId("double").setOutcome(outcome)
                .setSummary(outcome == Outcome.SUCCEEDED ? "done by the double" : "the double failed")
                .setFailureReason(outcome == Outcome.FAILED ? "scripted failure" : null)
                .setArtifacts(artifacts).setCasting(task.getCasting()).setDispatchedAt(task.getMeta().getOccurredAt())
                .build();
    }

    /** The heartbeat of a droid that has started {@code task}. */
    void heartbeat(SubtaskAssigned task) {
        heartbeat(task, 0, List.of());
    }

    /** A heartbeat at {@code step} with the steps made since the last one. */
    void heartbeat(SubtaskAssigned task, int step, List<dev.missions.events.AttemptStep> steps) {
        probe.send(Topic.HEARTBEATS.topicName(), task.getMeta().getMissionId(), dev.missions.events.SubtaskHeartbeat
                .newBuilder().setMeta(Metas.causedBy(task.getMeta(), Instant.now())).setSubtaskId(task.getSubtaskId())
                .setAttempt(task.getAttempt()).setDroidId("double").setStep(step).setSteps(steps).build());
    }

    void send(SubtaskCompleted result) {
        probe.send(Topic.RESULTS.topicName(), result.getMeta().getMissionId(), result);
    }

    private void run() {
        try {
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.value() instanceof SubtaskAssigned task) {
                        seenBy(task.getMeta().getMissionId()).add(task);
                        answer(task);
                    } else if (record.value() instanceof MissionEvent event) {
                        seenBy(event.getMeta().getMissionId()).add(event);
                    }
                });
            }
        } finally {
            consumer.close();
        }
    }

    private synchronized void answer(SubtaskAssigned task) {
        Script script = scripts.get(task.getMeta().getMissionId());
        if (script != null && answered.add(task.getMeta().getEventId())) {
            script.answer(task).forEach(this::send);
        }
    }

    private List<Object> seenBy(String missionId) {
        return seen.computeIfAbsent(missionId, id -> new CopyOnWriteArrayList<>());
    }

}
