package dev.missions.schemas.serde;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Avro in the Confluent wire format (0x00, 4-byte schema id, body), for every topic of every service. */
public class MissionsAvroSerializer implements Serializer<Object> {

    private AvroKafkaSerializer<Object> delegate;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> effective = RegistryMode.withDefaults(configs);
        RegistryClientFacade facade = RegistryMode.facadeFor(effective);
        delegate = facade == null ? new AvroKafkaSerializer<>() : new AvroKafkaSerializer<>(facade);
        delegate.configure(effective, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return delegate.serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return delegate.serialize(topic, headers, data);
    }

    @Override
    public void close() {
        if (delegate != null) {
            delegate.close();
        }
    }
}
