package dev.missions.e2e.chaos;

import dev.missions.schemas.Topic;
import dev.missions.testsupport.KafkaProbe;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many records each dead-letter topic holds after the run: a mission request or a droid result that a service
 * gave up on is where a lost mission or a retried subtask comes from, so the report names them.
 */
final class DeadLetters {

    private DeadLetters() {
    }

    static Map<String, Integer> count(String bootstrapServers) {
        KafkaProbe probe = KafkaProbe.on(bootstrapServers);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Topic topic : Topic.values()) {
            int records = probe.rawRecords(topic.deadLetterTopicName()).size();
            if (records > 0) {
                counts.put(topic.deadLetterTopicName(), records);
            }
        }
        return counts;
    }
}
