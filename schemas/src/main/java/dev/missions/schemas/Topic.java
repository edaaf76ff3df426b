package dev.missions.schemas;

import dev.missions.events.MissionCommand;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionRequested;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.events.SubtaskHeartbeat;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificData;

/** The topic catalog: every topic carries exactly one record type and is keyed by missionId. */
public enum Topic {
    MISSION_REQUESTS("missions.requests", MissionRequested.class),
    MISSION_COMMANDS("missions.commands", MissionCommand.class),
    MISSION_EVENTS("missions.events", MissionEvent.class),
    TASKS_CODE("droid.tasks.code", SubtaskAssigned.class),
    TASKS_TEST("droid.tasks.test", SubtaskAssigned.class),
    TASKS_REVIEW("droid.tasks.review", SubtaskAssigned.class),
    TASKS_DOCS("droid.tasks.docs", SubtaskAssigned.class),
    HEARTBEATS("droid.heartbeats", SubtaskHeartbeat.class),
    RESULTS("droid.results", SubtaskCompleted.class);

    /** Suffix of the dead-letter topic beside each topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    private final String topicName;
    private final Class<? extends SpecificRecord> recordClass;

    Topic(String topicName, Class<? extends SpecificRecord> recordClass) {
        this.topicName = topicName;
        this.recordClass = recordClass;
    }

    public String topicName() {
        return topicName;
    }

    public String deadLetterTopicName() {
        return topicName + DLQ_SUFFIX;
    }

    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    public Schema schema() {
        return SpecificData.get().getSchema(recordClass);
    }

    public static Topic tasksFor(Role role) {
        return switch (role) {
            case CODE -> TASKS_CODE;
            case TEST -> TASKS_TEST;
            case REVIEW -> TASKS_REVIEW;
            case DOCS -> TASKS_DOCS;
        };
    }

    public static Topic byName(String topicName) {
        for (Topic topic : values()) {
            if (topic.topicName.equals(topicName)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("unknown topic '" + topicName + "'; the catalog knows " + java.util.Arrays.toString(values()));
    }
}
