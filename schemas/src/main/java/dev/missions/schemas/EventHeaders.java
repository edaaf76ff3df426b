package dev.missions.schemas;

import dev.missions.events.MissionEvent;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka headers beside a record's Avro value. A record on missions.events carries its event type, so a consumer that
 * wants a few types (droids want only cancellations) can skip the rest without decoding them.
 */
public final class EventHeaders {

    /** The {@link dev.missions.events.MissionEventType} of a mission event, as its name. */
    public static final String TYPE = "missions-event-type";

    private EventHeaders() {
    }

    /** The type header's value for {@code record}, null when it carries none. */
    public static String typeOf(SpecificRecord record) {
        return record instanceof MissionEvent event ? event.getType().name() : null;
    }

    /** The event type the headers name, null when they name none (a producer that does not set it). */
    public static String typeIn(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(TYPE);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
