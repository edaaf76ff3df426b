package dev.missions.gateway.support;

import dev.missions.events.MissionCommand;
import dev.missions.events.MissionRequested;
import dev.missions.schemas.Topic;
import dev.missions.schemas.serde.MissionsAvroDeserializer;
import dev.missions.testsupport.KafkaProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the gateway published, read back from the real broker. */
public final class Bus {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private Bus() {
    }

    public static KafkaProbe probe() {
        return KafkaProbe.on(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public static MissionRequested awaitRequest(Predicate<MissionRequested> match) {
        return probe().awaitRecord(Topic.MISSION_REQUESTS.topicName(), MissionRequested.class, match, WAIT);
    }

    public static MissionCommand awaitCommand(Predicate<MissionCommand> match) {
        return probe().awaitRecord(Topic.MISSION_COMMANDS.topicName(), MissionCommand.class, match, WAIT);
    }

    /** Every MissionRequested on the topic now that matches. */
    public static List<MissionRequested> requests(Predicate<MissionRequested> match) {
        return all(Topic.MISSION_REQUESTS, MissionRequested.class).stream().filter(match).toList();
    }

    public static List<MissionCommand> commands(Predicate<MissionCommand> match) {
        return all(Topic.MISSION_COMMANDS, MissionCommand.class).stream().filter(match).toList();
    }

    private static <T> List<T> all(Topic topic, Class<T> type) {
        MissionsAvroDeserializer values = new MissionsAvroDeserializer();
        values.configure(Map.of(), false);
        try {
            return probe().rawRecords(topic.topicName()).stream()
                    .map(r -> values.deserialize(r.topic(), r.headers(), r.value()))
                    .filter(type::isInstance).map(type::cast).toList();
        } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException | NullPointerException e) {
            return List.of();
        }
    }

    /** The record's field as text, null-safe, for matching on a marker. */
    public static boolean mentions(MissionRequested request, String marker) {
        return String.valueOf(request.getGoal()).contains(marker) || String.valueOf(request.getTitle()).contains(marker)
                || String.valueOf(request.getContext()).contains(marker)
                || (request.getOrigin() != null && String.valueOf(request.getOrigin().getReference()).contains(marker));
    }
}
