package dev.missions.droid.runtime;

import dev.missions.events.MissionEventType;
import dev.missions.schemas.EventHeaders;
import dev.missions.schemas.serde.MissionsAvroDeserializer;
import org.apache.kafka.common.header.Headers;

/**
 * The value deserializer of a droid's missions.events channel: every droid instance hears every mission event, and
 * wants only cancellations. An event whose type header names another type is not decoded (its value is null); one
 * without the header is decoded, as it always was.
 */
public class CancellationFilter extends MissionsAvroDeserializer {

    private static final String CANCELLED = MissionEventType.CANCELLED.name();

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        String type = EventHeaders.typeIn(headers);
        return type == null || type.equals(CANCELLED) ? super.deserialize(topic, headers, data) : null;
    }
}
